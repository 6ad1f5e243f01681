"""Connections to the company's learning stack, each to an open standard: single sign-on with OpenID Connect
(oidc), certificates (certificates, certificate_pdf), xAPI learning records sent to a learning record store
(xapi_*), and Moodle XML question exchange (moodle_*).

Capabilities never import this package: they record events (academy.core.events) and store question sets
(academy.learning.question_sets); the modules here turn those into statements and files.
"""
