"""The API's input and output shapes, one module per topic."""
