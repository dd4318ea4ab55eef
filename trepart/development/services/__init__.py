"""Development work's domain rules: one module per topic."""
