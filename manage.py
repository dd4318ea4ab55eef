#!/usr/bin/env python
"""Django's manage.py; ``trepart`` is the same with a local key for SQLite use."""

from trepart.cli import main

if __name__ == "__main__":
    main()
