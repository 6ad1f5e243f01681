"""The thirty-behaviour activity checklist: entries and their validation, the log in the database,
pure rate arithmetic, CSV/Excel files, demo data and charts.
"""
