"""The demo's citizen committees, Øvre Eiker-style: five grendeutvalg and a byutvalg, each
with a contact in the administration and one among the politicians, three years of grants
(50,000 kr a year, spent, reported and approved; this year's still open) and of dugnad, and
one proposal from a committee handled by the coordination group to an answer.

The demo tells a past, so grants, spending and dugnad are written directly as rows (the
services check each step as it happens today). The oslo preset gets its 15 committees
ten years of dugnad (``bulk``), for the bench.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from trepart.community.models import (
    Committee,
    CommitteeKind,
    DugnadEntry,
    Grant,
    GrantYear,
    HoursBasis,
    Spending,
)
from trepart.community.models.grants import DEFAULT_GRANT, default_deadline
from trepart.community.services.committees import committee_propose
from trepart.demo.proposals import notifications_mark_sent
from trepart.organisation.models import Body, Municipality, Person, Unit
from trepart.proposals.models import AnswerKind
from trepart.proposals.services.deciding import blockers, proposal_answer
from trepart.proposals.services.handling import proposal_take_up

GRENDEUTVALG = 5
BYUTVALG_NAME = "Sentrum byutvalg"
EXTRA_PLACES = ("Vestfossen", "Skotselv", "Ormåsen", "Darbu", "Fiskum", "Vendelbo")
WORK = (
    ("Rydding av turstien", "Turstien langs elva"),
    ("Maling av gapahuken", "Gapahuken ved vannet"),
    ("Vårrydding på skoleplassen", "Skoleplassen"),
    ("Bygging av bålplass", "Friområdet"),
    ("Klipping av kratt langs veien", "Bygdeveien"),
    ("Reparasjon av bryggene", "Badeplassen"),
    ("Juletregrantenning", "Torget"),
    ("Skilting av turløyper", "Skogen ovenfor grenda"),
)
SPENDING = (
    ("Maling og pensler", 6_500),
    ("Grus til stien", 9_800),
    ("Materialer til benker", 12_400),
    ("Leie av tilhenger", 1_800),
    ("Mat til dugnadsfolket", 4_200),
    ("Trykking av turkart", 5_600),
)


def community_build(*, municipality: Municipality, preset: str, bulk: bool) -> None:
    admin = get_user_model().objects.filter(municipality=municipality, username="admin").first()
    if admin is None:
        return
    rng = random.Random(f"community:{municipality.pk}")
    today = timezone.localdate()
    with transaction.atomic():
        committees = _committees(municipality, rng)
        first = today.year - 3
        for year in range(first, today.year + 1):
            GrantYear.objects.get_or_create(
                municipality=municipality,
                year=year,
                defaults={
                    "default_amount": DEFAULT_GRANT,
                    "report_deadline": default_deadline(year),
                },
            )
        contact = committees[0].admin_contact
        for committee in committees:
            _grants(committee, rng, today, first_year=today.year - 3, contact=contact)
        DugnadEntry.objects.bulk_create(
            [
                entry
                for committee in committees
                for entry in _dugnad(committee, rng, today, first_year=first)
            ],
            batch_size=2000,
        )
    _proposal(committees, admin)
    if preset == "oslo" and bulk:
        community_bulk_build(municipality=municipality)


def _committees(municipality: Municipality, rng: random.Random) -> list[Committee]:
    bodies = list(
        Body.objects.filter(municipality=municipality, kind=Body.Kind.CITIZEN_COMMITTEE).order_by(
            "pk"
        )
    )
    for place in EXTRA_PLACES:
        if len(bodies) >= GRENDEUTVALG:
            break
        if not any(body.name.startswith(place) for body in bodies):
            bodies.append(
                Body.objects.create(
                    municipality=municipality,
                    name=f"{place} grendeutvalg",
                    kind=Body.Kind.CITIZEN_COMMITTEE,
                    mandate="Innbyggernes utvalg for grenda: dugnad, tilskudd og forslag.",
                )
            )
    bodies.append(
        Body.objects.create(
            municipality=municipality,
            name=BYUTVALG_NAME,
            kind=Body.Kind.CITIZEN_COMMITTEE,
            mandate="Innbyggernes utvalg for sentrum: byrom, dugnad og forslag til kommunen.",
        )
    )
    contacts = list(
        Person.objects.filter(
            municipality=municipality, kind=Person.Kind.EMPLOYEE, is_leader=True
        ).order_by("pk")[:3]
    )
    politicians = list(
        Person.objects.filter(municipality=municipality, kind=Person.Kind.POLITICIAN).order_by(
            "pk"
        )[:6]
    )
    units = list(Unit.objects.filter(municipality=municipality, kind=Unit.Kind.UNIT).order_by("pk"))
    committees = []
    for n, body in enumerate(bodies):
        committee = Committee.objects.create(
            municipality=municipality,
            body=body,
            kind=CommitteeKind.BYUTVALG
            if body.name == BYUTVALG_NAME
            else CommitteeKind.GRENDEUTVALG,
            places=body.name.replace(" grendeutvalg", "").replace(" byutvalg", ""),
            admin_contact=contacts[n % len(contacts)] if contacts else None,
            politician_contact=politicians[n % len(politicians)] if politicians else None,
        )
        if units:
            committee.units.set(rng.sample(units, min(2, len(units))))
        committees.append(committee)
    if not municipality.citizen_committees_enabled:
        municipality.citizen_committees_enabled = True
        municipality.save(update_fields=["citizen_committees_enabled"])
    return committees


def _grants(
    committee: Committee,
    rng: random.Random,
    today: datetime.date,
    *,
    first_year: int,
    contact: Person | None,
) -> None:
    for year in range(first_year, today.year + 1):
        past = year < today.year
        grant = Grant.objects.create(
            municipality_id=committee.municipality_id,
            committee=committee,
            year=year,
            amount=DEFAULT_GRANT,
            report_deadline=default_deadline(year),
            plan="Benker og grus til turstien, maling til gapahuken og mat til dugnadene.",
        )
        rows = rng.sample(SPENDING, 5 if past else 2)
        spending = [
            Spending(
                municipality_id=committee.municipality_id,
                grant=grant,
                spent_on=datetime.date(year, 3 + 2 * k, 10)
                if past
                else min(today, datetime.date(year, 1 + k, 15)),
                what=what,
                amount=amount,
            )
            for k, (what, amount) in enumerate(rows)
        ]
        Spending.objects.bulk_create(spending)
        grant.spent = sum(row.amount for row in spending)
        if past:
            grant.report = "Pengene gikk til turstien, gapahuken og mat til dugnadsfolket."
            grant.reported_on = datetime.date(year + 1, 1, 20)
            grant.approved_on = datetime.date(year + 1, 1, 28)
            grant.approved_by = committee.admin_contact or contact
        grant.save()


def _dugnad(
    committee: Committee, rng: random.Random, today: datetime.date, *, first_year: int
) -> list[DugnadEntry]:
    entries = []
    for year in range(first_year, today.year + 1):
        for _n in range(rng.randint(6, 10)):
            day = datetime.date(year, rng.randint(3, 11), rng.randint(1, 28))
            if day > today:
                continue
            what, place = rng.choice(WORK)
            people = rng.randint(4, 40)
            per_person = rng.random() < 0.7
            hours = Decimal(rng.randint(2, 6)) if per_person else Decimal(rng.randint(20, 200))
            entries.append(
                DugnadEntry(
                    municipality_id=committee.municipality_id,
                    committee=committee,
                    held_on=day,
                    year=year,
                    what=what,
                    place=place,
                    people=people,
                    hours=hours,
                    hours_basis=HoursBasis.PER_PERSON if per_person else HoursBasis.TOTAL,
                    total_hours=hours * people if per_person else hours,
                )
            )
    return entries


def _proposal(committees: list[Committee], admin: object) -> None:
    """A proposal from the first grendeutvalg, taken up and answered."""
    proposal = committee_propose(
        actor=admin,
        committee=committees[0],
        title="Benker og belysning langs turstien",
        description=(
            "Utvalget foreslår fem benker og enkel belysning langs turstien fra skolen til "
            "badeplassen. Grendeutvalget tar dugnaden med å sette dem opp."
        ),
    )
    proposal = proposal_take_up(actor=admin, proposal=proposal)
    if not blockers(proposal):
        proposal_answer(
            actor=admin,
            proposal=proposal,
            kind=AnswerKind.IMPLEMENTED,
            reason="Kommunen kjøper inn benkene; grendeutvalget setter dem opp på dugnad i mai.",
        )
    notifications_mark_sent(municipality=committees[0].municipality)


BULK_COMMITTEES = 15
BULK_YEARS = 10


def community_bulk_build(*, municipality: Municipality) -> int:
    """The oslo preset's volume on top of the demo's committees: 15 committees, each with
    ten years of dugnad. Returns the dugnad entries written."""
    rng = random.Random(f"community-bulk:{municipality.pk}")
    today = timezone.localdate()
    existing = list(Committee.objects.filter(municipality=municipality).order_by("pk"))
    with transaction.atomic():
        for n in range(len(existing), BULK_COMMITTEES):
            body = Body.objects.create(
                municipality=municipality,
                name=f"Grendeutvalg {n + 1}",
                kind=Body.Kind.CITIZEN_COMMITTEE,
            )
            existing.append(
                Committee.objects.create(municipality=municipality, body=body, places=body.name)
            )
        first = today.year - BULK_YEARS
        older = [
            entry
            for committee in existing
            for entry in _dugnad(committee, rng, today, first_year=first)
            if entry.year < today.year - 3 or committee.dugnad.count() == 0
        ]
        DugnadEntry.objects.bulk_create(older, batch_size=2000)
    return len(older)
