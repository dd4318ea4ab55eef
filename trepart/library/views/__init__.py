"""The library's pages: reading (open to visitors for public documents) and editing."""
