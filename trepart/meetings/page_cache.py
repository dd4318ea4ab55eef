"""The public meeting page, kept whole for visitors without a login.

Every visitor sees the same public page, so it is drawn once and kept until anything in
the municipality changes (``audit.cache`` keys it on the newest audit entry). Only the
CSRF token (for the language switcher) differs between visitors; the page is kept with a
placeholder and each visitor gets their own token. A visitor with a message waiting, or
with a query string, gets the page drawn afresh.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from trepart.audit.cache import KEEP_SECONDS, figure_key
from trepart.meetings.models import Meeting

TOKEN_PLACEHOLDER = "@@csrf-token@@"  # noqa: S105 - a marker replaced by each visitor's token


def _municipality_of(pk: int) -> int | None:
    """A meeting's municipality never changes, so it is kept too (None: no such meeting)."""
    key = f"meetings:municipality-of:{pk}"
    found = cache.get(key)
    if found is None:
        found = Meeting.objects.filter(pk=pk).values_list("municipality_id", flat=True).first()
        if found is not None:
            cache.set(key, found, KEEP_SECONDS)
    return found


def visitor_key(request: HttpRequest, pk: int) -> str | None:
    """The page's key for this visitor, or None when the page must be drawn for them alone."""
    if request.user.is_authenticated or request.GET or len(messages.get_messages(request)):
        return None
    municipality_id = _municipality_of(pk)
    if municipality_id is None:
        return None
    return figure_key(
        topic="meetings-public-page",
        key=f"{pk}:{get_language()}",
        municipality_id=municipality_id,
    )


def kept_page(request: HttpRequest, key: str) -> HttpResponse | None:
    page = cache.get(key)
    if page is None:
        return None
    return HttpResponse(page.replace(TOKEN_PLACEHOLDER, get_token(request)))


def keep_page(request: HttpRequest, key: str, page: str) -> HttpResponse:
    cache.set(key, page, KEEP_SECONDS)
    return HttpResponse(page.replace(TOKEN_PLACEHOLDER, get_token(request)))
