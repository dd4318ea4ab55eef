"""Outcomes of a case: placed, retraining, temporary assignment, declined suitable work,
notice process started, re-hired under § 14-2, closed.

Each outcome is a ``CaseEvent`` (date, who, why and, for a decline, its consequences) and a
change of the case's status, written together through ``versioned_edit`` with the version
the user saw, so two people recording at once cannot overwrite each other. A notice keeps
the person for ``preferential_months`` with the preferential right of arbeidsmiljøloven
§ 14-2; the right lapses if a suitable offer is not accepted (§ 14-2 fourth paragraph), so
declining suitable work in that state ends it.
"""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trepart.audit.services import audit_create
from trepart.audit.writes import versioned_edit
from trepart.platform import formatting
from trepart.redeployment.models import (
    MATCHABLE,
    CaseEvent,
    CaseKind,
    CaseStatus,
    MatchingRules,
    Offer,
    RedeploymentCase,
    Vacancy,
)
from trepart.redeployment.services.offers import lock_vacancies, vacancies_fill

Kind = CaseEvent.Kind

# The outcomes a member records by hand, in the order the form offers them.
OUTCOMES = (
    Kind.PLACED,
    Kind.RETRAINING,
    Kind.TEMPORARY,
    Kind.DECLINED_SUITABLE,
    Kind.NOTICE,
    Kind.REHIRED,
    Kind.CLOSED,
)
# Where each outcome may be recorded from.
IN_BANK = (*MATCHABLE, CaseStatus.OFFERED)
_ALLOWED_FROM: dict[str, tuple[str, ...]] = {
    Kind.PLACED: IN_BANK,
    Kind.RETRAINING: IN_BANK,
    Kind.TEMPORARY: IN_BANK,
    Kind.DECLINED_SUITABLE: (*IN_BANK, CaseStatus.PREFERENTIAL),
    Kind.NOTICE: IN_BANK,
    Kind.REHIRED: (CaseStatus.PREFERENTIAL,),
    Kind.CLOSED: (*IN_BANK, CaseStatus.PREFERENTIAL, CaseStatus.PLACED),
}
_NEW_STATUS: dict[str, str] = {
    Kind.PLACED: CaseStatus.PLACED,
    Kind.RETRAINING: CaseStatus.RETRAINING,
    Kind.TEMPORARY: CaseStatus.TEMPORARY,
    Kind.NOTICE: CaseStatus.PREFERENTIAL,
    Kind.REHIRED: CaseStatus.PLACED,
    Kind.CLOSED: CaseStatus.CLOSED,
}
# Outcomes that end the bank's work on the case: not while an offer awaits its answer.
_ENDING = (Kind.PLACED, Kind.NOTICE, Kind.REHIRED, Kind.CLOSED)

LAPSED_NOTE = gettext_lazy(
    "The preferential right under § 14-2 lapses: a suitable offer was not accepted."
)


def rules_for(municipality_id: int) -> MatchingRules:
    """The municipality's agreed rules (the defaults, unsaved, if none are stored yet)."""
    found = MatchingRules.objects.filter(municipality_id=municipality_id).first()
    return found or MatchingRules(municipality_id=municipality_id)


def preferential_end(*, notice_on: datetime.date, months: int) -> datetime.date:
    """The last day of the § 14-2 right: ``months`` after the notice (the month's last day
    when the notice's day is past its end, as 31 January + 1 month is 28 February)."""
    index = notice_on.year * 12 + notice_on.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(notice_on.day, last))


def _check(
    case: RedeploymentCase, *, kind: str, on: datetime.date, why: str, consequences: str
) -> None:
    errors: dict[str, list[str]] = {}
    if kind not in OUTCOMES:
        errors["kind"] = [_("Choose one of the outcomes.")]
    if not why.strip():
        errors["why"] = [_("Give the reason for the outcome: the history must say why.")]
    if kind == Kind.DECLINED_SUITABLE and not consequences.strip():
        errors["consequences"] = [
            _("Record the consequences of declining suitable work for the employee.")
        ]
    if on < case.redundant_on:
        errors["on"] = [
            _("The date is before the case was registered in the bank (%(day)s).")
            % {"day": formatting.short_date(case.redundant_on)}
        ]
    if errors:
        raise ValidationError(errors)


