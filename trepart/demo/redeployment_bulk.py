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
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Model

from trepart.demo.redeployment_data import NEXT_WEEK
from trepart.demo.redeployment_setup import Ground, at, meeting_days, taken_people
from trepart.organisation.models import Person, Unit
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

BATCH = 2_000
UPDATE_BATCH = 200
SIZES = {"small": (60, 240), "medium": (150, 600), "oslo": (500, 2_000)}
PERCENTS = (40, 50, 60, 75, 80, 100, 100, 100)
STATUSES = (
    (CaseStatus.ACTIVE, 40),
    (CaseStatus.OFFERED, 8),
    (CaseStatus.RETRAINING, 5),
    (CaseStatus.TEMPORARY, 5),
    (CaseStatus.PLACED, 30),
    (CaseStatus.PREFERENTIAL, 6),
    (CaseStatus.CLOSED, 6),
)
VACANCY_FATES = (
    (Vacancy.Status.RELEASED, 55),
    (Vacancy.Status.CONSIDERED, 20),
    (Vacancy.Status.HELD, 10),
    (Vacancy.Status.WITHDRAWN, 5),
)
TITLES = (
    "Helsefagarbeider",
    "Sykepleier",
    "Assistent",
    "Vernepleier",
    "Lærer",
    "Barne- og ungdomsarbeider",
    "Renholder",
    "Konsulent",
    "Fagarbeider",
    "Miljøterapeut",
)
Kind = CaseEvent.Kind


def update_grouped(model: type[Model], rows: Sequence[Model], fields: list[str]) -> None:
    """Write ``fields`` of saved rows with one UPDATE per distinct set of values (the
    story's dates are few): ``bulk_update``'s CASE per row is slow at this size."""
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for row in rows:
        groups[tuple(getattr(row, name) for name in fields)].append(row.pk)
    for values, pks in groups.items():
        for start in range(0, len(pks), BATCH):
            model._default_manager.filter(pk__in=pks[start : start + BATCH]).update(
                **dict(zip(fields, values, strict=True))
            )


def redeployment_bulk_build(*, ground: Ground, preset: str, chair: Any) -> None:
    redundant, vacancy_count = SIZES.get(preset, SIZES["small"])
    _Bulk(ground, chair, random.Random(int(ground.municipality.pk) * 31 + 7)).build(
        redundant, redundant // 2, vacancy_count
    )


