"""The citizen committees' writes: committees and their proposals, grants, dugnad, settings."""
