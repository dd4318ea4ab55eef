"""Made-up stillingsbank volume for the ``generate`` presets (the oslo preset: 500 redundant
employees, 250 part-time employees wishing for more and 2,000 vacancies), with the weekly
rounds' pairs, the offers and a case history of a few thousand steps, so the bank's pages
are measured on honest rows.

Written with ``bulk_create`` like the other bulk demo data, deterministic for a
municipality, and consistent with the models' rules: one open offer per case and per
vacancy, each status the result of the case's last step.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from trepart.demo.redeployment_bulk_rows import BATCH, SIZES, BulkRows, update_grouped
from trepart.demo.redeployment_data import NEXT_WEEK
from trepart.demo.redeployment_setup import Ground, at, taken_people
from trepart.organisation.models import Person, Unit
from trepart.redeployment.models import (
    CaseEvent,
    CaseStatus,
    MatchRound,
    Offer,
    OfferPart,
    ProposedPair,
    RedeploymentCase,
    Vacancy,
)

Kind = CaseEvent.Kind


def redeployment_bulk_build(*, ground: Ground, preset: str, chair: Any) -> None:
    redundant, vacancy_count = SIZES.get(preset, SIZES["small"])
    _Bulk(ground, chair, random.Random(int(ground.municipality.pk) * 31 + 7)).build(
        redundant, redundant // 2, vacancy_count
    )


class _Bulk(BulkRows):
    def build(self, redundant: int, part_time: int, vacancy_count: int) -> None:
        units = list(Unit.objects.filter(municipality=self.municipality, kind=Unit.Kind.UNIT))
        taken = taken_people(self.municipality) | set(
            RedeploymentCase.objects.filter(municipality=self.municipality).values_list(
                "person_id", flat=True
            )
        )
        people = list(
            Person.objects.filter(
                municipality=self.municipality, kind=Person.Kind.EMPLOYEE, is_leader=False
            )
            .exclude(pk__in=taken)
            .order_by("pk")
            .values_list("pk", "unit_id", "position")
        )
        people = self.rng.sample(people, min(len(people), redundant + part_time))
        cases = self._cases(people, redundant)
        vacancies = self._vacancies(units, vacancy_count)
        self._history(cases, vacancies)

    # -- rows ------------------------------------------------------------------------------

    def event(
        self, case: RedeploymentCase, kind: str, on: datetime.date, why: str = "", **more: Any
    ) -> None:
        self.events.append(
            CaseEvent(
                municipality=self.municipality,
                case=case,
                kind=kind,
                on=min(on, self.ground.today),
                why=why,
                by=self.chair,
                **more,
            )
        )

    def _history(self, cases: list[RedeploymentCase], vacancies: list[Vacancy]) -> None:
        rng = self.rng
        free = [
            v for v in vacancies if v.status in (Vacancy.Status.RELEASED, Vacancy.Status.CONSIDERED)
        ]
        rng.shuffle(free)
        pairs: list[ProposedPair] = []
        offers: list[tuple[Offer, Vacancy]] = []
        pending_round = self.rounds[-1] if self.rounds else None
        for case in cases:
            registered = case.redundant_on
            self.event(case, Kind.REGISTERED, registered, "Registrert i stillingsbanken.")
            self.event(
                case,
                Kind.NOTE,
                registered + datetime.timedelta(days=2),
                "Samtale med arbeidstaker og tillitsvalgt om ønsker og kvalifikasjoner.",
            )
            start = min(NEXT_WEEK - 1, self.days.index(registered - datetime.timedelta(days=1)) + 1)
            if rng.random() < 0.2 and free and start < NEXT_WEEK - 5:
                # An earlier offer that was declined as not suitable, or lapsed.
                vacancy = free.pop()
                week = start
                self._align(vacancy, week)
                pair = self._pair(week, case, vacancy, ProposedPair.Decision.CONFIRMED)
                pairs.append(pair)
                declined = rng.random() < 0.6
                offer = self._offer(
                    case,
                    pair,
                    self.days[week],
                    Offer.Status.DECLINED if declined else Offer.Status.EXPIRED,
                )
                offer.suitable = not declined
                offers.append((offer, vacancy))
                start = week + 3  # after the lapsed offer's deadline
            status = case.status
            if status in (CaseStatus.PLACED, CaseStatus.OFFERED) and free:
                vacancy = free.pop()
                week = (
                    NEXT_WEEK - 1
                    if status == CaseStatus.OFFERED
                    else rng.randint(min(start, NEXT_WEEK - 2), NEXT_WEEK - 2)
                )
                self._align(vacancy, week)
                vacancy.flagged, vacancy.flag_note = False, ""
                pair = self._pair(week, case, vacancy, ProposedPair.Decision.CONFIRMED)
                pairs.append(pair)
                if status == CaseStatus.OFFERED:
                    offers.append(
                        (self._offer(case, pair, self.days[week], Offer.Status.OPEN), vacancy)
                    )
                    vacancy.status = Vacancy.Status.OFFERED
                else:
                    accepted = self._offer(case, pair, self.days[week], Offer.Status.ACCEPTED)
                    offers.append((accepted, vacancy))
                    vacancy.status, vacancy.released_on = Vacancy.Status.FILLED, None
                    case.placed_on = accepted.answered_on
            elif status in (CaseStatus.PLACED, CaseStatus.OFFERED):
                case.status = status = CaseStatus.ACTIVE
            if (
                status == CaseStatus.ACTIVE
                and pending_round is not None
                and rng.random() < 0.15
                and free
            ):
                vacancy = free.pop()
                pairs.append(self._pair(NEXT_WEEK, case, vacancy, ProposedPair.Decision.PENDING))
            elif status == CaseStatus.ACTIVE and rng.random() < 0.05 and start < NEXT_WEEK - 1:
                vacancy = rng.choice(vacancies)
                pair = self._pair(start, case, vacancy, ProposedPair.Decision.OVERRIDDEN)
                pair.reason = "Møtet ventet på en stilling nærmere bosted."
                pairs.append(pair)
                self.event(case, Kind.OVERRIDDEN, self.days[start], pair.reason, vacancy=vacancy)
            self._outcome(case, start)
        ProposedPair.objects.bulk_create(pairs, batch_size=BATCH)
        Offer.objects.bulk_create([offer for offer, _v in offers], batch_size=BATCH)
        OfferPart.objects.bulk_create(
            [
                OfferPart(
                    municipality=self.municipality,
                    offer=offer,
                    vacancy=vacancy,
                    is_open=offer.status == Offer.Status.OPEN,
                )
                for offer, vacancy in offers
            ],
            batch_size=BATCH,
        )
        self._offer_events(offers)
        update_grouped(
            RedeploymentCase, cases, ["status", "placed_on", "notice_on", "preferential_until"]
        )
        update_grouped(RedeploymentCase, cases, ["created_at"])
        update_grouped(Vacancy, vacancies, ["registered_at"])
        update_grouped(
            Vacancy,
            vacancies,
            [
                "status",
                "released_on",
                "considered_on",
                "starts_on",
                "flagged",
                "flag_note",
            ],
        )
        self._results(pairs)
        self.events.sort(key=lambda e: (e.case.pk, e.on))
        saved = CaseEvent.objects.bulk_create(self.events, batch_size=BATCH)
        for event in saved:
            event.at = at(event.on, 11)
        update_grouped(CaseEvent, saved, ["at"])

    def _align(self, vacancy: Vacancy, week: int) -> None:
        """Date a vacancy to the week it was offered in: registered the week before."""
        day = self.days[week]
        vacancy.considered_on = day
        vacancy.starts_on = day + datetime.timedelta(weeks=6)
        vacancy.registered_at = at(day - datetime.timedelta(days=6), 10)
        if vacancy.status == Vacancy.Status.RELEASED:
            vacancy.released_on = day + datetime.timedelta(days=1)

    def _results(self, pairs: list[ProposedPair]) -> None:
        """The rounds' frozen proposals include the made-up pairs."""
        touched = {}
        for pair in pairs:
            round_ = pair.round
            round_.result.setdefault("pairs", []).append(
                {
                    "candidate": str(pair.case.pk),
                    "vacancy": str(pair.vacancy.pk),
                    "score": pair.score,
                    "explanation": pair.explanation,
                }
            )
            if pair.decision != ProposedPair.Decision.OVERRIDDEN:
                round_.result["placed"] = round_.result.get("placed", 0) + 1
            touched[round_.pk] = round_
        MatchRound.objects.bulk_update(list(touched.values()), ["result"], batch_size=500)

    def _pair(
        self, week: int, case: RedeploymentCase, vacancy: Vacancy, decision: str
    ) -> ProposedPair:
        handled = decision != ProposedPair.Decision.PENDING
        score = round(self.rng.uniform(35, 95), 1)
        return ProposedPair(
            municipality=self.municipality,
            round=self.rounds[week],
            case=case,
            vacancy=vacancy,
            score=score,
            explanation={
                "why": [
                    {
                        "code": "shorter_travel",
                        "params": {"minutes": self.rng.randint(0, 40), "limit": 45},
                    }
                ],
                "next_best": None,
                "why_not": None,
                "why_not_params": {},
            },
            decision=decision,
            decided_by=self.chair if handled else None,
            decided_at=at(self.days[week], 10) if handled else None,
        )

    def _offer(
        self, case: RedeploymentCase, pair: ProposedPair, made: datetime.date, status: str
    ) -> Offer:
        deadline = made + datetime.timedelta(days=self.ground.rules.answer_days)
        answered = None
        if status in (Offer.Status.ACCEPTED, Offer.Status.DECLINED):
            answered = min(
                made + datetime.timedelta(days=self.rng.randint(2, 13)), self.ground.today
            )
        return Offer(
            municipality=self.municipality,
            case=case,
            pair=pair,
            status=status,
            made_on=made,
            deadline=deadline,
            answered_on=answered,
            made_by=self.chair,
        )

    def _offer_events(self, offers: list[tuple[Offer, Vacancy]]) -> None:
        for offer, vacancy in offers:
            case = offer.case
            self.event(
                case, Kind.PROPOSED, offer.made_on, "Foreslått av ukens matching.", vacancy=vacancy
            )
            self.event(
                case,
                Kind.OFFERED,
                offer.made_on,
                f"Svarfrist {offer.deadline:%d.%m.%Y}.",
                offer=offer,
                vacancy=vacancy,
            )
            if offer.status == Offer.Status.ACCEPTED:
                self.event(case, Kind.ACCEPTED, offer.answered_on or offer.made_on, offer=offer)
                self.event(case, Kind.PLACED, case.placed_on or offer.made_on, vacancy=vacancy)
            elif offer.status == Offer.Status.DECLINED:
                self.event(
                    case,
                    Kind.DECLINED,
                    offer.answered_on or offer.made_on,
                    "Avslått: ikke passende.",
                    offer=offer,
                )
            elif offer.status == Offer.Status.EXPIRED:
                self.event(case, Kind.EXPIRED, offer.deadline, offer=offer)

    def _outcome(self, case: RedeploymentCase, start: int) -> None:
        """The step that leaves the case where its status says."""
        day = self.days[min(start + 2, NEXT_WEEK - 1)]
        if case.status == CaseStatus.RETRAINING:
            self.event(
                case, Kind.RETRAINING, day, "Omskolering avtalt med arbeidstaker og tillitsvalgt."
            )
        elif case.status == CaseStatus.TEMPORARY:
            self.event(case, Kind.TEMPORARY, day, "Midlertidig oppdrag mens banken leter videre.")
        elif case.status == CaseStatus.PREFERENTIAL:
            case.notice_on = day
            case.preferential_until = day + datetime.timedelta(days=365)
            self.event(case, Kind.NOTICE, day, "Oppsigelse; fortrinnsrett etter § 14-2.")
        elif case.status == CaseStatus.CLOSED:
            self.event(case, Kind.CLOSED, day, "Sluttet etter eget ønske.")
