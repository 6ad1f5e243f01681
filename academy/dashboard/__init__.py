"""The cohort dashboard for trainers: queries scoped to one cohort, tables with translated headers,
and charts. It reads learning, checklist and classroom data; nothing depends on it.
"""
