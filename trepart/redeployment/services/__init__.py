"""The stillingsbank's services: one module per topic."""
