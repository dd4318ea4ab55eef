"""The stillingsbank's views: one module per topic."""
