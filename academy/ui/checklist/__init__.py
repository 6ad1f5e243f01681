"""The checklist page's pieces: one module per tab."""
