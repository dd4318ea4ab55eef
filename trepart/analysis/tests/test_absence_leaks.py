"""No sick-leave output reveals a group under the threshold, directly or by subtraction.

Hypothesis builds random unit trees with random head counts that change from month to
month. For every unit (and the municipality) the dashboard's figures, the API's JSON, the
snapshot and the meeting report are read, and every figure they show is checked against
the records: a shown group had at least five employees in every month, and what is left
of a shown group after taking away its shown units (the hidden units and the people
counted at the group itself) is, in every month, nobody or at least five people.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.analysis.absence import add_months
from trepart.analysis.absence_display import absence_snapshot
from trepart.analysis.api.absence import absence_json
from trepart.analysis.models import AbsenceRecord
from trepart.analysis.report_sections import absence_report
from trepart.analysis.selectors.absence import absence_figures
from trepart.organisation.models import Unit
from trepart.platform.tree import Tree

pytestmark = pytest.mark.django_db

END = datetime.date(2026, 6, 1)
MONTHS = 24
THRESHOLD = 5


@st.composite
def trees(draw: Any) -> tuple[list[int | None], list[list[int]]]:
    """Parents (index of an earlier unit, or None) and head counts per unit per month."""
    size = draw(st.integers(min_value=1, max_value=7))
    parents: list[int | None] = []
    for index in range(size):
        options = st.none() if index == 0 else st.one_of(st.none(), st.integers(0, index - 1))
        parents.append(draw(options))
    counts = []
    for _ in range(size):
        base = draw(st.integers(min_value=0, max_value=12))
        if base == 0:
            counts.append([0] * MONTHS)
            continue
        wobble = draw(st.lists(st.integers(-2, 2), min_size=MONTHS, max_size=MONTHS))
        counts.append([max(1, base + step) for step in wobble])
    return parents, counts


def build(parents: list[int | None], counts: list[list[int]]) -> tuple[Any, list[Unit]]:
    municipality = MunicipalityFactory.create()
    units: list[Unit] = []
    for index, parent in enumerate(parents):
        units.append(
            Unit.objects.create(
                municipality=municipality,
                code=f"U{index}",
                name=f"Unit {index}",
                parent=units[parent] if parent is not None else None,
            )
        )
    records = []
    for unit, monthly in zip(units, counts, strict=True):
        for step, employees in enumerate(monthly):
            if employees:
                records.append(
                    AbsenceRecord(
                        municipality=municipality,
                        unit=unit,
                        period_start=add_months(END, -step),
                        agreed_days=employees * 20.0,
                        lost_certified=employees * 1.0 + step % 3,
                        lost_self=employees * 0.2,
                        employees=employees,
                    )
                )
    AbsenceRecord.objects.bulk_create(records)
    return municipality, units


def subtree(parents: dict[int, int | None], top: int | None) -> set[int]:
    return set(Tree(parents).subtree(top))


def monthly_heads(pks: set[int], units: list[Unit], counts: list[list[int]]) -> list[int]:
    """The employees of a set of units, month by month."""
    return [
        sum(counts[i][step] for i, unit in enumerate(units) if unit.pk in pks)
        for step in range(MONTHS)
    ]


def assert_safe(heads: list[int], what: str) -> None:
    assert all(count == 0 or count >= THRESHOLD for count in heads), (what, heads)


def check_figures(data: dict[str, Any], units: list[Unit], counts: list[list[int]]) -> None:
    """``data`` is the API's JSON for one group (the page shows the same object)."""
    parents = {unit.pk: unit.parent_id for unit in units}
    top = data["unit"]["id"] if data["unit"] else None
    group = subtree(parents, top)
    shown_group = data["last_12_months"]["percent"] is not None or bool(data["periods"])
    if shown_group:
        heads = monthly_heads(group, units, counts)
        assert all(count >= THRESHOLD for count in heads if count), ("group", heads)
    remainder = set(group)
    for child in data["children"]:
        shown = any(
            value is not None
            for key in ("last_12_months", "year_before")
            for value in child[key].values()
        )
        assert not (child["hidden"] and shown), child
        if shown:
            pks = subtree(parents, child["unit"]["id"])
            heads = monthly_heads(pks, units, counts)
            assert all(count >= THRESHOLD for count in heads if count), ("child", heads)
            remainder -= pks
    if shown_group and data["children"]:
        assert_safe(monthly_heads(remainder, units, counts), "remainder")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(trees())
def test_no_output_reveals_a_small_group(tree: tuple[list[int | None], list[list[int]]]) -> None:
    parents, counts = tree
    municipality, units = build(parents, counts)
    reader = UserFactory.create(municipality=municipality)
    for unit_id in [None, *(unit.pk for unit in units)]:
        figures = absence_figures(municipality=municipality, unit_id=unit_id)
        data = absence_json(figures)
        check_figures(data, units, counts)
        # The meeting report uses the same figures for the twelve months up to END.
        report = absence_report(municipality=municipality, unit_id=unit_id, end=END)
        if report is not None and report["percent"] is not None:
            group = subtree({unit.pk: unit.parent_id for unit in units}, unit_id)
            heads = monthly_heads(group, units, counts)
            assert all(count >= THRESHOLD for count in heads if count), ("report", heads)
            assert not figures.hidden
        if report is not None and figures.hidden:
            assert report["percent"] is None and report["quarters"] == []
    # The snapshot of the municipality names no hidden unit in its chart data.
    snapshot = absence_snapshot(reader, {})
    figures = absence_figures(municipality=municipality)
    hidden_names = {row.unit.name for row in figures.children if row.hidden}
    for chart in snapshot["charts"]:
        spec = json.dumps(chart["spec"])
        for name in hidden_names:
            assert f'"{name}"' not in spec