class _Bulk:
    def __init__(self, ground: Ground, chair: Any, rng: random.Random) -> None:
        self.ground, self.chair, self.rng = ground, chair, rng
        self.municipality = ground.municipality
        self.days = meeting_days(ground.today)
        self.rounds = list(MatchRound.objects.filter(bank=ground.bank).order_by("created_at", "pk"))
        self.events: list[CaseEvent] = []

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

    def _week(self, low: int = 0, high: int = NEXT_WEEK - 1) -> int:
        return self.rng.randint(low, high)

    def _cases(self, people: list[tuple[int, int, str]], redundant: int) -> list[RedeploymentCase]:
        rng, ground = self.rng, self.ground
        locations = list(ground.locations.values())
        statuses = [s for s, _w in STATUSES]
        weights = [w for _s, w in STATUSES]
        rows = []
        for n, (person_id, unit_id, position) in enumerate(people):
            kind = CaseKind.REDUNDANT if n < redundant else CaseKind.PART_TIME
            percent = rng.choice(PERCENTS[:5] if kind == CaseKind.PART_TIME else PERCENTS)
            wanted = (
                min(100, percent + rng.choice((20, 30, 40, 50)))
                if kind == CaseKind.PART_TIME
                else None
            )
            week = self._week(0, 48)
            status = rng.choices(statuses, weights)[0]
            if kind == CaseKind.PART_TIME and status in (
                CaseStatus.PREFERENTIAL,
                CaseStatus.RETRAINING,
                CaseStatus.TEMPORARY,
            ):
                status = CaseStatus.ACTIVE
            rows.append(
                RedeploymentCase(
                    municipality=self.municipality,
                    bank=ground.bank,
                    kind=kind,
                    person_id=person_id,
                    from_unit_id=unit_id,
                    position=position or "Ansatt",
                    percent=percent,
                    wanted_percent=wanted if wanted and wanted > percent else None,
                    wage_level=rng.randrange(440, 700) * 1000,
                    location=rng.choice(locations),
                    seniority_date=ground.today
                    - datetime.timedelta(days=rng.randint(365, 30 * 365)),
                    social_priority=rng.choice((0, 0, 0, 1, 2, 3, 5, 8)),
                    needs_adapted_work=rng.random() < 0.1,
                    redundant_on=self.days[week] + datetime.timedelta(days=1),
                    status=status,
                    created_by=self.chair,
                )
            )
        saved = RedeploymentCase.objects.bulk_create(rows, batch_size=BATCH)
        qualifications = list(ground.qualifications.values())
        through = RedeploymentCase.qualifications.through
        links = []
        for case in saved:
            for qualification in rng.sample(qualifications, rng.randint(1, 3)):
                links.append(
                    through(redeploymentcase_id=case.pk, qualification_id=qualification.pk)
                )
            case.created_at = at(case.redundant_on, 10)
        through.objects.bulk_create(links, batch_size=BATCH)
        return saved

    def _vacancies(self, units: list[Unit], count: int) -> list[Vacancy]:
        rng, ground = self.rng, self.ground
        locations = list(ground.locations.values())
        fates = [s for s, _w in VACANCY_FATES]
        weights = [w for _s, w in VACANCY_FATES]
        rows = []
        for _n in range(count):
            week = self._week(0, NEXT_WEEK - 1)
            low = rng.randrange(440, 640) * 1000
            status = rng.choices(fates, weights)[0]
            considered = (
                self.days[min(week + 1, NEXT_WEEK - 1)] if status != Vacancy.Status.HELD else None
            )
            rows.append(
                Vacancy(
                    municipality=self.municipality,
                    unit=rng.choice(units),
                    title=rng.choice(TITLES),
                    percent=rng.choice(PERCENTS),
                    location=rng.choice(locations),
                    wage_min=low,
                    wage_max=low + rng.randrange(30, 120) * 1000,
                    starts_on=self.days[week] + datetime.timedelta(weeks=6),
                    status=status,
                    considered_on=considered,
                    released_on=(
                        considered + datetime.timedelta(days=1)
                        if considered and status == Vacancy.Status.RELEASED
                        else None
                    ),
                    flagged=status == Vacancy.Status.RELEASED and rng.random() < 0.04,
                    registered_by=self.chair,
                )
            )
        saved = Vacancy.objects.bulk_create(rows, batch_size=BATCH)
        qualifications = list(ground.qualifications.values())
        required, wanted = Vacancy.required.through, Vacancy.wanted.through
        required_rows, wanted_rows = [], []
        for vacancy in saved:
            for qualification in rng.sample(qualifications, rng.randint(0, 2)):
                required_rows.append(
                    required(vacancy_id=vacancy.pk, qualification_id=qualification.pk)
                )
            for qualification in rng.sample(qualifications, rng.randint(0, 2)):
                wanted_rows.append(wanted(vacancy_id=vacancy.pk, qualification_id=qualification.pk))
            if vacancy.flagged:
                vacancy.flag_note = "Enheten kunne ikke vente lenger på stillingsbanken."
            vacancy.registered_at = at(vacancy.starts_on - datetime.timedelta(weeks=6), 10)
        required.objects.bulk_create(required_rows, batch_size=BATCH)
        wanted.objects.bulk_create(wanted_rows, batch_size=BATCH)
        return saved

    # -- the history -----------------------------------------------------------------------

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
        MatchRound.objects.bulk_update(list(touched.values()), ["result"], batch_size=UPDATE_BATCH)

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
