"""Forms of Felles analyse, one module per topic."""
