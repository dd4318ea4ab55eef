"""Reads of the organisation that filter by user, join or prefetch."""
