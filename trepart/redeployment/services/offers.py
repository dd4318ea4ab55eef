"""Offers of suitable work: made to one person at a time, answered by the person before the
deadline, reminded and lapsed by the daily duty (``offers_daily``).

A vacancy is offered to one person at a time. ``offer_make`` locks the vacancies (in pk
order) and then the case, so two offers of one vacancy, or two offers to one person, happen
one after the other and the second is refused with a clear message; the database's
constraints (one open part per vacancy, one open offer per case) are the last guard.
Every step that touches both locks them in the same order: vacancies first, then the case.

A person given notice keeps the § 14-2 preferential right (status PREFERENTIAL) and is
offered vacancies like anyone in the bank. The answer weighs differently: declining a
suitable offer, or letting it lapse, ends the right (arbeidsmiljøloven § 14-2 fourth
paragraph), recorded as the outcome "declined suitable work" that closes the case;
accepting it is the re-hiring. In the bank (ACTIVE and the like) a decline sends the person
back to the bank, and the stillingsbank records the consequences itself, as an outcome.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import row_lock, versioned_edit
from trepart.platform.mail import message, messages_send, queue, reader_language, render
from trepart.platform.urls import absolute_url
from trepart.redeployment import privacy
from trepart.redeployment.models import (
    MATCHABLE,
    CaseEvent,
    CaseStatus,
    Offer,
    OfferPart,
    ProposedPair,
    RedeploymentCase,
    Vacancy,
)
from trepart.redeployment.selectors.inputs import OPEN_STATUSES, rules_of

TEMPLATES = "redeployment/email"


def _day(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def _by(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def event_add(
    *,
    actor: Any,
    case: RedeploymentCase,
    kind: str,
    on: datetime.date,
    why: str = "",
    offer: Offer | None = None,
    vacancy: Vacancy | None = None,
) -> CaseEvent:
    """A step in the case's history."""
    return CaseEvent.objects.create(
        municipality_id=case.municipality_id,
        case=case,
        kind=kind,
        on=on,
        why=why,
        offer=offer,
        vacancy=vacancy,
        by=_by(actor),
    )


def taken_message(vacancy: Vacancy) -> str:
    return _("“%(title)s” is already offered to someone else: one person at a time.") % {
        "title": vacancy.title
    }


def busy_message() -> str:
    return _("This person already has an offer awaiting an answer: one offer at a time.")


def _check_vacancy(vacancy: Vacancy) -> None:
    if vacancy.status == Vacancy.Status.FILLED:
        raise ValidationError(
            _("“%(title)s” has been filled and cannot be offered.") % {"title": vacancy.title}
        )
    if vacancy.status == Vacancy.Status.OFFERED or vacancy.offer_parts.filter(is_open=True):
        raise ValidationError(taken_message(vacancy))
    if vacancy.status not in OPEN_STATUSES:
        raise ValidationError(
            _("“%(title)s” is no longer held for the stillingsbank (%(status)s).")
            % {"title": vacancy.title, "status": vacancy.get_status_display()}
        )


# The cases an offer can be made to: those in the bank, and those with the § 14-2 right.
OFFERABLE = (*MATCHABLE, CaseStatus.PREFERENTIAL)


def has_notice(case: RedeploymentCase) -> bool:
    """Whether the case was given notice (and so holds, or held, the § 14-2 right)."""
    return case.notice_on is not None and case.preferential_until is not None


def _check_case(case: RedeploymentCase) -> None:
    if case.status == CaseStatus.OFFERED or case.offers.filter(status=Offer.Status.OPEN):
        raise ValidationError(busy_message())
    if case.status not in OFFERABLE:
        raise ValidationError(
            _("The case is not in the bank (%(status)s): it cannot be given an offer.")
            % {"status": case.get_status_display()}
        )


