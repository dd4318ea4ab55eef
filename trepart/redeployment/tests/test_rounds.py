"""The weekly meeting: its series planned with the meetings app, the round as one closed
item, each pair confirmed (the offer is made) or overridden with a reason, the round's
vacancies considered once it is handled. Pairs are made directly here, as the matching
would store them; ``test_rounds_engine.py`` makes them through the engine."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from trepart.meetings.models import AgendaItem, Meeting
from trepart.redeployment import privacy
from trepart.redeployment.models import CaseEvent, MatchRound, Offer, ProposedPair, Vacancy
from trepart.redeployment.selectors.inputs import exclusions_of
from trepart.redeployment.services.meetings import bank_meetings_plan, round_item_add
from trepart.redeployment.services.offers import offer_make
from trepart.redeployment.services.release import vacancy_release
from trepart.redeployment.services.rounds import pair_decide, round_close
from trepart.redeployment.tests.world import BankWorld, build_bank_world

pytestmark = pytest.mark.django_db

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
DAY = datetime.date(2026, 11, 2)

EXPLANATION = {
    "why": [
        {"code": "preferred_unit", "params": {"unit": "0"}},
        {"code": "shorter_travel", "params": {"minutes": 0, "limit": 45}},
    ],
    "next_best": None,
    "why_not": "taken_by_senior",
    "why_not_params": {"other": ""},
}


def proposal(world: BankWorld, pairs: list[tuple[str, str]]) -> MatchRound:
    """A round as ``round_make`` stores it, with the pairs given."""
    vacancies = [str(v.pk) for v in world.vacancies.values()]
    match_round = MatchRound.objects.create(
        municipality=world.municipality,
        bank=world.bank,
        result={
            "vacancies": vacancies,
            "candidates": [str(c.pk) for c in world.cases.values()],
            "placed": len(pairs),
            "pairs": [],
            "unplaced": [],
        },
    )
    for person, vacancy in pairs:
        explanation = dict(EXPLANATION)
        explanation["why"] = [
            {"code": "preferred_unit", "params": {"unit": str(world.vacancies[vacancy].unit_id)}},
            {"code": "shorter_travel", "params": {"minutes": 20, "limit": 45}},
        ]
        explanation["next_best"] = str(world.vacancies["natt"].pk)
        explanation["why_not_params"] = {"other": str(world.cases["anne"].pk)}
        ProposedPair.objects.create(
            municipality=world.municipality,
            round=match_round,
            case=world.cases[person],
            vacancy=world.vacancies[vacancy],
            score=62.5,
            explanation=explanation,
        )
    return match_round


def test_the_bank_plans_weekly_closed_meetings_with_the_meetings_app() -> None:
    world = build_bank_world()
    first = datetime.datetime(2026, 11, 4, 9, tzinfo=OSLO)
    planned = bank_meetings_plan(
        actor=world.members["chair"], bank=world.bank, first=first, count=4
    )
    assert [m.starts_at for m in planned] == [first + datetime.timedelta(weeks=n) for n in range(4)]
    assert all(not m.is_open and m.body == world.bank for m in planned)
    # A member who does not prepare the bank's meetings, and an outsider, cannot.
    for user in (world.members["union"], world.outsider):
        with pytest.raises(PermissionDenied):
            bank_meetings_plan(actor=user, bank=world.bank, first=first, count=1)
    assert Meeting.objects.count() == 4


def test_the_round_is_one_closed_item_whose_title_names_nobody() -> None:
    world = build_bank_world()
    first = datetime.datetime(2026, 11, 4, 9, tzinfo=OSLO)
    (meeting,) = bank_meetings_plan(
        actor=world.members["chair"], bank=world.bank, first=first, count=1
    )
    match_round = proposal(world, [("bjorn", "assistent")])
    item = round_item_add(actor=world.members["chair"], match_round=match_round, meeting=meeting)
    assert item.closed and item.legal_basis == privacy.CLOSED_BASIS == "OFFL_13"
    assert "45" in item.title  # the week
    for case in world.cases.values():
        assert case.person.last_name not in item.title + item.description
        assert case.person.first_name not in item.title + item.description
    match_round.refresh_from_db()
    assert match_round.item == item and match_round.meeting == meeting
    with pytest.raises(ValidationError):
        round_item_add(actor=world.members["chair"], match_round=match_round, meeting=meeting)
    assert AgendaItem.objects.count() == 1


def test_confirming_a_pair_makes_the_offer_and_overriding_needs_a_reason() -> None:
    world = build_bank_world()
    match_round = proposal(world, [("bjorn", "assistent"), ("anne", "sykepleie")])
    first, second = match_round.pairs.order_by("pk")
    member = world.members["union"]
    offer = pair_decide(actor=member, pair=first, version=first.version, confirm=True, today=DAY)
    assert offer is not None and offer.pair == first and offer.case == world.cases["bjorn"]
    with pytest.raises(ValidationError, match="reason for overriding"):
        pair_decide(actor=member, pair=second, version=second.version, confirm=False, today=DAY)
    second.refresh_from_db()
    assert second.decision == ProposedPair.Decision.PENDING
    pair_decide(
        actor=member,
        pair=second,
        version=second.version,
        confirm=False,
        reason="Trenger tilrettelegging først",
        today=DAY,
    )
    second.refresh_from_db()
    assert second.decision == ProposedPair.Decision.OVERRIDDEN
    event = CaseEvent.objects.get(case=world.cases["anne"], kind="OVERRIDDEN")
    assert event.why == "Trenger tilrettelegging først" and event.vacancy == second.vacancy
    key = (str(world.cases["anne"].pk), str(world.vacancies["sykepleie"].pk))
    assert exclusions_of(municipality_id=world.municipality.pk)[key].startswith("Trenger")
    # The last decision closes the round: its vacancies have been considered.
    match_round.refresh_from_db()
    assert match_round.status == MatchRound.Status.CONFIRMED
    natt = Vacancy.objects.get(pk=world.vacancies["natt"].pk)
    assert natt.status == Vacancy.Status.CONSIDERED and natt.considered_on == DAY
    assert Vacancy.objects.get(pk=world.vacancies["assistent"].pk).status == "OFFERED"
    with pytest.raises(ValidationError, match="already decided"):
        pair_decide(actor=member, pair=first, version=None, confirm=False, reason="x", today=DAY)


def test_confirming_a_pair_whose_vacancy_is_taken_changes_nothing() -> None:
    world = build_bank_world()
    match_round = proposal(world, [("bjorn", "assistent")])
    offer_make(
        actor=world.members["chair"],
        case=world.cases["anne"],
        vacancies=[world.vacancies["assistent"]],
        today=DAY,
    )
    pair = match_round.pairs.get()
    with pytest.raises(ValidationError, match="already offered to someone else"):
        pair_decide(actor=world.members["chair"], pair=pair, version=pair.version, confirm=True)
    pair.refresh_from_db()
    assert pair.decision == ProposedPair.Decision.PENDING and pair.version == 1
    assert Offer.objects.count() == 1


def test_a_round_is_closed_only_when_every_pair_is_decided() -> None:
    world = build_bank_world()
    match_round = proposal(world, [("bjorn", "assistent")])
    with pytest.raises(ValidationError, match="every proposed pair"):
        round_close(actor=world.members["chair"], match_round=match_round, today=DAY)
    empty = proposal(world, [])
    round_close(actor=world.members["chair"], match_round=empty, today=DAY)
    assert set(Vacancy.objects.filter(considered_on=DAY).values_list("status", flat=True)) == {
        "CONSIDERED"
    }
    with pytest.raises(PermissionDenied):
        round_close(actor=world.hiring, match_round=match_round, today=DAY)


def test_the_round_page_explains_each_pair_and_records_the_decisions(client: Client) -> None:
    world = build_bank_world()
    match_round = proposal(world, [("bjorn", "assistent"), ("cecilie", "natt")])
    first, second = match_round.pairs.order_by("pk")
    client.force_login(world.members["leader"])
    page = client.get(f"/stillingsbank/runde/{match_round.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Harestua skole" in text  # the preferred unit, by name
    assert "20 minutes" in text or "20 minutt" in text
    assert world.vacancies["natt"].title in text  # the next-best one, by title
    url = f"/stillingsbank/runde/{match_round.pk}/par/{first.pk}/"
    answer = client.post(url, {f"p{first.pk}-version": 1, f"p{first.pk}-decision": "CONFIRM"})
    assert answer.status_code == 302
    url = f"/stillingsbank/runde/{match_round.pk}/par/{second.pk}/"
    client.post(url, {f"p{second.pk}-version": 1, f"p{second.pk}-decision": "OVERRIDE"})
    second.refresh_from_db()
    assert second.decision == ProposedPair.Decision.PENDING  # no reason: refused
    client.post(
        url,
        {
            f"p{second.pk}-version": 1,
            f"p{second.pk}-decision": "OVERRIDE",
            f"p{second.pk}-reason": "Venter på ny stilling",
        },
    )
    second.refresh_from_db()
    assert second.decision == ProposedPair.Decision.OVERRIDDEN
    assert Offer.objects.get().case == world.cases["bjorn"]


def test_the_weekly_meeting_pages_are_for_the_bank_only(client: Client) -> None:
    world = build_bank_world()
    match_round = proposal(world, [("bjorn", "assistent")])
    pair = match_round.pairs.get()
    pages = [
        "/stillingsbank/moter/",
        "/stillingsbank/moter/planlegg/",
        "/stillingsbank/runde/ny/",
        f"/stillingsbank/runde/{match_round.pk}/",
        "/stillingsbank/tilbud/ny/",
    ]
    for user in (world.hiring, world.outsider, world.people["bjorn"]):
        client.force_login(user)
        for url in pages:
            assert client.get(url).status_code == 403, url
        decide = f"/stillingsbank/runde/{match_round.pk}/par/{pair.pk}/"
        answer = client.post(decide, {f"p{pair.pk}-version": 1, f"p{pair.pk}-decision": "CONFIRM"})
        assert answer.status_code == 403
    stranger = build_bank_world()
    client.force_login(stranger.members["chair"])
    assert client.get(f"/stillingsbank/runde/{match_round.pk}/").status_code == 404
    client.force_login(world.members["union"])
    for url in pages:
        assert client.get(url).status_code == 200, url
    assert not Offer.objects.exists()


def test_a_vacancy_the_bank_has_not_considered_is_held_back_from_advertising() -> None:
    world = build_bank_world()
    vacancy = world.vacancies["assistent"]
    with pytest.raises(ValidationError, match="not yet considered"):
        vacancy_release(actor=world.hiring, vacancy=vacancy, version=vacancy.version, today=DAY)
    with pytest.raises(PermissionDenied):
        vacancy_release(actor=world.outsider, vacancy=vacancy, version=None, today=DAY)
    stored = Vacancy.objects.get(pk=vacancy.pk)
    assert stored.status == "HELD" and stored.released_on is None and stored.version == 1
