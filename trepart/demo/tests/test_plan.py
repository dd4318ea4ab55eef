"""The made-up municipality's plan, checked without a database."""

import datetime
import itertools
from collections import Counter

import pytest

from trepart.demo import workplaces
from trepart.demo.plan import PRESETS, apportion
from trepart.demo.seats import LOGINS, TRIPARTITE, lmu, municipality_plan

TODAY = datetime.date(2026, 11, 23)
PARTY_KINDS = {"POLITICAL": "POLITICIAN", "ADMINISTRATION": "EMPLOYEE", "EMPLOYEE": "EMPLOYEE"}


def test_apportion_shares_out_the_exact_total():
    assert apportion(10, [1, 1, 1]) == [4, 3, 3]
    assert sum(apportion(1_000, [0.35, 0.3, 0.125, 0.075, 0.1, 0.05])) == 1_000


@pytest.mark.parametrize("preset", ["small", "medium"])
def test_plan_has_the_preset_size_and_keeps_the_membership_rules(preset):
    plan = municipality_plan(preset=PRESETS[preset], seed=5, today=TODAY)
    units = [u for u in plan.units if u.kind == "UNIT"]
    employees = [p for p in plan.people.rows if p.kind == "EMPLOYEE"]
    assert len(units) == PRESETS[preset].units
    assert len(employees) == PRESETS[preset].employees
    assert sum(u.employee_count for u in plan.units) == len(employees)
    assert len({u.name for u in plan.units}) == len(plan.units)
    assert len({p.email for p in plan.people.rows}) == len(plan.people.rows)

    by_body_person: dict[tuple[str, int], list] = {}
    for seat in plan.seats:
        person = plan.people.rows[seat.person]
        if seat.party in PARTY_KINDS:
            assert person.kind == PARTY_KINDS[seat.party], seat
        assert seat.end is None or seat.end >= seat.start
        by_body_person.setdefault((seat.body, seat.person), []).append(seat)
    for seats in by_body_person.values():  # no one holds two seats in a body at once
        ordered = sorted(seats, key=lambda s: s.start)
        for earlier, later in itertools.pairwise(ordered):
            assert earlier.end is not None and earlier.end < later.start

    lmu_bodies = {seat.body for seat in plan.seats if seat.body.startswith("ovre-eiker:lmu:")}
    assert lmu_bodies == {lmu(u.code) for u in units}
    assert 2 <= len(plan.broken_lmus) <= max(2, len(units) // 20)


def test_logins_hold_the_roles_they_are_named_for():
    plan = municipality_plan(preset=PRESETS["small"], seed=5, today=TODAY)
    assert set(plan.logins) == set(LOGINS)
    rows = plan.people.rows
    unit = rows[plan.logins["leder"]].unit
    assert {rows[plan.logins[n]].unit for n in ("tillitsvalgt", "verneombud", "ansatt")} == {unit}
    assert rows[plan.logins["ordforer"]].position == "Ordfører"
    assert rows[plan.logins["kommunedirektor"]].position == "Kommunedirektør"
    assert len(set(plan.logins.values())) == len(LOGINS)
    tripartite = Counter(
        seat.party
        for seat in plan.seats
        if seat.body == TRIPARTITE
        and seat.voting
        and seat.start <= TODAY
        and (seat.end is None or seat.end >= TODAY)
    )
    assert tripartite == {"POLITICAL": 3, "ADMINISTRATION": 3, "EMPLOYEE": 3}


def test_same_seed_gives_the_same_plan_and_another_seed_another():
    first = municipality_plan(preset=PRESETS["small"], seed=11, today=TODAY)
    again = municipality_plan(preset=PRESETS["small"], seed=11, today=TODAY)
    other = municipality_plan(preset=PRESETS["small"], seed=12, today=TODAY)
    assert first.people.rows == again.people.rows and first.seats == again.seats
    assert first.units == again.units
    assert [p.last_name for p in first.people.rows] != [p.last_name for p in other.people.rows]


def test_too_few_employees_for_the_units_is_refused():
    with pytest.raises(ValueError, match="too few"):
        municipality_plan(
            preset=PRESETS["small"].resized(units=40, employees=100), seed=1, today=TODAY
        )


def test_unit_types_name_their_leader_and_staff():
    for unit_type in workplaces.UNIT_TYPES.values():
        assert "{place}" in unit_type.pattern
        assert unit_type.staff and unit_type.size >= 4
