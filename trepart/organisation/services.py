"""Writes to the organisation. Each service validates, audits and owns its transaction."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import versioned_edit
from trepart.organisation.models import (
    Body,
    CompositionRule,
    Membership,
    Municipality,
    Party,
    Person,
    Unit,
)
from trepart.organisation.selectors import BodyStatus, body_status, unit_tree


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


def _create(*, actor: Any, instance: Any, related: tuple[Any, ...] = ()) -> Any:
    """Validate, save and audit a new row whose related rows must share its municipality."""
    _check_same_municipality(instance.municipality_id, *related)
    _validated(instance).save()
    audit_create(actor=actor, instance=instance)
    return instance


def _update(
    *,
    actor: Any,
    instance: Any,
    version: int,
    editable: frozenset[str],
    fields: dict[str, Any],
    related: tuple[str, ...] = (),
    check: Callable[[Any], None] | None = None,
) -> Any:
    """Apply ``fields``, check them, and save only if nobody saved since ``version``."""
    unknown = set(fields) - editable
    if unknown:
        raise TypeError(f"{type(instance).__name__} fields that cannot be changed: {unknown}")
    with versioned_edit(instance, actor=actor, version=version, changes=fields) as row:
        _check_same_municipality(row.municipality_id, *(getattr(row, r) for r in related))
        if check is not None:
            check(row)
    # The caller's object shows what was saved, as the admin and the views expect.
    instance.__dict__.update(row.__dict__)
    return instance


def _check_unit_parent(unit: Unit) -> None:
    if unit.parent_id is None or unit.pk is None:
        return
    # The stored tree, before this change: the new parent must not lie under the unit.
    below = unit_tree(municipality_id=unit.municipality_id).subtree_ids([unit.pk])
    if unit.parent_id in below or unit.parent_id == unit.pk:
        raise ValidationError({"parent": _("A unit cannot lie under itself.")})


@transaction.atomic
def unit_create(*, actor: Any, municipality: Municipality, **fields: Any) -> Unit:
    """Add a unit (a workplace or a sector) to the municipality's tree."""
    unit = Unit(municipality=municipality, **fields)
    return _create(actor=actor, instance=unit, related=(unit.parent,))


@transaction.atomic
def unit_update(*, actor: Any, unit: Unit, version: int, **fields: Any) -> Unit:
    """Change a unit, refusing if someone else saved it since ``version``."""
    return _update(
        actor=actor,
        instance=unit,
        version=version,
        fields=fields,
        editable=frozenset({"parent", "code", "name", "kind", "employee_count"}),
        related=("parent",),
        check=_check_unit_parent,
    )


@transaction.atomic
def person_create(*, actor: Any, municipality: Municipality, **fields: Any) -> Person:
    """Register a person: an employee, a politician or a citizen."""
    person = Person(municipality=municipality, **fields)
    return _create(actor=actor, instance=person, related=(person.unit,))


PERSON_EDITABLE = frozenset(
    {
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
    }
)


@transaction.atomic
def person_update(*, actor: Any, person: Person, version: int, **fields: Any) -> Person:
    """Change a person's details, refusing if someone else saved them since ``version``."""
    return _update(
        actor=actor,
        instance=person,
        version=version,
        fields=fields,
        editable=PERSON_EDITABLE,
        related=("unit",),
    )


@transaction.atomic
def body_create(
    *,
    actor: Any,
    municipality: Municipality,
    rules: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> Body:
    """Create a body and the composition rules it must follow."""
    body = _create(
        actor=actor,
        instance=Body(municipality=municipality, **fields),
        related=(fields.get("unit"), fields.get("parent")),
    )
    for rule in rules or []:
        created = CompositionRule.objects.create(body=body, **rule)
        audit_create(actor=actor, instance=created)
    return body


# What a body's edit page may change (the page's form shows exactly these).
BODY_EDITABLE = frozenset(
    {
        "name",
        "kind",
        "parent",
        "unit",
        "mandate",
        "is_statutory_5_11",
        "established",
        "answer_deadline_days",
        "decides_by_consensus",
        "agenda_days_before",
    }
)


@transaction.atomic
def body_update(*, actor: Any, body: Body, version: int, **fields: Any) -> Body:
    """Change a body's details, refusing if someone else saved it since ``version``."""
    return _update(
        actor=actor,
        instance=body,
        version=version,
        fields=fields,
        editable=BODY_EDITABLE,
        related=("unit", "parent"),
    )


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
    _lock_body(body.pk)
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


@transaction.atomic
def membership_update(
    *, actor: Any, membership: Membership, version: int, **fields: Any
) -> tuple[Membership, BodyStatus]:
    """Change a seat (role, term …); ending a term is setting ``end``."""
    _lock_body(membership.body_id)
    _update(
        actor=actor,
        instance=membership,
        version=version,
        fields=fields,
        editable=frozenset({"party", "role", "capacity", "voting", "start", "end"}),
        check=_check_membership,
    )
    return membership, body_status(membership.body)


def _lock_body(body_id: int) -> None:
    """Seat changes of one body happen one at a time, so overlapping terms are caught."""
    Body.objects.select_for_update().filter(pk=body_id).values_list("pk").first()