def _check_state(case: RedeploymentCase, *, kind: str) -> None:
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("The case is closed: no outcome can be recorded on it."))
    if kind == Kind.NOTICE and case.kind == CaseKind.PART_TIME:
        raise ValidationError(
            _("A part-time employee's wish for a larger position is not a redundancy: no notice.")
        )
    if kind == Kind.NOTICE and case.status == CaseStatus.PLACED:
        raise ValidationError(_("The employee is placed: a notice process cannot be started."))
    if kind == Kind.NOTICE and case.status == CaseStatus.PREFERENTIAL:
        raise ValidationError(_("Notice has already been given in this case."))
    if kind == Kind.REHIRED and case.status != CaseStatus.PREFERENTIAL:
        raise ValidationError(
            _("Only a person given notice, with the preferential right, can be re-hired.")
        )
    if case.status not in _ALLOWED_FROM[kind]:
        raise ValidationError(
            _("This outcome cannot be recorded on a case with the status “%(status)s”.")
            % {"status": case.get_status_display()}
        )
    if kind in _ENDING and Offer.objects.filter(case=case, status=Offer.Status.OPEN).exists():
        raise ValidationError(
            _("An offer to the employee awaits an answer: record the answer to it first.")
        )


def case_outcome_record(
    *,
    actor: Any,
    case: RedeploymentCase,
    version: int | None,
    kind: str,
    on: datetime.date,
    why: str,
    consequences: str = "",
    vacancy: Vacancy | None = None,
) -> CaseEvent:
    """Record an outcome on ``case`` (at ``version``) and move its status; returns the event.
    A placement in a vacancy fills it, as an accepted offer does."""
    why, consequences = why.strip(), consequences.strip()
    _check(case, kind=kind, on=on, why=why, consequences=consequences)
    if vacancy is not None and vacancy.municipality_id != case.municipality_id:
        raise ValidationError({"vacancy": [_("Choose one of the municipality's vacancies.")]})
    with transaction.atomic():
        filled = _placed_in(kind=kind, vacancy=vacancy)
        event = _record(
            actor=actor,
            case=case,
            version=version,
            kind=kind,
            on=on,
            why=why,
            consequences=consequences,
            vacancy=vacancy,
        )
        if filled:
            vacancies_fill(actor=actor, vacancies=filled, day=on)
    return event


def _placed_in(*, kind: str, vacancy: Vacancy | None) -> list[Vacancy]:
    """The vacancy a placement (or re-hiring) fills, locked before the case as every step
    locks them; refused if it is filled already."""
    if vacancy is None or kind not in (Kind.PLACED, Kind.REHIRED):
        return []
    locked = lock_vacancies([vacancy.pk])
    if locked[0].status == Vacancy.Status.FILLED:
        raise ValidationError(
            {"vacancy": [_("“%(title)s” has been filled already.") % {"title": vacancy.title}]}
        )
    return locked


def _record(
    *,
    actor: Any,
    case: RedeploymentCase,
    version: int | None,
    kind: str,
    on: datetime.date,
    why: str,
    consequences: str,
    vacancy: Vacancy | None,
) -> CaseEvent:
    with versioned_edit(case, actor=actor, version=version) as row:
        # Checked again on the locked row: the state may have moved since the form was read.
        _check_state(row, kind=kind)
        if kind == Kind.NOTICE:
            months = rules_for(row.municipality_id).preferential_months
            row.notice_on = on
            row.preferential_until = preferential_end(notice_on=on, months=months)
            consequences = consequences or (
                _("Preferential right to a new appointment (§ 14-2) until %(day)s.")
                % {"day": formatting.short_date(row.preferential_until)}
            )
        elif kind in (Kind.PLACED, Kind.REHIRED):
            row.placed_on = on
        elif kind == Kind.DECLINED_SUITABLE and row.status == CaseStatus.PREFERENTIAL:
            row.status = CaseStatus.CLOSED
            row.preferential_until = on
            consequences = f"{consequences}\n{LAPSED_NOTE}"
        if kind in _NEW_STATUS:
            row.status = _NEW_STATUS[kind]
        event = CaseEvent.objects.create(
            municipality_id=row.municipality_id,
            case=row,
            kind=kind,
            on=on,
            why=why,
            consequences=consequences,
            vacancy=vacancy,
            by=actor,
        )
        audit_create(actor=actor, instance=event)
    return event


def offer_declined_record(
    *,
    actor: Any,
    case: RedeploymentCase,
    offer: Offer,
    status: str,
    day: datetime.date,
    vacancy: Vacancy | None,
) -> CaseEvent:
    """A suitable offer declined (or left unanswered, ``status`` EXPIRED) by a person with
    the § 14-2 right: the outcome "declined suitable work", which ends the right and closes
    the case (§ 14-2 fourth paragraph)."""
    title = vacancy.title if vacancy is not None else ""
    why = (
        _("Declined the suitable offer of “%(title)s”.")
        if status == Offer.Status.DECLINED
        else _("Did not answer the suitable offer of “%(title)s” by its deadline, %(day)s.")
    ) % {"title": title, "day": offer.deadline.strftime("%d.%m.%Y")}
    return case_outcome_record(
        actor=actor,
        case=case,
        version=None,
        kind=Kind.DECLINED_SUITABLE,
        on=day,
        why=why,
        consequences=_("The case is closed in the stillingsbank."),
        vacancy=vacancy,
    )
