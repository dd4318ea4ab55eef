"""Absolute addresses: the one place a path becomes a link someone can open elsewhere.

E-mails, the citizen's tracking link, survey links, calendar feeds, PDFs and the API all
build their links here, from ``TREPART_BASE_URL``: the address people reach Trepart at,
which ``trepart serve`` sets from its ``--host`` and ``--port`` unless it is given.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """``path`` (as ``reverse()`` gives it, starting with ``/``) as a full address."""
    if not path.startswith("/"):
        raise ValueError(f"an absolute link needs a path from the site's root: {path[:80]!r}")
    return str(settings.TREPART_BASE_URL) + path


def site_host() -> str:
    """The host name of the configured address (for identifiers such as iCal UIDs)."""
    return urlsplit(str(settings.TREPART_BASE_URL)).hostname or "trepart"
