"""When the database cannot be reached or stays locked: 503 with Retry-After, not a 500.

Django turns an exception into a response at the innermost middleware it passes through,
so a wrapping middleware would never see the error raised inside the session or
authentication middleware. The 500 handler does see every one of them (it runs while the
exception is being handled), so that is where a database outage is told apart.

The answer touches nothing that could fail again: no session, no user, no context
processors; the language comes from the request as LocaleMiddleware read it (cookie, then
Accept-Language) or, if the failure came before it, straight from the request.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults

RETRY_AFTER_SECONDS = 30
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def is_outage(error: BaseException | None) -> bool:
    """Whether ``error`` says the database cannot be reached (or stays locked) just now.

    SQLite reports a missing table or column as an OperationalError too; that is a
    database not migrated, which waiting will not mend, so it stays a 500.
    """
    if not isinstance(error, DATABASE_UNAVAILABLE):
        return False
    return not str(error).startswith(("no such table", "no such column"))


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler: a database outage becomes 503, anything else Django's 500 page."""
    if is_outage(sys.exc_info()[1]):
        return database_unavailable(request)
    return defaults.server_error(request)


def _language(request: HttpRequest) -> str:
    return getattr(request, "LANGUAGE_CODE", "") or translation.get_language_from_request(request)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    language = _language(request)
    response: HttpResponse
    with translation.override(language):
        detail = _(
            "Trepart cannot reach its database just now, so nothing you sent was saved. "
            "Please try again in a minute."
        )
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"title": _("Service unavailable"), "status": 503, "detail": detail},
                status=503,
                content_type="application/problem+json",
                json_dumps_params={"ensure_ascii": False},
            )
        else:
            html = render_to_string("503.html", {"LANGUAGE_CODE": language, "detail": detail})
            response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Content-Language"] = language
    response["Cache-Control"] = "no-store"
    return response
