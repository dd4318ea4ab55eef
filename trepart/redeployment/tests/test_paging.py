"""The lists stay small however large the municipality: the unit filter offers a few units
(the sectors when there are many) and a unit shows the units below it; a round's pairs, the
registers of rights and the API lists come a page at a time. And a unit's tree counts to its
deepest unit for a leader hiring too."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from trepart.organisation.models import Unit
from trepart.organisation.tests.factories import UnitFactory
from trepart.redeployment import privacy
from trepart.redeployment.forms.unit_filter import ALL_UNITS_UP_TO
from trepart.redeployment.models import CaseStatus, ProposedPair, RedeploymentCase, Vacancy
from trepart.redeployment.tests.helpers import client_for
from trepart.redeployment.tests.test_rounds import proposal
from trepart.redeployment.tests.world import build_bank_world
from trepart.redeployment.views import figures
from trepart.redeployment.views.rounds import PAIRS_PER_PAGE

pytestmark = pytest.mark.django_db


def _values(response: object, field: str) -> list[object]:
    form = response.context["form"]  # type: ignore[attr-defined]
    return [value for value, _label in form.fields[field].choices]


def test_the_register_filter_offers_sectors_when_units_are_many_and_a_unit_shows_its_tree() -> None:
    world = build_bank_world()
    client = client_for(world.members["chair"])
    page = client.get(reverse("redeployment:case_list"))
    # A small municipality: every unit is offered.
    assert set(_values(page, "unit")) == {
        "",
        world.sector.pk,
        *(u.pk for u in world.units.values()),
    }
    below = client.get(reverse("redeployment:case_list"), {"unit": world.sector.pk})
    assert below.context["page_obj"].paginator.count == 3
    for _number in range(ALL_UNITS_UP_TO):
        UnitFactory.create(municipality=world.municipality, parent=world.units["skole"])
    other = UnitFactory.create(municipality=world.municipality, kind=Unit.Kind.SECTOR)
    page = client.get(reverse("redeployment:case_list"))
    assert set(_values(page, "unit")) == {"", world.sector.pk, other.pk}
    # A unit not offered is still accepted (and shown as chosen).
    chosen = client.get(reverse("redeployment:case_list"), {"unit": world.units["pleie"].pk})
    assert world.units["pleie"].pk in _values(chosen, "unit")
    assert chosen.context["page_obj"].paginator.count == 3
    empty = client.get(reverse("redeployment:case_list"), {"unit": other.pk})
    assert empty.context["page_obj"].paginator.count == 0


def test_the_vacancy_filter_shows_a_units_tree() -> None:
    world = build_bank_world()
    client = client_for(world.members["chair"])
    rows = client.get(reverse("redeployment:vacancy_list"), {"unit": world.sector.pk})
    assert rows.context["page_obj"].paginator.count == 3
    rows = client.get(reverse("redeployment:vacancy_list"), {"unit": world.units["skole"].pk})
    assert [v.pk for v in rows.context["page_obj"]] == [world.vacancies["assistent"].pk]


def test_a_rounds_pairs_come_a_page_at_a_time_awaiting_ones_first() -> None:
    world = build_bank_world()
    match_round = proposal(world, [("bjorn", "assistent")])
    first = match_round.pairs.get()
    for _number in range(PAIRS_PER_PAGE):
        ProposedPair.objects.create(
            municipality=world.municipality,
            round=match_round,
            case=world.cases["anne"],
            vacancy=world.vacancies["natt"],
            score=10,
            explanation=first.explanation,
            decision=ProposedPair.Decision.OVERRIDDEN,
            reason="Ikke aktuelt",
        )
    ProposedPair.objects.create(
        municipality=world.municipality,
        round=match_round,
        case=world.cases["cecilie"],
        vacancy=world.vacancies["sykepleie"],
        score=50,
        explanation=first.explanation,
    )
    client = client_for(world.members["chair"])
    url = reverse("redeployment:round_detail", args=[match_round.pk])
    page = client.get(url)
    rows = [row for row, _form in page.context["rows"]]
    assert len(rows) == PAIRS_PER_PAGE
    assert [row.pair.decision for row in rows[:2]] == [ProposedPair.Decision.PENDING] * 2
    assert all(form is not None for _row, form in page.context["rows"][:2])
    # The names the explanations refer to are read: the other person, the next-best vacancy.
    assert rows[0].text.next_best == world.vacancies["natt"].title
    assert page.context["page_obj"].paginator.count == PAIRS_PER_PAGE + 2
    second = client.get(url, {"page": 2})
    assert len(second.context["rows"]) == 2
    pending = client.get(url, {"decision": "PENDING"})
    assert {row.pair.pk for row, _form in pending.context["rows"]} == set(
        match_round.pairs.filter(decision="PENDING").values_list("pk", flat=True)
    )
    assert pending.context["pending"] is True


def test_the_registers_of_rights_come_a_page_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world = build_bank_world()
    RedeploymentCase.objects.filter(pk=world.cases["cecilie"].pk).update(status="ACTIVE")
    RedeploymentCase.objects.filter(
        pk__in=[world.cases["anne"].pk, world.cases["bjorn"].pk]
    ).update(status=CaseStatus.PREFERENTIAL, preferential_until=datetime.date(2027, 9, 1))
    monkeypatch.setattr(figures, "RIGHTS_PER_PAGE", 1)
    client = client_for(world.members["chair"])
    first = client.get(reverse("redeployment:rights"))
    assert [row[0].pk for row in first.context["preferential"]] == [world.cases["anne"].pk]
    assert [row[0].pk for row in first.context["wishes"]] == [world.cases["cecilie"].pk]
    second = client.get(reverse("redeployment:rights"), {"page": 2})
    assert [row[0].pk for row in second.context["preferential"]] == [world.cases["bjorn"].pk]
    assert second.context["wishes"] == []


def test_the_api_lists_read_their_relations_in_a_few_queries(
    django_assert_max_num_queries: Any,
) -> None:
    world = build_bank_world()
    world.cases["anne"].preferred_units.add(world.units["skole"])
    world.cases["anne"].preferred_locations.add(world.locations["ROA"])
    world.vacancies["natt"].wanted.add(world.qualifications["BIL"])
    client = client_for(world.members["chair"])
    client.get("/api/v1/redeployment/cases")
    with django_assert_max_num_queries(12):
        cases = client.get("/api/v1/redeployment/cases").json()["items"]
    anne = next(case for case in cases if case["id"] == world.cases["anne"].pk)
    assert anne["qualifications"] == ["FAG"]
    assert anne["preferred_unit_ids"] == [world.units["skole"].pk]
    assert anne["preferred_locations"] == ["ROA"]
    assert anne["url"].endswith(reverse("redeployment:case_detail", args=[anne["id"]]))
    vacancies = client.get("/api/v1/redeployment/vacancies").json()["items"]
    natt = next(row for row in vacancies if row["id"] == world.vacancies["natt"].pk)
    assert natt["required"] == ["FAG"] and natt["wanted"] == ["BIL"]
    assert natt["url"].endswith(reverse("redeployment:vacancy_detail", args=[natt["id"]]))


def test_a_leader_hires_for_the_whole_tree_below_their_unit() -> None:
    world = build_bank_world()
    school = world.units["skole"]
    middle = UnitFactory.create(municipality=world.municipality, parent=school)
    deepest = UnitFactory.create(municipality=world.municipality, parent=middle)
    beside = UnitFactory.create(municipality=world.municipality, parent=world.sector)
    units = set(privacy.hiring_units(world.hiring).values_list("pk", flat=True))
    assert units == {school.pk, middle.pk, deepest.pk}
    assert beside.pk not in units and world.sector.pk not in units
    vacancy = Vacancy.objects.create(
        municipality=world.municipality,
        unit=deepest,
        title="Lærer",
        percent=100,
        location=world.locations["HAR"],
        wage_min=500_000,
        wage_max=600_000,
        starts_on=datetime.date(2027, 1, 1),
    )
    assert privacy.can_edit_vacancy(world.hiring, vacancy)
    assert not privacy.hiring_units(world.outsider).exists()
