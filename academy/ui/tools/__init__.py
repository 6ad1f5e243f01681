"""The Field tools page's pieces: one module per tool, and what they share."""
