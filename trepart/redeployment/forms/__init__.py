"""The stillingsbank's forms: one module per topic. They check the input's shape; the
services the rules."""
