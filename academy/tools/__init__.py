"""The field tools a seller uses on real accounts: relationship scorecard, decision-unit map,
opportunity assessment and ratio calculator, with their tables and charts (private to each user).
"""
