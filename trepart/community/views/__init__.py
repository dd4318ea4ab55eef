"""The citizen committees' pages: one module per topic."""
