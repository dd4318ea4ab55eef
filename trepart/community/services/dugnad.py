"""Dugnad entries: registered by a committee's members, checked before anything is saved."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create, audit_delete
from trepart.community import privacy
from trepart.community.models import Committee, DugnadEntry, HoursBasis
from trepart.organisation.selectors import today

MAX_HOURS_PER_PERSON = Decimal(24 * 7)
MAX_PEOPLE = 100_000


def _checked(
    *, held_on: datetime.date, what: str, place: str, people: int, hours: Any, basis: str
) -> tuple[Decimal, Decimal]:
    errors: dict[str, list[str]] = {}
    if held_on > today():
        errors["held_on"] = [_("A dugnad cannot be registered before it has taken place.")]
    if not what.strip():
        errors["what"] = [_("Say what was done.")]
    if not place.strip():
        errors["place"] = [_("Say where it was done.")]
    if people is None or people < 1:
        errors["people"] = [_("At least one person must have taken part.")]
    elif people > MAX_PEOPLE:
        errors["people"] = [_("That is more people than a dugnad can have; check the figure.")]
    try:
        value = Decimal(str(hours)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        value = Decimal(0)
    if value <= 0:
        errors["hours"] = [_("The hours must be more than zero.")]
    if basis not in HoursBasis.values:
        errors["hours_basis"] = [_("Say whether the hours are per person or in total.")]
    if errors:
        raise ValidationError(errors)
    total = value * people if basis == HoursBasis.PER_PERSON else value
    if total / people > MAX_HOURS_PER_PERSON:
        raise ValidationError(
            {"hours": [_("That is more than a week's hours per person; check the figure.")]}
        )
    return value, total


@transaction.atomic
def dugnad_add(
    *,
    actor: Any,
    committee: Committee,
    held_on: datetime.date,
    what: str,
    place: str,
    people: int,
    hours: Decimal | float | int | str,
    hours_basis: str = HoursBasis.PER_PERSON,
) -> DugnadEntry:
    """Register a dugnad; hours are per person or in total, as ``hours_basis`` says."""
    if not privacy.can_report(actor, committee):
        raise PermissionDenied
    value, total = _checked(
        held_on=held_on, what=what, place=place, people=people, hours=hours, basis=hours_basis
    )
    entry = DugnadEntry.objects.create(
        municipality_id=committee.municipality_id,
        committee=committee,
        held_on=held_on,
        year=held_on.year,
        what=what.strip(),
        place=place.strip(),
        people=people,
        hours=value,
        hours_basis=hours_basis,
        total_hours=total,
        registered_by=actor,
    )
    audit_create(actor=actor, instance=entry)
    return entry


@transaction.atomic
def dugnad_delete(*, actor: Any, entry: DugnadEntry) -> None:
    """Take back an entry registered by mistake."""
    if not privacy.can_report(actor, entry.committee):
        raise PermissionDenied
    audit_delete(actor=actor, instance=entry)
    entry.delete()
