"""Which municipality a visitor without a login is looking at."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from trepart.organisation.models import Municipality


def public_municipality(request: HttpRequest) -> Municipality | None:
    """``?kommune=<organisation number>``, or the installation's only municipality.

    ``None`` when the installation serves several and the address names none: the page
    then asks the visitor to choose. An unknown number is a 404.
    """
    number = request.GET.get("kommune", "")
    if number:
        return get_object_or_404(Municipality, organisation_number=number)
    only = list(Municipality.objects.order_by("pk")[:2])
    return only[0] if len(only) == 1 else None


def choices() -> list[tuple[str, str]]:
    """Every municipality as (organisation number, name), for a visitor to choose from."""
    return list(Municipality.objects.order_by("name").values_list("organisation_number", "name"))
