"""The foundation every capability builds on: settings, the database (engine, tables, migrations),
languages and UI strings, the shared figure style, spreadsheet export and SQLite backup.

Imports nothing else from academy.
"""
