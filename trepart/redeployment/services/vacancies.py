"""Registering vacancies: a unit's hiring authority (or a member of the stillingsbank) puts a
vacancy in, and it is HELD from external advertising until the bank has considered it."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import versioned_edit
from trepart.organisation.models import Unit
from trepart.redeployment import privacy
from trepart.redeployment.models import Location, Qualification, Vacancy

VACANCY_EDITABLE = frozenset(
    {"unit", "title", "percent", "location", "wage_min", "wage_max", "starts_on"}
)


def check_vacancy(
    *, title: str, percent: int | None, wage_min: int | None, wage_max: int | None
) -> dict[str, list[str]]:
    """The rules a vacancy's figures follow, for the pages, the API and the import alike."""
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the position's title.")]
    if percent is not None and not 1 <= percent <= 100:
        errors["percent"] = [_("The position % must be between 1 and 100.")]
    if wage_min is not None and wage_max is not None and wage_max < wage_min:
        errors["wage_max"] = [
            _("The wage band is reversed: “to” (%(to)s) is below “from” (%(from)s).")
            % {"to": wage_max, "from": wage_min}
        ]
    return errors


def _check_refs(
    actor: Any,
    *,
    unit: Unit | None,
    location: Location | None,
    qualifications: Sequence[Qualification],
) -> None:
    municipality_id = actor.municipality_id
    if any(
        o is not None and o.municipality_id != municipality_id for o in (location, *qualifications)
    ):
        raise ValidationError(_("That belongs to another municipality."))
    if unit is not None and not privacy.hiring_units(actor).filter(pk=unit.pk).exists():
        raise ValidationError({"unit": [_("You register vacancies only for the units you lead.")]})


def _check_lists(
    required: Sequence[Qualification] | None, wanted: Sequence[Qualification] | None
) -> dict[str, list[str]]:
    both = {q.pk for q in required or ()} & {q.pk for q in wanted or ()}
    if both:
        return {"wanted": [_("A qualification is either required or wanted, not both.")]}
    return {}


@transaction.atomic
def vacancy_create(
    *,
    actor: Any,
    unit: Unit,
    title: str,
    percent: int,
    location: Location,
    wage_min: int,
    wage_max: int,
    starts_on: datetime.date,
    required: Sequence[Qualification] = (),
    wanted: Sequence[Qualification] = (),
) -> Vacancy:
    """Register a vacancy, HELD for the stillingsbank's next weekly meeting."""
    if not privacy.is_hiring_authority(actor):
        raise PermissionDenied
    _check_refs(actor, unit=unit, location=location, qualifications=[*required, *wanted])
    errors = check_vacancy(title=title, percent=percent, wage_min=wage_min, wage_max=wage_max)
    errors |= _check_lists(required, wanted)
    if errors:
        raise ValidationError(errors)
    vacancy = Vacancy(
        municipality_id=actor.municipality_id,
        unit=unit,
        title=title.strip(),
        percent=percent,
        location=location,
        wage_min=wage_min,
        wage_max=wage_max,
        starts_on=starts_on,
        status=Vacancy.Status.HELD,
        registered_by=actor if getattr(actor, "pk", None) else None,
    )
    vacancy.full_clean(exclude=["municipality", "unit", "location"])
    vacancy.save()
    vacancy.required.set(required)
    vacancy.wanted.set(wanted)
    audit_create(actor=actor, instance=vacancy)
    return vacancy


@transaction.atomic
def vacancy_update(
    *,
    actor: Any,
    vacancy: Vacancy,
    version: int,
    required: Sequence[Qualification] | None = None,
    wanted: Sequence[Qualification] | None = None,
    **fields: Any,
) -> Vacancy:
    """Correct a vacancy if nobody saved it since ``version``; its status is not changed
    here (the weekly meeting considers, offers and releases it)."""
    if not privacy.can_edit_vacancy(actor, vacancy):
        raise PermissionDenied
    unknown = set(fields) - VACANCY_EDITABLE
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    _check_refs(
        actor,
        unit=fields.get("unit"),
        location=fields.get("location"),
        qualifications=[*(required or ()), *(wanted or ())],
    )
    if "title" in fields:
        fields["title"] = fields["title"].strip()
    with versioned_edit(vacancy, actor=actor, version=version, changes=fields) as current:
        errors = check_vacancy(
            title=current.title,
            percent=current.percent,
            wage_min=current.wage_min,
            wage_max=current.wage_max,
        )
        errors |= _check_lists(
            required if required is not None else list(current.required.all()),
            wanted if wanted is not None else list(current.wanted.all()),
        )
        if errors:
            raise ValidationError(errors)
        if required is not None:
            current.required.set(required)
        if wanted is not None:
            current.wanted.set(wanted)
    return current
