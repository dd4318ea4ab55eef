"""What the stillingsbank's API routers share: a refusal as the API's problem shape, and
reading the municipality's codes (qualifications, locations) in a request."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from trepart.redeployment.models import Location, Qualification


def problem(error: ValidationError, *, renamed: dict[str, str] | None = None) -> dict[str, Any]:
    errors = (
        error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    )
    names = renamed or {}
    shown = {names.get(key, key): value for key, value in errors.items()}
    return {
        "detail": " ".join(message for messages in shown.values() for message in messages),
        "errors": shown,
    }


def qualifications(user: Any, codes: list[str], *, field: str) -> list[Qualification]:
    """The qualifications with these codes; an unknown code is a refusal naming it."""
    wanted = [code.strip().upper() for code in codes if code.strip()]
    rows = {
        q.code.upper(): q
        for q in Qualification.objects.filter(municipality_id=user.municipality_id)
    }
    missing = [code for code in wanted if code not in rows]
    if missing:
        raise ValidationError(
            {field: [_("Unknown qualification codes: %(codes)s.") % {"codes": ", ".join(missing)}]}
        )
    return [rows[code] for code in dict.fromkeys(wanted)]


def locations(user: Any, codes: list[str], *, field: str) -> list[Location]:
    wanted = [code.strip().upper() for code in codes if code.strip()]
    rows = {
        row.code.upper(): row
        for row in Location.objects.filter(municipality_id=user.municipality_id)
    }
    missing = [code for code in wanted if code not in rows]
    if missing:
        raise ValidationError(
            {field: [_("Unknown location codes: %(codes)s.") % {"codes": ", ".join(missing)}]}
        )
    return [rows[code] for code in dict.fromkeys(wanted)]
