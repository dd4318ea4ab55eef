"""The week's round made with the matching engine, and the check before a vacancy is
released for external advertising (the engine's suitability through the inputs selector).

These tests need ``trepart.redeployment.matching``; without it they are skipped."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from trepart.redeployment.models import CaseEvent, CaseStatus, MatchRound, RedeploymentCase, Vacancy
from trepart.redeployment.selectors.inputs import right_holders, round_inputs
from trepart.redeployment.services.meetings import bank_meetings_plan
from trepart.redeployment.services.release import vacancy_release
from trepart.redeployment.services.rounds import pair_decide, round_make
from trepart.redeployment.tests.world import BankWorld, build_bank_world

pytest.importorskip("trepart.redeployment.matching")

pytestmark = pytest.mark.django_db

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
DAY = datetime.date(2026, 11, 2)


def test_the_inputs_carry_the_register_as_the_engine_reads_it() -> None:
    world = build_bank_world()
    inputs = round_inputs(municipality_id=world.municipality.pk, bank_id=world.bank.pk)
    keys = [c.key for c in inputs.candidates]
    # Redundant employees first (by seniority), then the part-time employee's wish.
    assert keys == [str(world.cases[k].pk) for k in ("anne", "bjorn", "cecilie")]
    cecilie = inputs.candidates[2]
    assert (cecilie.percent, cecilie.wanted_percent) == (50, 80)
    assert inputs.candidates[0].wanted_percent is None
    assert inputs.candidates[0].qualifications == frozenset({"FAG"})
    assert inputs.travel[("HAR", "ROA")] == inputs.travel[("ROA", "HAR")] == 20
    assert len(inputs.vacancies) == 3


def test_round_make_stores_the_proposal_with_explanations_on_the_meeting() -> None:
    world = build_bank_world()
    (meeting,) = bank_meetings_plan(
        actor=world.members["chair"],
        bank=world.bank,
        first=datetime.datetime(2026, 11, 4, 9, tzinfo=OSLO),
        count=1,
    )
    made = round_make(actor=world.members["chair"], bank=world.bank, meeting=meeting, today=DAY)
    pairs = {(p.case_id, p.vacancy_id): p for p in made.pairs.all()}
    assert set(pairs) == {
        (world.cases["anne"].pk, world.vacancies["sykepleie"].pk),
        (world.cases["bjorn"].pk, world.vacancies["assistent"].pk),
    }
    assert all(p.explanation.get("why") is not None for p in pairs.values())
    assert made.result["placed"] == 2
    assert made.item is not None and made.item.closed and made.meeting == meeting
    assert CaseEvent.objects.filter(kind="PROPOSED").count() == 2
    assert [u["candidate"] for u in made.result["unplaced"]] == [str(world.cases["cecilie"].pk)]


def test_the_round_page_and_api_make_a_round(client: Client) -> None:
    world = build_bank_world()
    client.force_login(world.members["union"])
    answer = client.post("/stillingsbank/runde/ny/", {"meeting": ""})
    assert answer.status_code == 302
    made = MatchRound.objects.get()
    page = client.get(f"/stillingsbank/runde/{made.pk}/").content.decode()
    assert "Why this vacancy" in page and world.vacancies["sykepleie"].title in page
    api = client.post("/api/v1/redeployment/rounds")
    assert api.status_code == 201 and api.json()["placed"] == 2


def _considered(world: BankWorld, key: str) -> Vacancy:
    Vacancy.objects.filter(pk=world.vacancies[key].pk).update(status="CONSIDERED")
    return Vacancy.objects.get(pk=world.vacancies[key].pk)


def test_releasing_past_a_suitable_person_needs_a_reason_and_is_flagged() -> None:
    world = build_bank_world()
    vacancy = _considered(world, "assistent")
    holders = right_holders(vacancy=vacancy, day=DAY)
    assert {h.case for h in holders} == {world.cases["bjorn"], world.cases["cecilie"]}
    with pytest.raises(ValidationError, match="give the reason"):
        vacancy_release(actor=world.hiring, vacancy=vacancy, version=vacancy.version, today=DAY)
    assert Vacancy.objects.get(pk=vacancy.pk).status == "CONSIDERED"
    released = vacancy_release(
        actor=world.hiring,
        vacancy=vacancy,
        version=vacancy.version,
        reason="Krever spesialkompetanse",
        today=DAY,
    )
    assert released.status == "RELEASED" and released.released_on == DAY
    assert released.flagged and released.flag_note == "Krever spesialkompetanse"


def test_a_vacancy_nobody_has_a_right_to_is_released_without_a_flag() -> None:
    world = build_bank_world()
    vacancy = _considered(world, "natt")
    released = vacancy_release(
        actor=world.members["chair"], vacancy=vacancy, version=None, today=DAY
    )
    assert released.status == "RELEASED" and not released.flagged


def test_the_preferential_register_counts_while_the_right_runs() -> None:
    world = build_bank_world()
    vacancy = _considered(world, "sykepleie")
    anne = world.cases["anne"]
    RedeploymentCase.objects.filter(pk=anne.pk).update(
        status=CaseStatus.PREFERENTIAL, preferential_until=DAY
    )
    assert [h.case for h in right_holders(vacancy=vacancy, day=DAY)] == [anne]
    later = DAY + datetime.timedelta(days=1)
    assert right_holders(vacancy=vacancy, day=later) == []


def test_the_release_page_names_people_only_to_the_bank(client: Client) -> None:
    world = build_bank_world()
    vacancy = _considered(world, "assistent")
    url = f"/stillingsbank/stillinger/{vacancy.pk}/frigi/"
    bjorn = world.cases["bjorn"].person.full_name
    client.force_login(world.hiring)
    page = client.get(url).content.decode()
    assert "2 people with a right" in page and bjorn not in page
    client.force_login(world.members["leader"])
    assert bjorn in client.get(url).content.decode()
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404


def test_two_small_vacancies_are_combined_for_a_part_time_employee() -> None:
    world = build_bank_world()
    parts = []
    for unit, location in (("skole", "HAR"), ("bhg", "GRU")):
        vacancy = Vacancy.objects.create(
            municipality=world.municipality,
            unit=world.units[unit],
            title=f"Assistent 40 ({unit})",
            percent=40,
            location=world.locations[location],
            wage_min=500_000,
            wage_max=560_000,
            starts_on=datetime.date(2027, 1, 1),
        )
        parts.append(vacancy)
    made = round_make(actor=world.members["chair"], bank=world.bank, today=DAY)
    combined = made.pairs.get(case=world.cases["cecilie"])
    assert {combined.vacancy, *combined.extra_vacancies.all()} == set(parts)
    assert "combined" in combined.explanation
    client = Client()
    client.force_login(world.members["chair"])
    page = client.get(f"/stillingsbank/runde/{made.pk}/").content.decode()
    assert "80 %" in page and "combined_positions" not in page
    offer = pair_decide(
        actor=world.members["chair"], pair=combined, version=combined.version, confirm=True
    )
    assert offer is not None
    assert {part.vacancy for part in offer.parts.all()} == set(parts)
