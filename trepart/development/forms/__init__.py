"""Forms of the development work: one module per topic."""
