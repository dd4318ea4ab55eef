"""Template tags of the development work."""
