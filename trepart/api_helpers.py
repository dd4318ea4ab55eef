"""What every router of the JSON API does first: find the caller, and find a row of theirs
or answer 404 so the API does not confirm that something outside their reach exists."""

from __future__ import annotations

from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja.errors import HttpError

LANGUAGES = {code for code, _name in settings.LANGUAGES}

M = TypeVar("M", bound=Model)


def caller(request: HttpRequest) -> Any:
    """The authenticated user, who must belong to a municipality; speaks their language."""
    user: Any = request.auth  # type: ignore[attr-defined]
    if user.municipality_id is None:
        raise HttpError(403, _("Your account does not belong to a municipality."))
    # A token request passes the language middleware before the token is read, so the
    # profile's language is applied here unless the request asked for one itself.
    if (
        settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
        and "HTTP_ACCEPT_LANGUAGE" not in request.META
    ):
        language = user.language or user.municipality.language
        if language in LANGUAGES:
            translation.activate(language)
    return user


def not_found() -> HttpError:
    return HttpError(404, _("Not found."))


def one_or_404(items: QuerySet[M], pk: int) -> M:
    """The row of ``items`` with ``pk``, or a 404 when it is not among them."""
    found = items.filter(pk=pk).first()
    if found is None:
        raise not_found()
    return found
