"""The stillingsbank story's year, week by week: each meeting's matching round with its
explained pairs, the meeting's decisions, the offers and answers, the outcomes, and every
step in the case history with its date, who recorded it and why.

Statuses are set from the last step of each case and vacancy, so the rows agree with what
the history says; the times the models stamp on writing are moved back to the story's days.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from trepart.demo import redeployment_data as data
from trepart.demo import redeployment_year as year
from trepart.demo.redeployment_explain import pair_explanation
from trepart.demo.redeployment_setup import Ground, at
from trepart.meetings.models import AgendaItem, Meeting
from trepart.organisation.models import Unit
from trepart.redeployment.models import (
    CaseEvent,
    CaseKind,
    CaseStatus,
    MatchRound,
    Offer,
    OfferPart,
    ProposedPair,
    RedeploymentCase,
    Vacancy,
)

Kind = CaseEvent.Kind
DAY = datetime.timedelta(days=1)
ROWS = {row.key: row for row in year.CASES}
VACANCY_ROWS = {row.key: row for row in year.VACANCIES}


@dataclass
class History:
    ground: Ground
    days: list[datetime.date]
    meetings: list[tuple[Meeting, AgendaItem]]
    cases: dict[str, RedeploymentCase]
    vacancies: dict[str, Vacancy]
    units: dict[str, Unit]
    chair: Any
    events: list[CaseEvent] = field(default_factory=list)
    rounds: list[MatchRound] = field(default_factory=list)
    results: dict[int, dict[str, Any]] = field(default_factory=dict)

    def tell(self) -> None:
        self._rounds()
        for key, case in self.cases.items():
            row = ROWS[key]
            why = (
                data.REORGANISATION.format(unit=self.units["reorganised"].name)
                if row.kind == CaseKind.REDUNDANT
                else f"Ønsker større stilling (arbeidsmiljøloven § 14-3): {row.percent} % i dag, "
                f"ønsker {row.wanted} %."
            )
            self.event(case, Kind.REGISTERED, case.redundant_on, why)
        self._outcomes_before()
        for week, case_key, vacancy_key, extras in year.CONFIRMED:
            self._confirmed(week, case_key, vacancy_key, extras)
        self._overridden()
        self._pending()
        self._vacancy_fates()
        self._rehire()
        self._finish()

    # -- rows ------------------------------------------------------------------------------

    def event(
        self,
        case: RedeploymentCase,
        kind: str,
        on: datetime.date,
        why: str = "",
        *,
        consequences: str = "",
        offer: Offer | None = None,
        vacancy: Vacancy | None = None,
    ) -> None:
        self.events.append(
            CaseEvent(
                municipality=self.ground.municipality,
                case=case,
                kind=kind,
                on=on,
                why=why,
                consequences=consequences,
                offer=offer,
                vacancy=vacancy,
                by=self.chair,
            )
        )

    def _rounds(self) -> None:
        rules = self.ground.rules
        rules_json = {
            "percent_tolerance": rules.percent_tolerance,
            "wage_not_lower": rules.wage_not_lower,
            "max_travel_minutes": rules.max_travel_minutes,
            "selection": rules.selection,
        }
        rows = []
        for week, (meeting, item) in enumerate(self.meetings):
            proposed = week == data.NEXT_WEEK
            rows.append(
                MatchRound(
                    municipality=self.ground.municipality,
                    bank=self.ground.bank,
                    meeting=meeting,
                    item=item,
                    status=MatchRound.Status.PROPOSED if proposed else MatchRound.Status.CONFIRMED,
                    result={
                        "rules": rules_json,
                        "placed": 0,
                        "pairs": [],
                        "unplaced": [],
                        "combined": [],
                    },
                    created_by=self.chair,
                )
            )
        self.rounds = MatchRound.objects.bulk_create(rows)

    def pair(
        self,
        week: int,
        case_key: str,
        vacancy_key: str,
        extras: tuple[str, ...],
        decision: str,
        reason: str = "",
    ) -> ProposedPair:
        case, vacancy = self.cases[case_key], self.vacancies[vacancy_key]
        keys = (vacancy_key, *extras)
        score, explanation = pair_explanation(
            self.ground, ROWS[case_key], [VACANCY_ROWS[k] for k in keys], self.vacancies
        )
        meeting_day = self.days[week]
        handled = decision != ProposedPair.Decision.PENDING
        pair = ProposedPair.objects.create(
            municipality=self.ground.municipality,
            round=self.rounds[week],
            case=case,
            vacancy=vacancy,
            score=score,
            explanation=explanation,
            decision=decision,
            reason=reason,
            decided_by=self.chair if handled else None,
            decided_at=at(meeting_day, 10) if handled else None,
        )
        if extras:
            pair.extra_vacancies.set([self.vacancies[k] for k in extras])
        result = self.rounds[week].result
        entry = {
            "candidate": str(case.pk),
            "vacancy": str(vacancy.pk),
            "score": score,
            "explanation": explanation,
        }
        if extras:
            result["combined"].append(
                {
                    "candidate": str(case.pk),
                    "vacancies": [str(self.vacancies[k].pk) for k in keys],
                    "percent": sum(VACANCY_ROWS[k].percent for k in keys),
                    "score": score,
                    "reasons": explanation["why"],
                }
            )
        else:
            result["pairs"].append(entry)
            result["placed"] += 1
        return pair

    def offer(
        self,
        case: RedeploymentCase,
        keys: tuple[str, ...],
        made_on: datetime.date,
        pair: ProposedPair | None,
    ) -> Offer:
        deadline = made_on + datetime.timedelta(days=self.ground.rules.answer_days)
        offer = Offer.objects.create(
            municipality=self.ground.municipality,
            case=case,
            pair=pair,
            made_on=made_on,
            deadline=deadline,
            made_by=self.chair,
        )
        OfferPart.objects.bulk_create(
            OfferPart(municipality=self.ground.municipality, offer=offer, vacancy=self.vacancies[k])
            for k in keys
        )
        titles = " + ".join(self._describe(k) for k in keys)
        self.event(
            case,
            Kind.OFFERED,
            made_on,
            f"{titles}. Svarfrist {deadline:%d.%m.%Y}.",
            offer=offer,
            vacancy=self.vacancies[keys[0]],
        )
        return offer

    def answer(self, offer: Offer, status: str, on: datetime.date, note: str = "") -> None:
        offer.status, offer.answered_on, offer.answer_note = status, on, note
        offer.save(update_fields=["status", "answered_on", "answer_note"])
        OfferPart.objects.filter(offer=offer).update(is_open=False)

    def _describe(self, key: str) -> str:
        vacancy = self.vacancies[key]
        return f"{vacancy.title} {vacancy.percent} % ved {vacancy.unit.name}"

    # -- the weeks ---------------------------------------------------------------------------

    def _outcomes_before(self) -> None:
        """Retraining and a temporary assignment while the bank looks further."""
        r4, r5 = self.cases["R4"], self.cases["R5"]
        self.event(r4, Kind.RETRAINING, self.days[data.RETRAINING_WEEK] + DAY, data.RETRAINING_WHY)
        self.event(r5, Kind.TEMPORARY, self.days[data.TEMPORARY_WEEK] + DAY, data.TEMPORARY_WHY)
        self.event(r4, Kind.CHANGED, self.days[data.RETRAINED_WEEK] + DAY, data.RETRAINED_WHY)
        r4.qualifications.add(self.ground.qualifications["HFA"])

    def _confirmed(
        self, week: int, case_key: str, vacancy_key: str, extras: tuple[str, ...]
    ) -> None:
        case, day = self.cases[case_key], self.days[week]
        pair = self.pair(week, case_key, vacancy_key, extras, ProposedPair.Decision.CONFIRMED)
        keys = (vacancy_key, *extras)
        why = f"Foreslått av ukens matching (poeng {pair.score:g}) og bekreftet av møtet."
        self.event(case, Kind.PROPOSED, day, why, vacancy=self.vacancies[vacancy_key])
        offer = self.offer(case, keys, day, pair)
        if case_key == "R8":
            answered = day + datetime.timedelta(days=6)
            self.answer(offer, Offer.Status.DECLINED, answered, data.DECLINE_NOTE)
            self.event(case, Kind.DECLINED, answered, data.DECLINE_NOTE, offer=offer)
            self.event(
                case,
                Kind.DECLINED_SUITABLE,
                answered,
                data.DECLINE_WHY,
                consequences=data.DECLINE_CONSEQUENCES,
                offer=offer,
                vacancy=self.vacancies[vacancy_key],
            )
            notice = self.days[data.NOTICE_WEEK] + DAY
            self.event(case, Kind.NOTICE, notice, data.NOTICE_WHY)
            case.notice_on = notice
            months = self.ground.rules.preferential_months
            case.preferential_until = notice + datetime.timedelta(days=round(months * 365 / 12))
            return
        if case_key not in year.ANSWER_AFTER:
            return  # awaiting the answer
        answered = day + datetime.timedelta(days=year.ANSWER_AFTER[case_key])
        self.answer(offer, Offer.Status.ACCEPTED, answered)
        self.event(case, Kind.ACCEPTED, answered, offer=offer)
        starts = self.vacancies[vacancy_key].starts_on
        self.event(
            case,
            Kind.PLACED,
            answered,
            f"Tiltrer {starts:%d.%m.%Y}: {' + '.join(self._describe(k) for k in keys)}.",
            vacancy=self.vacancies[vacancy_key],
        )
        case.placed_on = answered
        for key in keys:
            self.vacancies[key].status = Vacancy.Status.FILLED

    def _overridden(self) -> None:
        week, case_key, vacancy_key = year.OVERRIDDEN
        case, vacancy = self.cases[case_key], self.vacancies[vacancy_key]
        self.pair(
            week, case_key, vacancy_key, (), ProposedPair.Decision.OVERRIDDEN, year.OVERRIDE_REASON
        )
        self.event(
            case, Kind.PROPOSED, self.days[week], "Foreslått av ukens matching.", vacancy=vacancy
        )
        self.event(case, Kind.OVERRIDDEN, self.days[week], year.OVERRIDE_REASON, vacancy=vacancy)
        self.rounds[week].result["placed"] -= 1
        vacancy.released_on = self.days[week] + DAY
        vacancy.flagged = True
        vacancy.flag_note = VACANCY_ROWS[vacancy_key].flag_note

    def _pending(self) -> None:
        for week, case_key, vacancy_key in year.PENDING:
            self.pair(week, case_key, vacancy_key, (), ProposedPair.Decision.PENDING)

    def _rehire(self) -> None:
        """§ 14-2: the vacancy is checked against the register of rights before it may be
        advertised, and offered to the person given notice."""
        case, key = self.cases["R8"], "VR"
        made = self.days[data.REHIRE_WEEK]
        vacancy = self.vacancies[key]
        vacancy.considered_on = made
        offer = self.offer(case, (key,), made, None)
        answered = made + datetime.timedelta(days=data.REHIRE_ANSWER_DAYS)
        self.answer(offer, Offer.Status.ACCEPTED, answered)
        self.event(case, Kind.ACCEPTED, answered, offer=offer)
        self.event(case, Kind.REHIRED, answered, data.REHIRE_WHY, offer=offer, vacancy=vacancy)
        case.placed_on = answered
        vacancy.status = Vacancy.Status.FILLED

    def _vacancy_fates(self) -> None:
        for key, vacancy in self.vacancies.items():
            row = VACANCY_ROWS[key]
            if row.fate == "RELEASED":
                vacancy.status = Vacancy.Status.RELEASED
                if key == "VD":
                    vacancy.released_on = self.days[data.DECLINED_WEEK]
                elif vacancy.released_on is None and vacancy.considered_on is not None:
                    vacancy.released_on = vacancy.considered_on + DAY
            elif row.fate == "WITHDRAWN":
                vacancy.status = Vacancy.Status.WITHDRAWN
                vacancy.flag_note = ""
            elif row.fate == "OFFERED":
                vacancy.status = Vacancy.Status.OFFERED

    # -- statuses from the last step, and the story's dates ----------------------------------

    def _finish(self) -> None:
        self._round_results()
        MatchRound.objects.bulk_update(self.rounds, ["result"])
        for round_, day in zip(self.rounds, self.days, strict=True):
            round_.created_at = at(day - DAY, 14)
        MatchRound.objects.bulk_update(self.rounds, ["created_at"])
        Vacancy.objects.bulk_update(
            list(self.vacancies.values()),
            ["status", "considered_on", "released_on", "flagged", "flag_note"],
        )
        last: dict[int, CaseEvent] = {}
        for event in sorted(self.events, key=lambda e: e.on):
            last[event.case_id] = event
        for case in self.cases.values():
            case.status = STATUS_AFTER.get(last[case.pk].kind, CaseStatus.ACTIVE)
            if (
                last[case.pk].kind == Kind.OFFERED
                and Offer.objects.filter(case=case, status=Offer.Status.OPEN).exists()
            ):
                case.status = CaseStatus.OFFERED
        RedeploymentCase.objects.bulk_update(
            list(self.cases.values()), ["status", "notice_on", "preferential_until", "placed_on"]
        )
        ordered = sorted(self.events, key=lambda e: (e.case_id, e.on))
        saved = CaseEvent.objects.bulk_create(ordered)
        for event in saved:
            event.at = at(event.on, 11)
        CaseEvent.objects.bulk_update(saved, ["at"])

    def _round_results(self) -> None:
        """Each round's people left without a proposal: those in the bank that week."""
        gone = {case_key: week for week, case_key, _v, _e in year.CONFIRMED}
        for week, round_ in enumerate(self.rounds):
            proposed = {p["candidate"] for p in round_.result["pairs"]} | {
                c["candidate"] for c in round_.result["combined"]
            }
            for key, case in self.cases.items():
                row = ROWS[key]
                if (
                    row.registered_week >= week
                    or gone.get(key, 99) < week
                    or str(case.pk) in proposed
                ):
                    continue
                round_.result["unplaced"].append(
                    {
                        "candidate": str(case.pk),
                        "reasons": [{"code": "no_suitable_vacancy", "params": {"counts": {}}}],
                    }
                )


STATUS_AFTER: dict[str, str] = {
    Kind.REGISTERED: CaseStatus.ACTIVE,
    Kind.RETRAINING: CaseStatus.RETRAINING,
    Kind.TEMPORARY: CaseStatus.TEMPORARY,
    Kind.OFFERED: CaseStatus.OFFERED,
    Kind.PLACED: CaseStatus.PLACED,
    Kind.REHIRED: CaseStatus.PLACED,
    Kind.NOTICE: CaseStatus.PREFERENTIAL,
    Kind.CLOSED: CaseStatus.CLOSED,
}
