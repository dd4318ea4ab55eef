"""What the stillingsbank's API routers share: a refusal as the API's problem shape, and
reading the municipality's codes (qualifications, locations) in a request, and the rows'
addresses."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext as _

from trepart.platform.urls import absolute_url
from trepart.redeployment.models import Location, Qualification

# A key no row has, reversed in place of the row's.
_MARK = 987654321


def detail_urls(name: str) -> Callable[[int], str]:
    """The full address of a row's page by its key, the URL reversed once for a whole list
    (reversing it for each row costs more than the rest of the row)."""
    head, tail = absolute_url(reverse(name, args=[_MARK])).split(str(_MARK), 1)
    return lambda pk: f"{head}{pk}{tail}"


def _under(target: str, order: str) -> str:
    return f"-{target}__{order[1:]}" if order.startswith("-") else f"{target}__{order}"


def many_values(
    model: type[Model], name: str, keys: Iterable[int], value: str
) -> dict[int, list[Any]]:
    """For each row of ``keys``, the ``value`` of the rows its many-to-many ``name`` leads
    to (in their usual order), read in one query: a page of a list allocates far less this
    way than with a prefetch, which builds a queryset for every row."""
    field: Any = model._meta.get_field(name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    ordering = field.related_model._meta.ordering or ["pk"]
    found: dict[int, list[Any]] = defaultdict(list)
    rows = (
        through.objects.filter(**{f"{source}_id__in": list(keys)})
        .order_by(*(_under(target, str(order)) for order in ordering))
        .values_list(f"{source}_id", f"{target}__{value}")
    )
    for key, item in rows:
        found[key].append(item)
    return found


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
