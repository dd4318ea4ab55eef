"""The shapes of the development work's API, one module per topic."""
