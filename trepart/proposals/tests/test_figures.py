"""Figures on hand-built proposals: received, answered, in time, median days, implemented."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from trepart.accounts.tests.factories import MunicipalityFactory
from trepart.organisation.tests.factories import BodyFactory, UnitFactory
from trepart.proposals.models import Proposal, ProposalUnit, Status
from trepart.proposals.selectors import figures_total, proposal_figures

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 12, 31)


def proposal(
    body: Any,
    *,
    units: tuple[Any, ...] = (),
    arrived: str = "2026-03-01",
    answer: str = "",
    days: int | None = None,
    in_time: bool | None = None,
    status: str = Status.SUBMITTED,
) -> Proposal:
    arrived_on = datetime.date.fromisoformat(arrived)
    made = Proposal.objects.create(
        municipality=body.municipality,
        title="Forslag",
        description="Et forslag med en beskrivelse.",
        source="EMPLOYEE",
        body=body,
        status=status,
        arrived_on=arrived_on,
        due_on=arrived_on + datetime.timedelta(days=30),
        first_answer=answer,
        answer=answer,
        answer_days=days,
        answered_in_time=in_time,
    )
    ProposalUnit.objects.bulk_create(ProposalUnit(proposal=made, unit=u) for u in units)
    return made


@pytest.fixture
def data() -> dict[str, Any]:
    municipality = MunicipalityFactory.create()
    lmu = BodyFactory.create(municipality=municipality, kind="LMU", name="A LMU")
    group = BodyFactory.create(municipality=municipality, kind="COORDINATION", name="B gruppe")
    school = UnitFactory.create(municipality=municipality, name="Skolen")
    home = UnitFactory.create(municipality=municipality, name="Sykehjemmet")
    # The LMU: three answered (10, 20, 40 days; two in time), one open.
    proposal(
        lmu, units=(school,), answer="IMPLEMENTED", days=10, in_time=True, status=Status.ANSWERED
    )
    proposal(lmu, units=(school,), answer="REJECTED", days=20, in_time=True, status=Status.ANSWERED)
    proposal(
        lmu,
        units=(school, home),
        answer="FURTHER_EVALUATION",
        days=40,
        in_time=False,
        status=Status.FURTHER_EVALUATION,
    )
    proposal(lmu, units=(school,))
    # The group: two answered (5 and 8 days, one late), one done; and one outside the period.
    proposal(group, units=(home,), answer="IMPLEMENTED", days=5, in_time=True, status=Status.DONE)
    proposal(group, answer="REJECTED", days=8, in_time=False, status=Status.ANSWERED)
    proposal(group, arrived="2025-12-31", answer="IMPLEMENTED", days=1, in_time=True)
    return {
        "municipality": municipality,
        "lmu": lmu,
        "group": group,
        "school": school,
        "home": home,
    }


def test_figures_per_body(data: dict[str, Any]) -> None:
    rows = proposal_figures(data["municipality"].pk, START, END, by="body")
    assert [row.name for row in rows] == ["A LMU", "B gruppe"]
    lmu, group = rows
    assert (lmu.received, lmu.answered, lmu.answered_in_time) == (4, 3, 2)
    assert lmu.median_days == 20  # odd count: the middle value
    assert lmu.share_in_time == pytest.approx(2 / 3)
    assert lmu.share_implemented == pytest.approx(1 / 3)
    assert (group.received, group.answered, group.answered_in_time) == (2, 2, 1)
    assert group.median_days == 6.5  # even count: the mean of the middle two
    assert group.share_in_time == 0.5
    assert group.share_implemented == 0.5


def test_figures_per_unit_count_a_proposal_for_each_unit(data: dict[str, Any]) -> None:
    rows = {
        row.name: row for row in proposal_figures(data["municipality"].pk, START, END, by="unit")
    }
    assert set(rows) == {"Skolen", "Sykehjemmet"}
    school, home = rows["Skolen"], rows["Sykehjemmet"]
    assert (school.received, school.answered, school.implemented) == (4, 3, 1)
    assert school.median_days == 20
    assert (home.received, home.answered, home.answered_in_time) == (2, 2, 1)
    assert home.median_days == 22.5
    assert home.share_implemented == 0.5  # the done one counts as implemented


def test_the_period_decides_what_counts(data: dict[str, Any]) -> None:
    last_year = proposal_figures(
        data["municipality"].pk, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
    )
    assert [(row.name, row.received, row.median_days) for row in last_year] == [
        ("B gruppe", 1, 1.0)
    ]
    total = figures_total(data["municipality"].pk, START, END)
    assert (total.received, total.answered, total.implemented) == (6, 5, 2)
    assert total.median_days == 10


def test_no_answers_means_no_shares(data: dict[str, Any]) -> None:
    empty = BodyFactory.create(municipality=data["municipality"], name="C tom")
    proposal(empty)
    row = next(
        r for r in proposal_figures(data["municipality"].pk, START, END) if r.name == "C tom"
    )
    assert row.answered == 0
    assert row.share_in_time is None
    assert row.median_days is None
