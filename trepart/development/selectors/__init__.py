"""Development work's reads: one module per topic."""
