"""Development work's pages: one module per topic."""
