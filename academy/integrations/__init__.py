"""Fitting the company's learning stack: single sign-on (oidc), certificates (certificates, certificate_pdf)."""
