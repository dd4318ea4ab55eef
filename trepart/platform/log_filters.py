"""Filters for the log (``LOGGING`` in settings).

Django logs a refused request (403) as a warning with the ``PermissionDenied`` traceback
attached. A refusal is the permission checks doing their job, not a fault: one line says
who was refused what, and a traceback per click would bury the errors that matter.
"""

from __future__ import annotations

import logging


class RefusalsOnOneLine(logging.Filter):
    """Drop the traceback from the log record of a 403 response; keep the line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
