"""Keeping the register: putting a person in the stillingsbank and correcting their case.

Every step writes the case's history (``CaseEvent``): REGISTERED when the case is made,
CHANGED, naming the fields, when it is corrected. Outcomes and offers are other steps.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import versioned_edit
from trepart.organisation.models import Person, Unit
from trepart.redeployment import privacy
from trepart.redeployment.models import (
    CaseEvent,
    CaseKind,
    CaseStatus,
    ExpectedRedundancy,
    Location,
    Qualification,
    RedeploymentCase,
)

# What the edit page may change; the status moves only through offers and outcomes.
CASE_EDITABLE = frozenset(
    {
        "kind",
        "from_unit",
        "position",
        "percent",
        "wanted_percent",
        "wage_level",
        "qualifications_note",
        "location",
        "seniority_date",
        "social_priority",
        "max_travel_minutes",
        "needs_adapted_work",
        "adapted_work_note",
        "redundant_on",
    }
)


def check_percents(
    *, kind: str, percent: int | None, wanted_percent: int | None
) -> dict[str, list[str]]:
    """A position % of 1–100, and a wish (required for a part-time case) above it."""
    errors: dict[str, list[str]] = {}
    if percent is not None and not 1 <= percent <= 100:
        errors["percent"] = [_("The position % must be between 1 and 100.")]
    if wanted_percent is not None and not 1 <= wanted_percent <= 100:
        errors["wanted_percent"] = [_("The wished position % must be between 1 and 100.")]
    elif wanted_percent is not None and percent is not None and wanted_percent <= percent:
        errors["wanted_percent"] = [
            _("The wished position %% must be larger than the current %(percent)s %%.")
            % {"percent": percent}
        ]
    if kind == CaseKind.PART_TIME and wanted_percent is None:
        errors["wanted_percent"] = [_("Give the position % a part-time employee wishes to have.")]
    return errors


def _check_case(fields: dict[str, Any]) -> dict[str, list[str]]:
    errors = check_percents(
        kind=fields["kind"], percent=fields["percent"], wanted_percent=fields["wanted_percent"]
    )
    if not str(fields.get("position", "")).strip():
        errors["position"] = [_("Give the position the person holds.")]
    if fields.get("social_priority") is not None and not 0 <= fields["social_priority"] <= 10:
        errors["social_priority"] = [_("Social grounds are weighed from 0 to 10.")]
    if fields.get("max_travel_minutes") is not None and fields["max_travel_minutes"] < 1:
        errors["max_travel_minutes"] = [_("Give the travel time in minutes, at least 1.")]
    if fields.get("needs_adapted_work") is False and fields.get("adapted_work_note", "").strip():
        errors["adapted_work_note"] = [_("Write about adapted work only when the person needs it.")]
    return errors


def _check_same(municipality_id: int, *objects: Any) -> None:
    if any(o is not None and o.municipality_id != municipality_id for o in objects):
        raise ValidationError(_("That belongs to another municipality."))


def _event(
    *, actor: Any, case: RedeploymentCase, kind: str, why: str = "", on: datetime.date | None = None
) -> CaseEvent:
    event = CaseEvent.objects.create(
        municipality_id=case.municipality_id,
        case=case,
        kind=kind,
        on=on or timezone.localdate(),
        why=why,
        by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_create(actor=actor, instance=event)
    return event


@transaction.atomic
def case_create(
    *,
    actor: Any,
    person: Person,
    from_unit: Unit,
    position: str,
    percent: int,
    wage_level: int,
    location: Location,
    seniority_date: datetime.date,
    redundant_on: datetime.date,
    kind: str = CaseKind.REDUNDANT,
    wanted_percent: int | None = None,
    qualifications: Sequence[Qualification] = (),
    qualifications_note: str = "",
    social_priority: int = 0,
    preferred_units: Sequence[Unit] = (),
    preferred_locations: Sequence[Location] = (),
    max_travel_minutes: int | None = None,
    needs_adapted_work: bool = False,
    adapted_work_note: str = "",
) -> RedeploymentCase:
    """Put a person in the register (status ACTIVE) and write REGISTERED in the history."""
    if not privacy.is_member(actor):
        raise PermissionDenied
    bank = privacy.bank_for(actor)
    if bank is None:
        raise ValidationError(_("The municipality has no stillingsbank yet."))
    municipality_id = actor.municipality_id
    _check_same(municipality_id, person, from_unit, location, *qualifications)
    _check_same(municipality_id, *preferred_units, *preferred_locations)
    fields = {
        "kind": kind,
        "position": position.strip(),
        "percent": percent,
        "wanted_percent": wanted_percent,
        "wage_level": wage_level,
        "qualifications_note": qualifications_note.strip(),
        "seniority_date": seniority_date,
        "social_priority": social_priority,
        "max_travel_minutes": max_travel_minutes,
        "needs_adapted_work": needs_adapted_work,
        "adapted_work_note": adapted_work_note.strip(),
        "redundant_on": redundant_on,
    }
    errors = _check_case(fields)
    if kind not in CaseKind.values:
        errors["kind"] = [_("Choose the kind of case.")]
    if _has_open_case(person=person, kind=kind):
        errors["person"] = [_("This person already has an open case of this kind.")]
    inactive = [q.name for q in qualifications if not q.active]
    if inactive:
        errors["qualifications"] = [
            _("No longer in use: %(names)s.") % {"names": ", ".join(inactive)}
        ]
    if errors:
        raise ValidationError(errors)
    case = RedeploymentCase(
        municipality_id=municipality_id,
        bank=bank,
        person=person,
        from_unit=from_unit,
        location=location,
        status=CaseStatus.ACTIVE,
        created_by=actor if getattr(actor, "pk", None) else None,
        **fields,
    )
    case.full_clean(exclude=["municipality", "bank", "person", "from_unit", "location"])
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError as error:
        raise ValidationError(
            {"person": [_("This person already has an open case of this kind.")]}
        ) from error
    case.qualifications.set(qualifications)
    case.preferred_units.set(preferred_units)
    case.preferred_locations.set(preferred_locations)
    audit_create(actor=actor, instance=case)
    _event(actor=actor, case=case, kind=CaseEvent.Kind.REGISTERED, on=redundant_on)
    return case


def _has_open_case(*, person: Person, kind: str, exclude: int | None = None) -> bool:
    rows = RedeploymentCase.objects.filter(person=person, kind=kind).exclude(
        status=CaseStatus.CLOSED
    )
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return rows.exists()


def _field_names(names: Sequence[str]) -> str:
    return ", ".join(
        str(getattr(RedeploymentCase._meta.get_field(name), "verbose_name", name))
        for name in sorted(names)
    )


@transaction.atomic
def case_update(
    *,
    actor: Any,
    case: RedeploymentCase,
    version: int,
    qualifications: Sequence[Qualification] | None = None,
    preferred_units: Sequence[Unit] | None = None,
    preferred_locations: Sequence[Location] | None = None,
    **fields: Any,
) -> RedeploymentCase:
    """Correct a case's facts if nobody saved it since ``version``; CHANGED names the fields
    (never their contents) in the history."""
    if not privacy.is_member(actor) or not privacy.can_see_case(actor, case):
        raise PermissionDenied
    unknown = set(fields) - CASE_EDITABLE
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    _check_same(
        case.municipality_id,
        fields.get("from_unit"),
        fields.get("location"),
        *(qualifications or ()),
        *(preferred_units or ()),
        *(preferred_locations or ()),
    )
    for name in ("position", "qualifications_note", "adapted_work_note"):
        if name in fields:
            fields[name] = fields[name].strip()
    before = _relations(case)
    with versioned_edit(case, actor=actor, version=version, changes=fields) as current:
        values = {name: getattr(current, name) for name in CASE_EDITABLE}
        errors = _check_case(values)
        if current.kind != case.kind and _has_open_case(
            person=current.person, kind=current.kind, exclude=current.pk
        ):
            errors["kind"] = [_("This person already has an open case of this kind.")]
        if errors:
            raise ValidationError(errors)
        if qualifications is not None:
            current.qualifications.set(qualifications)
        if preferred_units is not None:
            current.preferred_units.set(preferred_units)
        if preferred_locations is not None:
            current.preferred_locations.set(preferred_locations)
        changed = [name for name in CASE_EDITABLE if getattr(case, name) != values[name]]
        changed += [name for name, ids in _relations(current).items() if ids != before[name]]
    if changed:
        _event(
            actor=actor,
            case=current,
            kind=CaseEvent.Kind.CHANGED,
            why=_("Changed: %(fields)s.") % {"fields": _field_names(changed)},
        )
    return current


def _relations(case: RedeploymentCase) -> dict[str, set[int]]:
    return {
        "qualifications": set(case.qualifications.values_list("pk", flat=True)),
        "preferred_units": set(case.preferred_units.values_list("pk", flat=True)),
        "preferred_locations": set(case.preferred_locations.values_list("pk", flat=True)),
    }


def expected_handle(*, actor: Any, expected: ExpectedRedundancy, version: int) -> None:
    """A member marks an announced redundancy as taken care of: its people are registered."""
    if not privacy.is_member(actor) or actor.municipality_id != expected.municipality_id:
        raise PermissionDenied
    with versioned_edit(expected, actor=actor, version=version) as current:
        current.handled = True
