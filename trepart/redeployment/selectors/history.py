"""A case's history as its readers may see it: every event with date, who recorded it, why and
its consequences, the offers with their vacancies, deadlines and answers, and the rules in
force. The page, the PDF for the employee and their union, and the API read it here.

Whether the bank's note on adapted work is shown is ``privacy.shows_adapted_note``'s call:
the person's own view never holds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.http import Http404

from trepart.redeployment import privacy
from trepart.redeployment.models import (
    CaseEvent,
    MatchingRules,
    Offer,
    OfferPart,
    RedeploymentCase,
)
from trepart.redeployment.services.outcomes import rules_for


@dataclass(frozen=True)
class CaseHistory:
    case: RedeploymentCase
    events: list[CaseEvent]
    offers: list[Offer]
    rules: MatchingRules
    adapted_note: str | None  # None: not for this reader

    def as_json(self) -> dict[str, Any]:
        """Plain JSON for the API."""
        case = self.case
        return {
            "case": {
                "id": case.pk,
                "person": case.person.full_name,
                "kind": case.kind,
                "status": case.status,
                "from_unit": case.from_unit.name,
                "position": case.position,
                "percent": case.percent,
                "wanted_percent": case.wanted_percent,
                "redundant_on": case.redundant_on,
                "notice_on": case.notice_on,
                "preferential_until": case.preferential_until,
                "placed_on": case.placed_on,
                "needs_adapted_work": case.needs_adapted_work,
                "adapted_work_note": self.adapted_note,
            },
            "events": [
                {
                    "id": event.pk,
                    "kind": event.kind,
                    "label": str(event.get_kind_display()),
                    "on": event.on,
                    "why": event.why,
                    "consequences": event.consequences,
                    "by": recorder(event),
                    "offer": event.offer_id,
                    "vacancy": event.vacancy.title if event.vacancy else None,
                }
                for event in self.events
            ],
            "offers": [
                {
                    "id": offer.pk,
                    "status": offer.status,
                    "made_on": offer.made_on,
                    "deadline": offer.deadline,
                    "answered_on": offer.answered_on,
                    "answer_note": offer.answer_note,
                    "suitable": offer.suitable,
                    "vacancies": [part.vacancy.title for part in offer.parts.all()],
                }
                for offer in self.offers
            ],
            "rules": {
                "percent_tolerance": self.rules.percent_tolerance,
                "wage_not_lower": self.rules.wage_not_lower,
                "max_travel_minutes": self.rules.max_travel_minutes,
                "selection": self.rules.selection,
                "answer_days": self.rules.answer_days,
                "preferential_months": self.rules.preferential_months,
            },
        }


def recorder(event: CaseEvent) -> str:
    """Who recorded an event: their name, or the system for a duty's step."""
    if event.by is None:
        return "Trepart"
    person = getattr(event.by, "person", None)
    return person.full_name if person is not None else event.by.get_full_name() or "Trepart"


def case_visible(*, user: Any, pk: int) -> RedeploymentCase:
    """A case the user may see (bank members, HR, the person), or 404 for any other."""
    case = (
        privacy.cases_for(user)
        .select_related("person", "from_unit", "location", "bank", "municipality")
        .filter(pk=pk)
        .first()
    )
    if case is None or not privacy.can_see_case(user, case):
        raise Http404
    return case


def offers_of(case: RedeploymentCase) -> list[Offer]:
    parts = OfferPart.objects.select_related("vacancy", "vacancy__unit").order_by("pk")
    return list(
        Offer.objects.filter(case=case)
        .prefetch_related(Prefetch("parts", queryset=parts))
        .order_by("made_on", "pk")
    )


def case_history(*, user: Any, case: RedeploymentCase) -> CaseHistory:
    """The history of a case the caller may see (checked by ``case_visible``)."""
    events = list(
        CaseEvent.objects.filter(case=case)
        .select_related("by", "by__person", "vacancy")
        .order_by("on", "at", "pk")
    )
    note = case.adapted_work_note if privacy.shows_adapted_note(user, case) else None
    return CaseHistory(
        case=case,
        events=events,
        offers=offers_of(case),
        rules=rules_for(case.municipality_id),
        adapted_note=note,
    )
