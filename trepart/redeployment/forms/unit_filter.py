"""The lists' unit filter, kept small however many units the municipality has.

A list filtered by unit offers the units the user may choose among when they are few (a
unit leader's part of the tree); when they are many (a member sees the whole municipality),
only the top of the tree: the sectors. Choosing a unit shows its rows and those of every unit
below it. A unit not offered (a link to a list filtered by a smaller unit)
is still accepted and shown as the chosen one.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from trepart.organisation.models import Unit

# Up to this many units are all offered; beyond it only the sectors.
ALL_UNITS_UP_TO = 60


def unit_choices(units: QuerySet[Unit], chosen: Any = None) -> list[tuple[Any, Any]]:
    """The choices of the filter: every one of ``units`` if they are few, else their tops
    (those whose parent is not among them); the chosen unit is added if it is one of them."""
    ordered = units.order_by("name", "pk")
    few = list(ordered.values_list("pk", "name")[: ALL_UNITS_UP_TO + 1])
    if len(few) <= ALL_UNITS_UP_TO:
        return [("", _("All units")), *few]
    tops = list(ordered.exclude(parent__in=units).values_list("pk", "name")[: ALL_UNITS_UP_TO * 4])
    try:
        extra = int(chosen) if chosen not in (None, "") else None
    except (TypeError, ValueError):
        extra = None
    if extra is not None and extra not in {pk for pk, _name in tops}:
        tops += list(units.filter(pk=extra).values_list("pk", "name"))
    return [("", _("All units")), *tops]


class UnitFilterField(forms.TypedChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Unit"))
        super().__init__(coerce=int, required=False, empty_value=None, **kwargs)
