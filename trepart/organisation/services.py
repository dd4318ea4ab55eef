"""Writes to the organisation. Each service validates, audits and owns its transaction."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create, audit_update, snapshot
from trepart.concurrency import save_versioned
from trepart.organisation.models import (
    Body,
    CompositionRule,
    Membership,
    Municipality,
    Party,
    Person,
    Unit,
)
from trepart.organisation.selectors import BodyStatus, body_status


def _check_same_municipality(municipality_id: int, *objects: Any) -> None:
    for obj in objects:
        if obj is not None and obj.municipality_id != municipality_id:
            raise ValidationError(_("That belongs to another municipality."))


def _validated(instance: Any) -> Any:
    instance.full_clean(validate_constraints=True)
    return instance


@transaction.atomic
def municipality_create(
    *,
    actor: Any,
    name: str,
    organisation_number: str,
    language: str = "nb",
    require_mfa_for_admins: bool = True,
) -> Municipality:
    """Create a municipality, the tenant every other row belongs to."""
    municipality = _validated(
        Municipality(
            name=name,
            organisation_number=organisation_number,
            language=language,
            require_mfa_for_admins=require_mfa_for_admins,
        )
    )
    municipality.save()
    audit_create(actor=actor, instance=municipality)
    return municipality


UNIT_FIELDS = ["parent", "code", "name", "kind", "employee_count"]


def _check_unit_parent(unit: Unit) -> None:
    seen = {unit.pk}
    parent = unit.parent
    while parent is not None:
        if parent.pk in seen:
            raise ValidationError({"parent": _("A unit cannot lie under itself.")})
        seen.add(parent.pk)
        parent = parent.parent


@transaction.atomic
def unit_create(*, actor: Any, municipality: Municipality, **fields: Any) -> Unit:
    """Add a unit (a workplace or a sector) to the municipality's tree."""
    unit = Unit(municipality=municipality, **fields)
    _check_same_municipality(municipality.pk, unit.parent)
    _validated(unit).save()
    audit_create(actor=actor, instance=unit)
    return unit


@transaction.atomic
def unit_update(*, actor: Any, unit: Unit, version: int, **fields: Any) -> Unit:
    """Change a unit, refusing if someone else saved it since ``version``."""
    before = snapshot(Unit.objects.get(pk=unit.pk))
    for name, value in fields.items():
        setattr(unit, name, value)
    _check_same_municipality(unit.municipality_id, unit.parent)
    _check_unit_parent(unit)
    _validated(unit)
    save_versioned(unit, expected_version=version, fields=[f for f in UNIT_FIELDS if f in fields])
    audit_update(actor=actor, instance=unit, before=before)
    return unit


PERSON_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "kind",
    "unit",
    "position",
    "is_leader",
    "political_party",
    "union",
    "external_id",
]


@transaction.atomic
def person_create(*, actor: Any, municipality: Municipality, **fields: Any) -> Person:
    """Register a person: an employee, a politician or a citizen."""
    person = Person(municipality=municipality, **fields)
    _check_same_municipality(municipality.pk, person.unit)
    _validated(person).save()
    audit_create(actor=actor, instance=person)
    return person


@transaction.atomic
def person_update(*, actor: Any, person: Person, version: int, **fields: Any) -> Person:
    """Change a person's details, refusing if someone else saved them since ``version``."""
    before = snapshot(Person.objects.get(pk=person.pk))
    for name, value in fields.items():
        setattr(person, name, value)
    _check_same_municipality(person.municipality_id, person.unit)
    _validated(person)
    save_versioned(
        person, expected_version=version, fields=[f for f in PERSON_FIELDS if f in fields]
    )
    audit_update(actor=actor, instance=person, before=before)
    return person


@transaction.atomic
def body_create(
    *,
    actor: Any,
    municipality: Municipality,
    rules: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> Body:
    """Create a body and the composition rules it must follow."""
    body = Body(municipality=municipality, **fields)
    _check_same_municipality(municipality.pk, body.unit, body.parent)
    _validated(body).save()
    audit_create(actor=actor, instance=body)
    for rule in rules or []:
        created = CompositionRule.objects.create(body=body, **rule)
        audit_create(actor=actor, instance=created)
    return body


BODY_FIELDS = ["name", "kind", "parent", "unit", "mandate", "is_statutory_5_11", "established"]


@transaction.atomic
def body_update(*, actor: Any, body: Body, version: int, **fields: Any) -> Body:
    """Change a body's details, refusing if someone else saved it since ``version``."""
    before = snapshot(Body.objects.get(pk=body.pk))
    for name, value in fields.items():
        setattr(body, name, value)
    _check_same_municipality(body.municipality_id, body.unit, body.parent)
    _validated(body)
    save_versioned(body, expected_version=version, fields=[f for f in BODY_FIELDS if f in fields])
    audit_update(actor=actor, instance=body, before=before)
    return body


def _check_membership(membership: Membership) -> None:
    errors: dict[str, str] = {}
    if membership.end and membership.end < membership.start:
        errors["end"] = _("The term cannot end before it starts.")
    if membership.party == Party.EMPLOYEE and membership.person.kind != Person.Kind.EMPLOYEE:
        errors["party"] = _("Only employees can sit for the employees.")
    if membership.party == Party.ADMINISTRATION and membership.person.kind != Person.Kind.EMPLOYEE:
        errors["party"] = _("The administration is represented by its employees and leaders.")
    if membership.party == Party.POLITICAL and membership.person.kind != Person.Kind.POLITICIAN:
        errors["party"] = _("Only elected politicians can sit for the politicians.")
    overlapping = Membership.objects.filter(
        body_id=membership.body_id, person_id=membership.person_id
    ).exclude(pk=membership.pk)
    for other in overlapping:
        other_end = other.end or datetime.date.max
        end = membership.end or datetime.date.max
        if other.start <= end and membership.start <= other_end:
            errors["person"] = _("%(person)s already has a seat in this body for that period.") % {
                "person": membership.person.full_name
            }
            break
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def membership_add(
    *,
    actor: Any,
    body: Body,
    person: Person,
    party: str,
    role: str = Membership.Role.MEMBER,
    capacity: str = Membership.Capacity.OTHER,
    voting: bool = True,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> tuple[Membership, BodyStatus]:
    """Give a person a seat; returns the body's status so a broken rule is shown at once.

    A body is built up one seat at a time and passes through states that break its
    rules, so a breach does not block the save: it is returned and shown, and the body
    stays flagged until it is put right.
    """
    _check_same_municipality(body.municipality_id, person)
    membership = Membership(
        municipality_id=body.municipality_id,
        body=body,
        person=person,
        party=party,
        role=role,
        capacity=capacity,
        voting=voting,
        start=start or timezone.localdate(),
        end=end,
    )
    _validated(membership)
    _check_membership(membership)
    membership.save()
    audit_create(actor=actor, instance=membership)
    return membership, body_status(body)


MEMBERSHIP_FIELDS = ["party", "role", "capacity", "voting", "start", "end"]


@transaction.atomic
def membership_update(
    *, actor: Any, membership: Membership, version: int, **fields: Any
) -> tuple[Membership, BodyStatus]:
    """Change a seat (role, term …); ending a term is setting ``end``."""
    before = snapshot(Membership.objects.get(pk=membership.pk))
    for name, value in fields.items():
        setattr(membership, name, value)
    _validated(membership)
    _check_membership(membership)
    save_versioned(
        membership,
        expected_version=version,
        fields=[f for f in MEMBERSHIP_FIELDS if f in fields],
    )
    audit_update(actor=actor, instance=membership, before=before)
    return membership, body_status(membership.body)
