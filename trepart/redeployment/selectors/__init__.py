"""The stillingsbank's selectors: one module per topic."""
