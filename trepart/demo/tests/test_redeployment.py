"""The demo's stillingsbank: the year the story tells, rows that agree with the models'
rules and with each case's history, the bank's meetings closed to the public, and the
made-up volume of the ``generate`` presets."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db.models import Count, Q
from django.test import Client

from trepart.benchmark.runner import bench_context
from trepart.demo.redeployment_bulk import redeployment_bulk_build
from trepart.demo.redeployment_data import ITEM_TITLE
from trepart.demo.redeployment_history import STATUS_AFTER
from trepart.demo.redeployment_setup import ground_load
from trepart.meetings.models import AgendaItem, Meeting
from trepart.organisation.models import Body
from trepart.organisation.selectors import today
from trepart.redeployment import bench
from trepart.redeployment.models import (
    CaseEvent,
    CaseKind,
    CaseStatus,
    MatchRound,
    Offer,
    OfferPart,
    ProposedPair,
    Qualification,
    RedeploymentCase,
    TravelTime,
    Vacancy,
)
from trepart.redeployment.privacy import CLOSED_BASIS

pytestmark = pytest.mark.django_db
Kind = CaseEvent.Kind


@pytest.fixture
def bank(built_demo: object) -> Body:
    return Body.objects.get(template_slot="lunner:stillingsbank")


def events_of(kind: str, case_kind: str = CaseKind.REDUNDANT) -> int:
    return CaseEvent.objects.filter(kind=kind, case__kind=case_kind).count()


def assert_consistent() -> None:
    """What the models' constraints say, and what the history says of every status."""
    assert (
        not Offer.objects.filter(status=Offer.Status.OPEN)
        .values("case")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert (
        not OfferPart.objects.filter(is_open=True)
        .values("vacancy")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not OfferPart.objects.filter(is_open=True).exclude(offer__status=Offer.Status.OPEN)
    assert not OfferPart.objects.filter(is_open=False, offer__status=Offer.Status.OPEN)
    offered = Vacancy.objects.filter(status=Vacancy.Status.OFFERED)
    assert set(offered) == set(Vacancy.objects.filter(offer_parts__is_open=True))
    with_open = RedeploymentCase.objects.filter(offers__status=Offer.Status.OPEN)
    assert set(with_open) == set(RedeploymentCase.objects.filter(status=CaseStatus.OFFERED))
    day = today()
    assert not CaseEvent.objects.filter(on__gt=day)
    for case in RedeploymentCase.objects.prefetch_related("events"):
        history = list(case.events.all())
        assert history and history[0].kind == Kind.REGISTERED, case
        assert case.status == STATUS_AFTER.get(history[-1].kind, CaseStatus.ACTIVE), case
        assert [e.on for e in history] == sorted(e.on for e in history)
        if case.status == CaseStatus.PLACED:
            assert case.placed_on is not None
        if case.status == CaseStatus.PREFERENTIAL:
            assert case.notice_on and case.preferential_until and case.preferential_until > day
    handled = ProposedPair.objects.exclude(decision=ProposedPair.Decision.PENDING)
    assert not handled.filter(Q(decided_by=None) | Q(decided_at=None))
    assert not ProposedPair.objects.filter(decision=ProposedPair.Decision.OVERRIDDEN, reason="")
    assert not Vacancy.objects.filter(status=Vacancy.Status.RELEASED, released_on=None)
    assert not Vacancy.objects.filter(status=Vacancy.Status.HELD).exclude(considered_on=None)
    assert not Offer.objects.filter(deadline__lt=day, status=Offer.Status.OPEN)


def test_the_story_tells_the_year_the_issue_asks_for(bank: Body) -> None:
    cases = RedeploymentCase.objects.filter(bank=bank)
    assert cases.filter(kind=CaseKind.REDUNDANT).count() == 8
    assert Vacancy.objects.count() == 30
    assert 15 <= Qualification.objects.count() <= 25 and TravelTime.objects.count() == 15
    assert events_of(Kind.PLACED) == 7
    assert events_of(Kind.REHIRED) == 1
    rehired = cases.get(events__kind=Kind.REHIRED)
    kinds = list(rehired.events.values_list("kind", flat=True))
    assert (
        kinds.index(Kind.DECLINED_SUITABLE) < kinds.index(Kind.NOTICE) < kinds.index(Kind.REHIRED)
    )
    assert rehired.notice_on is not None and rehired.preferential_until is not None
    user = rehired.person.user
    assert user is not None and user.username == "overtallig"  # my_case has a story to show
    decline = CaseEvent.objects.get(kind=Kind.DECLINED_SUITABLE)
    assert decline.consequences and "§ 15-7" in decline.consequences
    assert decline.offer is not None and decline.offer.status == Offer.Status.DECLINED
    assert decline.offer.suitable
    # One override with its reason, the rest of the handled proposals confirmed.
    overridden = ProposedPair.objects.get(decision=ProposedPair.Decision.OVERRIDDEN)
    assert overridden.reason and CaseEvent.objects.filter(kind=Kind.OVERRIDDEN).count() == 1
    assert ProposedPair.objects.filter(decision=ProposedPair.Decision.CONFIRMED).count() >= 10
    assert Vacancy.objects.filter(flagged=True).exclude(flag_note="").count() == 1
    # § 14-3: twelve part-time employees, three raised by combined offers of two parts.
    part_time = cases.filter(kind=CaseKind.PART_TIME)
    assert part_time.count() == 12
    combined = Offer.objects.annotate(n=Count("parts")).filter(n=2, status=Offer.Status.ACCEPTED)
    assert combined.count() == 3
    assert {offer.case.kind for offer in combined} == {CaseKind.PART_TIME}
    assert all(offer.pair and offer.pair.extra_vacancies.count() == 1 for offer in combined)
    assert part_time.filter(status=CaseStatus.PLACED).count() == 3
    assert all(
        sum(p.vacancy.percent for p in offer.parts.all()) <= (offer.case.wanted_percent or 0)
        for offer in combined
    )
    # Every step has a date, who recorded it and, for the outcomes, why.
    assert not CaseEvent.objects.filter(by=None)
    assert not CaseEvent.objects.filter(
        kind__in=[Kind.REGISTERED, Kind.OVERRIDDEN, Kind.NOTICE, Kind.REHIRED], why=""
    )
    assert_consistent()


def test_the_bank_meets_every_week_with_one_closed_item(bank: Body) -> None:
    meetings = Meeting.objects.filter(body=bank).order_by("starts_at")
    assert meetings.count() == 53
    assert meetings.filter(status=Meeting.Status.HELD).count() == 52
    assert not meetings.filter(released_late=True) and not meetings.filter(published_at=None)
    items = AgendaItem.objects.filter(body=bank)
    assert items.count() == 53
    assert set(items.values_list("closed", "legal_basis")) == {(True, CLOSED_BASIS)}
    assert set(items.values_list("title", flat=True)) == {ITEM_TITLE}
    rounds = MatchRound.objects.filter(bank=bank)
    assert rounds.count() == 53 and not rounds.filter(item=None)
    latest = rounds.order_by("-created_at").first()
    assert latest is not None and latest.status == MatchRound.Status.PROPOSED
    pending = ProposedPair.objects.filter(round=latest)
    assert pending.count() == 2
    assert set(pending.values_list("decision", flat=True)) == {ProposedPair.Decision.PENDING}
    for pair in ProposedPair.objects.all():
        assert pair.score > 0 and "why" in pair.explanation
        assert any(
            str(pair.case_id) == entry["candidate"]
            for entry in (pair.round.result["pairs"] + pair.round.result["combined"])
        )


def test_nothing_of_a_person_reaches_the_public_portal(bank: Body) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    names = [case.person.full_name for case in RedeploymentCase.objects.select_related("person")]
    secrets = [*names, ITEM_TITLE, "overtallig", "Smestad sykehjem er slått sammen"]
    meetings = list(Meeting.objects.filter(body=bank).order_by("-starts_at")[:3])
    pages = [
        "/motekalender/",
        f"/motekalender/organ/{bank.pk}.ics",
        "/api/v1/meetings?limit=500",
        *(f"/moter/{meeting.pk}/" for meeting in meetings),
        *(f"/api/v1/meetings/{meeting.pk}" for meeting in meetings),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert not [secret for secret in secrets if secret in text], url
    # The visitor reads the legal basis where the title would be.
    assert "offl. § 13" in client.get(f"/moter/{meetings[-1].pk}/").content.decode()
    for url in ("/stillingsbank/", "/stillingsbank/register/", "/api/v1/redeployment/cases"):
        response = client.get(url)
        assert response.status_code in (302, 401, 403, 404), url
        assert not [name for name in names if name in response.content.decode()], url


def test_the_presets_volume_keeps_every_rule(bank: Body) -> None:
    ground = ground_load(municipality=bank.municipality, bank=bank, today=today())
    chair = bank.municipality.users.get(username="personalsjef")
    redeployment_bulk_build(ground=ground, preset="small", chair=chair)
    kinds = Counter(RedeploymentCase.objects.values_list("kind", flat=True))
    assert kinds[CaseKind.REDUNDANT] == 8 + 60 and kinds[CaseKind.PART_TIME] == 12 + 30
    assert Vacancy.objects.count() == 30 + 240
    assert CaseEvent.objects.count() > 300
    assert ProposedPair.objects.filter(decision=ProposedPair.Decision.PENDING).count() > 2
    assert_consistent()


def test_the_bench_measures_the_banks_pages_on_the_largest_rows(bank: Body) -> None:
    context = bench_context()
    pages = {page.url: page for page in bench.bench_pages(context)}
    longest = max(RedeploymentCase.objects.all(), key=lambda case: case.events.count())
    latest = MatchRound.objects.order_by("-created_at").first()
    assert latest is not None
    for url in (
        "/stillingsbank/",
        "/stillingsbank/register/",
        "/stillingsbank/stillinger/",
        "/stillingsbank/moter/",
        "/stillingsbank/fortrinnsrett/",
        "/stillingsbank/tall/",
        f"/stillingsbank/sak/{longest.pk}/",
        f"/stillingsbank/runde/{latest.pk}/",
        "/api/v1/redeployment/cases",
        "/api/v1/redeployment/offers",
    ):
        assert pages[url].user == "admin", url
    assert pages["/stillingsbank/min-sak/"].user == "overtallig"
    assert len(pages) == 15
    # The demo is a small municipality: the matching is timed at a tenth of full size.
    [step] = bench.bench_steps(context)
    assert step.name.startswith("Stillingsbank matching: 500 people x 500 vacancies")
