"""Development work's forms: one module per topic."""
