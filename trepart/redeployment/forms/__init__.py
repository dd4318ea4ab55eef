"""The stillingsbank's forms, by topic."""
