"""The preferential rights: an employee's own wish for a larger position (arbeidsmiljøloven
§ 14-3, involuntary part-time), and the daily end of § 14-2 rights whose year has passed.

A wish is a PART_TIME case in the municipality's stillingsbank, registered by the employee
themself and matched each week like the bank's other cases; the employee may withdraw it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import versioned_edit
from trepart.redeployment import privacy
from trepart.redeployment.models import (
    MATCHABLE,
    CaseEvent,
    CaseKind,
    CaseStatus,
    Location,
    RedeploymentCase,
)
from trepart.redeployment.privacy import person_of


def open_wish(user: Any) -> RedeploymentCase | None:
    """The user's own open wish for a larger position, if any."""
    person = person_of(user)
    if person is None:
        return None
    return (
        RedeploymentCase.objects.filter(
            municipality_id=user.municipality_id, person=person, kind=CaseKind.PART_TIME
        )
        .exclude(status=CaseStatus.CLOSED)
        .first()
    )


def wish_register(
    *,
    actor: Any,
    position: str,
    percent: int,
    wanted_percent: int,
    wage_level: int,
    location: Location,
    seniority_date: datetime.date,
    on: datetime.date,
) -> RedeploymentCase:
    """Register the actor's own wish for a larger position (§ 14-3) in the bank."""
    person = person_of(actor)
    if person is None or actor.municipality_id is None:
        raise ValidationError(_("Only an employee with a profile in the municipality can do this."))
    errors: dict[str, list[str]] = {}
    if not 1 <= percent < 100:
        errors["percent"] = [_("A wish for a larger position needs a part-time position.")]
    if not percent < wanted_percent <= 100:
        errors["wanted_percent"] = [
            _("The wished position % must be larger than today's, and at most 100.")
        ]
    if location.municipality_id != actor.municipality_id:
        errors["location"] = [_("Choose one of the municipality's work locations.")]
    if seniority_date > on:
        errors["seniority_date"] = [_("The seniority date cannot be in the future.")]
    if not position.strip():
        errors["position"] = [_("Give your position.")]
    if errors:
        raise ValidationError(errors)
    bank = privacy.municipal_bank(actor.municipality_id)
    if bank is None:
        raise ValidationError(_("The municipality has no stillingsbank to take the wish yet."))
    if person.unit_id is None:
        raise ValidationError(
            _("Your profile names no unit: ask HR to add it, then register the wish.")
        )
    with transaction.atomic():
        if open_wish(actor) is not None:
            raise ValidationError(_("You have already registered a wish for a larger position."))
        try:
            with transaction.atomic():
                case = RedeploymentCase.objects.create(
                    municipality_id=actor.municipality_id,
                    bank=bank,
                    kind=CaseKind.PART_TIME,
                    person=person,
                    from_unit_id=person.unit_id,
                    position=position.strip(),
                    percent=percent,
                    wanted_percent=wanted_percent,
                    wage_level=wage_level,
                    location=location,
                    seniority_date=seniority_date,
                    redundant_on=on,
                    created_by=actor,
                )
        except IntegrityError:  # the same wish sent twice at once: the database keeps one
            raise ValidationError(
                _("You have already registered a wish for a larger position.")
            ) from None
        audit_create(actor=actor, instance=case)
        event = CaseEvent.objects.create(
            municipality_id=case.municipality_id,
            case=case,
            kind=CaseEvent.Kind.REGISTERED,
            on=on,
            why=_("The employee registered a wish for a larger position (§ 14-3)."),
            by=actor,
        )
        audit_create(actor=actor, instance=event)
    return case


def wish_withdraw(
    *, actor: Any, case: RedeploymentCase, version: int | None, on: datetime.date
) -> CaseEvent:
    """The employee withdraws their own wish: the case is closed, with an event."""
    person = person_of(actor)
    if person is None or case.person_id != person.pk or case.kind != CaseKind.PART_TIME:
        raise ValidationError(_("Only the employee can withdraw their own wish."))
    with transaction.atomic(), versioned_edit(case, actor=actor, version=version) as row:
        if row.status not in MATCHABLE:
            raise ValidationError(
                _("The wish cannot be withdrawn now (“%(status)s”): contact the stillingsbank.")
                % {"status": row.get_status_display()}
            )
        row.status = CaseStatus.CLOSED
        event = CaseEvent.objects.create(
            municipality_id=row.municipality_id,
            case=row,
            kind=CaseEvent.Kind.CLOSED,
            on=on,
            why=_("The employee withdrew the wish for a larger position."),
            by=actor,
        )
        audit_create(actor=actor, instance=event)
    return event


def preferential_rights_lapse(day: datetime.date) -> dict[str, int]:
    """The daily duty: close the cases whose § 14-2 right ended before ``day``."""
    closed = 0
    due = RedeploymentCase.objects.filter(
        status=CaseStatus.PREFERENTIAL, preferential_until__lt=day
    ).order_by("pk")
    for case in due:
        with transaction.atomic(), versioned_edit(case, actor=None, version=None) as row:
            if row.status != CaseStatus.PREFERENTIAL or row.preferential_until is None:
                continue
            row.status = CaseStatus.CLOSED
            event = CaseEvent.objects.create(
                municipality_id=row.municipality_id,
                case=row,
                kind=CaseEvent.Kind.CLOSED,
                on=row.preferential_until,
                why=_("The preferential right under § 14-2 ended on %(day)s.")
                % {"day": row.preferential_until.isoformat()},
                consequences=_("The case is closed: the employee is no longer in the register."),
            )
            audit_create(actor=None, instance=event)
        closed += 1
    return {"closed": closed}
