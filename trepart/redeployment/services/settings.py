"""What the municipality and its unions have agreed, kept by its administrators and the
stillingsbank's chair: the suitability rules, the qualifications list, the work locations
and the travel times between them (each pair stored once, the lower id first)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create, audit_delete, audit_update, snapshot
from trepart.audit.writes import versioned_edit
from trepart.organisation.models import Municipality
from trepart.redeployment import privacy
from trepart.redeployment.models import Location, MatchingRules, Qualification, TravelTime

RULES_EDITABLE = frozenset(
    {
        "percent_tolerance",
        "wage_not_lower",
        "max_travel_minutes",
        "selection",
        "answer_days",
        "preferential_months",
        "agreed_on",
        "agreement",
    }
)


def _editor(actor: Any) -> None:
    if not privacy.can_edit_settings(actor):
        raise PermissionDenied


def rules_ensure(*, municipality: Municipality) -> MatchingRules:
    """The municipality's rules, made with the defaults the first time they are asked for."""
    rules, _made = MatchingRules.objects.get_or_create(municipality=municipality)
    return rules


def rules_update(*, actor: Any, rules: MatchingRules, version: int, **fields: Any) -> MatchingRules:
    """Change the agreed rules if nobody saved them since ``version``."""
    _editor(actor)
    if rules.municipality_id != actor.municipality_id:
        raise PermissionDenied
    unknown = set(fields) - RULES_EDITABLE
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "agreement" in fields:
        fields["agreement"] = fields["agreement"].strip()
    with versioned_edit(rules, actor=actor, version=version, changes=fields) as current:
        pass
    return current


def _code(code: str) -> str:
    cleaned = code.strip().upper()
    if not cleaned:
        raise ValidationError({"code": [_("Give a short code.")]})
    return cleaned


@transaction.atomic
def qualification_add(
    *, actor: Any, code: str, name: str, is_certification: bool = False
) -> Qualification:
    """Add an entry to the controlled list; its code is unique in the municipality."""
    _editor(actor)
    code = _code(code)
    if not name.strip():
        raise ValidationError({"name": [_("Give the qualification a name.")]})
    taken = Qualification.objects.filter(municipality_id=actor.municipality_id, code=code)
    if taken.exists():
        raise ValidationError({"code": [_("The code “%(code)s” is taken.") % {"code": code}]})
    row = Qualification.objects.create(
        municipality_id=actor.municipality_id,
        code=code,
        name=name.strip(),
        is_certification=is_certification,
    )
    audit_create(actor=actor, instance=row)
    return row


def qualification_update(
    *,
    actor: Any,
    qualification: Qualification,
    version: int | None,
    name: str,
    is_certification: bool,
    active: bool,
) -> Qualification:
    """Rename an entry, or take it out of use (cases and vacancies keep it), if nobody
    changed it since ``version``."""
    _editor(actor)
    if qualification.municipality_id != actor.municipality_id:
        raise PermissionDenied
    if not name.strip():
        raise ValidationError({"name": [_("Give the qualification a name.")]})
    changes = {"name": name.strip(), "is_certification": is_certification, "active": active}
    with versioned_edit(qualification, actor=actor, version=version, changes=changes) as row:
        pass
    return row


def location_update(*, actor: Any, location: Location, version: int | None, name: str) -> Location:
    """Rename a work location (its code stays), if nobody changed it since ``version``."""
    _editor(actor)
    if location.municipality_id != actor.municipality_id:
        raise PermissionDenied
    if not name.strip():
        raise ValidationError({"name": [_("Give the location a name.")]})
    with versioned_edit(
        location, actor=actor, version=version, changes={"name": name.strip()}
    ) as row:
        pass
    return row


@transaction.atomic
def location_add(*, actor: Any, code: str, name: str) -> Location:
    """Add a work location; its code is unique in the municipality."""
    _editor(actor)
    code = _code(code)
    if not name.strip():
        raise ValidationError({"name": [_("Give the location a name.")]})
    if Location.objects.filter(municipality_id=actor.municipality_id, code=code).exists():
        raise ValidationError({"code": [_("The code “%(code)s” is taken.") % {"code": code}]})
    row = Location.objects.create(
        municipality_id=actor.municipality_id, code=code, name=name.strip()
    )
    audit_create(actor=actor, instance=row)
    return row


@transaction.atomic
def travel_times_set(*, actor: Any, times: Sequence[tuple[Location, Location, int | None]]) -> int:
    """Store the travel times given (``None`` removes one), each pair once with the lower
    id first. A place paired with itself, or a pair given twice, refuses the whole set.
    Returns how many pairs changed."""
    _editor(actor)
    errors: list[str] = []
    seen: set[tuple[int, int]] = set()
    wanted: dict[tuple[int, int], int | None] = {}
    for origin, destination, minutes in times:
        if actor.municipality_id not in (origin.municipality_id, destination.municipality_id):
            raise PermissionDenied
        if origin.municipality_id != destination.municipality_id:
            raise PermissionDenied
        if origin.pk == destination.pk:
            errors.append(
                _("%(place)s cannot have a travel time to itself.") % {"place": origin.name}
            )
            continue
        first, second = sorted((origin, destination), key=lambda location: location.pk)
        key = (first.pk, second.pk)
        if key in seen:
            errors.append(
                _("The travel time between %(a)s and %(b)s is given twice.")
                % {"a": first.name, "b": second.name}
            )
            continue
        seen.add(key)
        if minutes is not None and not 0 <= minutes <= 1440:
            errors.append(
                _("The travel time between %(a)s and %(b)s must be 0 to 1440 minutes.")
                % {"a": first.name, "b": second.name}
            )
            continue
        wanted[key] = minutes
    if errors:
        raise ValidationError(errors)
    stored = {
        (row.origin_id, row.destination_id): row
        for row in TravelTime.objects.select_for_update().filter(
            municipality_id=actor.municipality_id
        )
    }
    changed = 0
    for (origin_id, destination_id), minutes in wanted.items():
        row = stored.get((origin_id, destination_id))
        if row is None and minutes is not None:
            row = TravelTime.objects.create(
                municipality_id=actor.municipality_id,
                origin_id=origin_id,
                destination_id=destination_id,
                minutes=minutes,
            )
            audit_create(actor=actor, instance=row)
        elif row is not None and minutes is None:
            audit_delete(actor=actor, instance=row)
            row.delete()
        elif row is not None and row.minutes != minutes:
            before = snapshot(row)
            row.minutes = minutes  # type: ignore[assignment]
            row.save(update_fields=["minutes"])
            audit_update(actor=actor, instance=row, before=before)
        else:
            continue
        changed += 1
    return changed
