"""What every router of the JSON API does first: find the caller, and find a row of theirs
or answer 404 so the API does not confirm that something outside their reach exists; and
how a refusal by the rules is answered (``problem``, the body of a 400)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

LANGUAGES = {code for code, _name in settings.LANGUAGES}

M = TypeVar("M", bound=Model)

# Every integer the API takes is held to what the database can store, so a number past
# 64 bits is the usual 422 rather than an overflow in the database driver.
BIGINT_MAX = 2**63 - 1
INT_MAX = 2**31 - 1

#: A row's id (path or query or body): 1 to the largest 64-bit integer.
Id = Annotated[int, Field(ge=1, le=BIGINT_MAX)]
#: How many items to skip.
Offset = Annotated[int, Field(ge=0, le=BIGINT_MAX)]
#: A count or amount stored in a ``PositiveIntegerField`` (a version, kroner).
PositiveInt = Annotated[int, Field(ge=0, le=INT_MAX)]

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_day(value: Any) -> Any:
    # pydantic alone reads "0" as 1 January 1970 (a Unix time); a day is written YYYY-MM-DD.
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value):
        raise PydanticCustomError(
            "date_format",
            "{message}",
            {"message": _("Write the day as YYYY-MM-DD, like 2026-03-31.")},
        )
    return value


#: A calendar day, written YYYY-MM-DD and nothing else.
Day = Annotated[datetime.date, BeforeValidator(_iso_day)]


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


def problem(error: ValidationError, *, renamed: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A refusal by the rules as the body of a 400 (``Problem``): every message in ``detail``,
    and by field in ``errors``, with the API's names for the fields ``renamed`` gives."""
    by_field = error.message_dict if hasattr(error, "error_dict") else {}
    if not by_field:
        by_field = {NON_FIELD_ERRORS: error.messages}
    names = renamed or {}
    errors = {names.get(field, field): messages for field, messages in by_field.items()}
    return {
        "detail": " ".join(message for messages in errors.values() for message in messages),
        "errors": errors,
    }
