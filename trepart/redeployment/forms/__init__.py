"""The stillingsbank's forms, one module per topic."""
