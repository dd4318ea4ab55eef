"""Stored files (uploads): the content check every upload passes (content.py) and the
abstract model and download response every app's stored file shares (stored.py)."""