def lock_vacancies(ids: Sequence[int]) -> list[Vacancy]:
    """The vacancies locked in pk order (the order every service takes them in)."""
    return list(Vacancy.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def _set_status(actor: Any, row: Any, status: str, **more: Any) -> Any:
    with versioned_edit(row, actor=actor, version=None) as current:
        current.status = status
        for name, value in more.items():
            setattr(current, name, value)
    return current


@transaction.atomic
def offer_make(
    *,
    actor: Any,
    case: RedeploymentCase,
    vacancies: Sequence[Vacancy],
    pair: ProposedPair | None = None,
    suitable: bool = True,
    today: datetime.date | None = None,
) -> Offer:
    """Offer one vacancy (or several combined into one larger position) to one person,
    with the answer deadline the rules give; the person is told by e-mail."""
    if not privacy.is_member(actor) or case.municipality_id != actor.municipality_id:
        raise PermissionDenied
    if not vacancies:
        raise ValidationError(_("Choose the vacancy to offer."))
    if any(v.municipality_id != case.municipality_id for v in vacancies):
        raise PermissionDenied
    day = _day(today)
    locked = lock_vacancies([v.pk for v in vacancies])
    current = RedeploymentCase.objects.select_for_update().get(pk=case.pk)
    for vacancy in locked:
        _check_vacancy(vacancy)
    _check_case(current)
    rules = rules_of(current.municipality_id)
    try:
        with transaction.atomic():
            offer = Offer.objects.create(
                municipality_id=current.municipality_id,
                case=current,
                pair=pair,
                made_on=day,
                deadline=day + datetime.timedelta(days=rules.answer_days),
                suitable=suitable,
                made_by=_by(actor),
            )
            OfferPart.objects.bulk_create(
                OfferPart(municipality_id=offer.municipality_id, offer=offer, vacancy=vacancy)
                for vacancy in locked
            )
    except IntegrityError as error:
        # Only a write that slipped past the locks gets here: the same words as the checks.
        if "one_offer_each" in str(error) or "case" in str(error):
            raise ValidationError(busy_message()) from None
        raise ValidationError(taken_message(locked[0])) from None
    audit_create(actor=_by(actor), instance=offer)
    for vacancy in locked:
        _set_status(actor, vacancy, Vacancy.Status.OFFERED)
        event_add(
            actor=actor,
            case=current,
            kind=CaseEvent.Kind.OFFERED,
            on=day,
            offer=offer,
            vacancy=vacancy,
        )
    _set_status(actor, current, CaseStatus.OFFERED)
    offer_tell(offer=offer)
    return offer


def _email(case: RedeploymentCase) -> tuple[str, Any]:
    person = case.person
    user = person.user
    return (person.email or (user.email if user is not None else "")), user


def offer_link(offer: Offer) -> str:
    return absolute_url(reverse("redeployment:offer_detail", args=[offer.pk]))


def offer_tell(*, offer: Offer) -> None:
    """Tell the person of the offer, in their language, once the offer is committed."""
    case = offer.case
    email, user = _email(case)
    queue(
        municipality_id=offer.municipality_id,
        email=email,
        language=reader_language(getattr(user, "language", ""), case.municipality.language),
        template="offer_made",
        context={
            "offer": offer,
            "vacancies": [part.vacancy for part in offer.parts.select_related("vacancy")],
            "link": offer_link(offer),
        },
        folder=TEMPLATES,
        about=offer,
        user=user,
    )


def offer_close(
    *,
    actor: Any,
    offer: Offer,
    status: str,
    day: datetime.date,
    note: str = "",
) -> Offer:
    """End an open offer (accepted, declined, lapsed): its parts are no longer open, the
    vacancies are filled or go back to the bank, and the case goes on accordingly.
    The caller holds the transaction and has checked the offer is open."""
    parts = list(offer.parts.all())
    vacancies = lock_vacancies([part.vacancy_id for part in parts])
    case = RedeploymentCase.objects.select_for_update().get(pk=offer.case_id)
    with versioned_edit(offer, actor=_by(actor), version=None) as current:
        current.status = status
        if status in (Offer.Status.ACCEPTED, Offer.Status.DECLINED):
            current.answered_on = day
            current.answer_note = note.strip()
    OfferPart.objects.filter(offer=current).update(is_open=False)
    accepted = status == Offer.Status.ACCEPTED
    if accepted:
        vacancies_fill(actor=actor, vacancies=vacancies, day=day)
    else:
        for vacancy in vacancies:
            _set_status(actor, vacancy, Vacancy.Status.CONSIDERED)
    kind = {
        Offer.Status.ACCEPTED: CaseEvent.Kind.ACCEPTED,
        Offer.Status.DECLINED: CaseEvent.Kind.DECLINED,
        Offer.Status.EXPIRED: CaseEvent.Kind.EXPIRED,
        Offer.Status.WITHDRAWN: CaseEvent.Kind.WITHDRAWN,
    }[Offer.Status(status)]
    first = vacancies[0] if vacancies else None
    event_add(
        actor=actor, case=case, kind=kind, on=day, why=note.strip(), offer=current, vacancy=first
    )
    noticed = has_notice(case)
    if accepted:
        _set_status(actor, case, CaseStatus.PLACED, placed_on=day)
        placed = CaseEvent.Kind.REHIRED if noticed else CaseEvent.Kind.PLACED
        event_add(actor=actor, case=case, kind=placed, on=day, vacancy=first)
        return current
    back = _set_status(actor, case, CaseStatus.PREFERENTIAL if noticed else CaseStatus.ACTIVE)
    if noticed and current.suitable and status in (Offer.Status.DECLINED, Offer.Status.EXPIRED):
        # The outcome service fills vacancies through this module: imported here, not above.
        from trepart.redeployment.services.outcomes import offer_declined_record

        offer_declined_record(
            actor=_by(actor), case=back, offer=current, status=status, day=day, vacancy=first
        )
    return current


def vacancies_fill(*, actor: Any, vacancies: Sequence[Vacancy], day: datetime.date) -> None:
    """Mark the (locked) vacancies filled: an accepted offer, or a placement recorded as an
    outcome. An offer of one of them still open to someone else is withdrawn first (the
    person goes back to the bank); a filled vacancy is offered to nobody."""
    others = (
        Offer.objects.filter(
            status=Offer.Status.OPEN,
            parts__vacancy__in=[vacancy.pk for vacancy in vacancies],
            parts__is_open=True,
        )
        .distinct()
        .order_by("pk")
    )
    for offer in others:
        offer_close(
            actor=actor,
            offer=row_lock(offer, version=None),
            status=Offer.Status.WITHDRAWN,
            day=day,
            note=_("The vacancy was filled."),
        )
    for vacancy in vacancies:
        _set_status(actor, vacancy, Vacancy.Status.FILLED)


def can_answer(user: Any, offer: Offer) -> bool:
    """The person answers their own offer; a member may record an answer given otherwise."""
    return privacy.is_own_case(user, offer.case) or (
        privacy.is_member(user) and offer.municipality_id == user.municipality_id
    )


@transaction.atomic
def offer_answer(
    *,
    actor: Any,
    offer: Offer,
    version: int | None,
    accept: bool,
    note: str = "",
    today: datetime.date | None = None,
) -> Offer:
    """Accept or decline an open offer before its deadline."""
    if not can_answer(actor, offer):
        raise PermissionDenied
    day = _day(today)
    current = row_lock(offer, version=version)
    if current.status != Offer.Status.OPEN:
        raise ValidationError(
            _("This offer has already been answered or has ended (%(status)s).")
            % {"status": current.get_status_display()}
        )
    if day > current.deadline:
        raise ValidationError(
            _(
                "The deadline to answer this offer was %(deadline)s: it can no longer be "
                "answered. Contact the stillingsbank."
            )
            % {"deadline": current.deadline.strftime("%d.%m.%Y")}
        )
    status = Offer.Status.ACCEPTED if accept else Offer.Status.DECLINED
    return offer_close(actor=actor, offer=current, status=status, day=day, note=note)


# ---------------------------------------------------------------------------------------
# The daily duty

# An open offer is reminded this many days before its deadline.
REMIND_DAYS_BEFORE = 3


def _reminder(offer: Offer) -> Any:
    case = offer.case
    email, user = _email(case)
    if not email:
        return None
    language = reader_language(getattr(user, "language", ""), case.municipality.language)
    context = {
        "offer": offer,
        "vacancies": [part.vacancy for part in offer.parts.all()],
        "link": offer_link(offer),
    }
    subject, body = render("offer_reminder", context, language, folder=TEMPLATES)
    return message(email=email, language=language, subject=subject, body=body)


def _offers_daily(day: datetime.date, counts: dict[str, int]) -> list[Any]:
    lapsed = Offer.objects.filter(status=Offer.Status.OPEN, deadline__lt=day).order_by("pk")
    for offer in lapsed:
        current = row_lock(offer, version=None)
        if current.status == Offer.Status.OPEN:
            offer_close(actor=None, offer=current, status=Offer.Status.EXPIRED, day=day)
            counts["expired"] += 1
    due = (
        Offer.objects.filter(
            status=Offer.Status.OPEN,
            reminded_on__isnull=True,
            deadline__gte=day,
            deadline__lte=day + datetime.timedelta(days=REMIND_DAYS_BEFORE),
        )
        .select_related("case__person__user", "case__municipality")
        .prefetch_related("parts__vacancy")
        .order_by("pk")
    )
    outgoing = []
    for offer in due:
        reminder = _reminder(offer)
        if reminder is None:
            counts["without_address"] += 1
        else:
            outgoing.append(reminder)
        Offer.objects.filter(pk=offer.pk).update(reminded_on=day)
        counts["reminded"] += 1
    return outgoing


def offers_daily(day: datetime.date) -> dict[str, int]:
    """The daily duty: lapse the open offers past their deadline (the vacancy goes back to
    the bank) and remind the people whose deadline is near; e-mail goes after the commit."""
    counts = {"expired": 0, "reminded": 0, "without_address": 0}
    with transaction.atomic():
        outgoing = _offers_daily(day, counts)
    counts["refused"] = messages_send(outgoing)
    return counts
