"""What the committees' pages share: the municipality a page is about (the user's own, or
for a visitor the one the address names) and a service's errors put on the form."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest

from trepart.community.models import Committee
from trepart.community.selectors.committees import committee_get
from trepart.organisation import public
from trepart.organisation.models import Municipality


def page_municipality(request: HttpRequest) -> Municipality | None:
    user: Any = request.user
    if user.is_authenticated and user.municipality_id is not None:
        return user.municipality  # type: ignore[no-any-return]
    return public.public_municipality(request)


def committee_or_404(request: HttpRequest, pk: int) -> Committee:
    municipality = page_municipality(request)
    if municipality is None:
        raise Http404
    try:
        return committee_get(pk=pk, municipality_id=municipality.pk)
    except Committee.DoesNotExist as missing:
        raise Http404 from missing


def add_form_errors(form: Any, error: ValidationError) -> None:
    """Attach a service's errors to the form beside the fields they concern."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def visitor_suffix(request: HttpRequest, municipality: Municipality) -> str:
    """A visitor's links keep naming the municipality (``?kommune=``); a user's need not."""
    if request.user.is_authenticated:
        return ""
    return f"?kommune={municipality.organisation_number}"
