"""The course as data: strict schemas, loading and cross-checking every file with file-and-field
errors, the tool rubrics, fixed framework facts, and the course exported as plain data.

Imports only academy.core.
"""
