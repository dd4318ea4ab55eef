"""The stillingsbank's figures: what they count, and that small groups are hidden (with
secondary suppression), on the page, in the API and in the meetings' result report."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from trepart.audit.cache import computed_afresh
from trepart.meetings.models import Meeting
from trepart.meetings.services import meeting_create, report
from trepart.organisation.models import Body, Unit
from trepart.organisation.tests.factories import BodyFactory, UnitFactory
from trepart.redeployment.models import CaseKind, RedeploymentCase
from trepart.redeployment.report_sections import redeployment_section
from trepart.redeployment.selectors.figures import Figures, redeployment_figures
from trepart.redeployment.tests.figures_world import add_case
from trepart.redeployment.tests.world import BankWorld, build_bank_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> BankWorld:
    return build_bank_world()


def figures(world: BankWorld) -> Figures:
    with computed_afresh():
        return redeployment_figures(municipality=world.municipality)


def client_for(user: Any = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def test_a_bank_of_three_shows_no_figure(world: BankWorld) -> None:
    found = figures(world)
    assert found.total is None and found.part_time is None
    assert found.by_year == [] and found.by_sector == []
    assert not found.has_data


def test_the_figures_count_placements_days_and_notices(world: BankWorld) -> None:
    for days in (30, 40, 50, 60, 70):
        add_case(world, year=2025, placed_after=days)
    add_case(world, year=2025, notice=True)
    total = figures(world).total
    assert total is not None
    # Six in 2025 and the world's two redundant employees of 2026.
    assert (total.registered, total.in_bank, total.placed, total.notices) == (8, 2, 5, 1)
    assert total.median_days == 50
    assert total.share_placed == 62.5
    assert total.avoided == 5


def test_the_median_is_hidden_while_fewer_than_the_threshold_were_placed(
    world: BankWorld,
) -> None:
    for days in (30, 40):
        add_case(world, year=2025, placed_after=days)
    for _ in range(3):
        add_case(world, year=2025)
    total = figures(world).total
    assert total is not None and total.placed == 2
    assert total.median_days is None


def test_a_small_year_is_hidden_and_the_year_that_would_give_it_away_too(
    world: BankWorld,
) -> None:
    for _ in range(6):
        add_case(world, year=2025)
    found = figures(world)
    # 2026 has the world's two: hidden; 2025 would be the total minus them: hidden too.
    assert found.total is not None and found.total.registered == 8
    assert found.by_year == []
    assert found.hidden_groups >= 2
    for _ in range(3):
        add_case(world, year=2026)
    assert [(g.label, g.registered) for g in figures(world).by_year] == [("2025", 6), ("2026", 5)]


def test_sectors_roll_up_their_units_and_a_small_sector_is_hidden(world: BankWorld) -> None:
    health = UnitFactory.create(
        municipality=world.municipality, name="Helse", kind=Unit.Kind.SECTOR
    )
    ward = UnitFactory.create(municipality=world.municipality, name="Avdeling 2", parent=health)
    for _ in range(6):
        add_case(world, year=2025, unit=world.units["skole"])
    add_case(world, year=2025, unit=ward)
    assert figures(world).by_sector == []  # Helse has 1, so Oppvekst would give it away
    for _ in range(4):
        add_case(world, year=2025, unit=ward)
    rows = [(g.label, g.registered) for g in figures(world).by_sector]
    assert rows == [("Helse", 5), ("Oppvekst", 8)]


def test_part_time_positions_raised_count_their_points(world: BankWorld) -> None:
    vacancy = world.vacancies["assistent"]  # 80 %
    for _ in range(5):
        add_case(world, year=2026, kind=CaseKind.PART_TIME, raised_to=vacancy)
    part = figures(world).part_time
    assert part is not None
    assert (part.employees, part.waiting, part.increased, part.points) == (6, 1, 5, 150)


def test_the_page_draws_charts_with_tables_for_members_only(world: BankWorld) -> None:
    for days in (30, 40, 50, 60, 70, 80):
        add_case(world, year=2025, placed_after=days)
    for _ in range(3):
        add_case(world, year=2026)
    response = client_for(world.members["chair"]).get(reverse("redeployment:figures"))
    assert response.status_code == 200
    keys = [chart.key for chart in response.context["charts"]]
    assert keys == ["bank-years", "bank-sectors"]
    page = response.content.decode()
    assert "Median days to placement" in page and "<caption>" in page
    for user in (world.outsider, world.hiring, world.people["anne"]):
        assert client_for(user).get(reverse("redeployment:figures")).status_code == 403


def test_the_result_report_holds_the_aggregates_only(world: BankWorld) -> None:
    for days in (30, 40, 50, 60, 70, 80):
        add_case(world, year=2025, placed_after=days)
    meeting = meeting_create(
        actor=world.members["chair"],
        body=world.bank,
        starts_at=datetime.datetime(2026, 12, 1, 17, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 12, 1, 18, tzinfo=datetime.UTC),
        place="Rådhuset",
    )
    assert "redeployment" in report.report_sections()
    with computed_afresh():
        section = report.result_report(meeting, day=datetime.date(2026, 12, 1))["redeployment"]
    assert section == redeployment_section(meeting, datetime.date(2026, 12, 1))
    assert section["total"]["registered"] == 8
    assert section["by_year"] == []  # 2026's two would be given away
    text = str(section)
    for person in world.people.values():
        assert person.person.last_name not in text
    assert "Tåler" not in text


def meeting_of(world: BankWorld, body: Body) -> Meeting:
    return meeting_create(
        actor=world.members["chair"],
        body=body,
        starts_at=datetime.datetime(2026, 12, 1, 17, tzinfo=datetime.UTC),
    )


def test_the_result_report_section_is_for_the_bank_and_the_central_bodies_only(
    world: BankWorld,
) -> None:
    day = datetime.date(2026, 12, 1)
    lmu = BodyFactory.create(municipality=world.municipality, kind=Body.Kind.LMU)
    central = BodyFactory.create(municipality=world.municipality, kind=Body.Kind.TRIPARTITE)
    assert redeployment_section(meeting_of(world, lmu), day) is None
    with computed_afresh():
        hidden = redeployment_section(meeting_of(world, central), day)
    # Three people: the section says the figures are hidden, and holds none.
    assert hidden is not None
    assert hidden["hidden"] and hidden["total"] is None and hidden["by_year"] == []


def test_a_municipality_without_cases_has_no_section(world: BankWorld) -> None:
    RedeploymentCase.objects.filter(municipality=world.municipality).delete()
    assert redeployment_section(meeting_of(world, world.bank), datetime.date(2026, 12, 1)) is None
