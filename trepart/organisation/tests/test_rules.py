"""The composition rules and the continuity measure, on plain values."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from trepart.organisation import rules
from trepart.organisation.rules import Rule, Seat

TODAY = datetime.date(2026, 11, 23)
LONG_AGO = datetime.date(2020, 1, 1)


def seat(
    person_id: int,
    party: str,
    *,
    role: str = "MEMBER",
    capacity: str = "OTHER",
    voting: bool = True,
    start: datetime.date = LONG_AGO,
    end: datetime.date | None = None,
    council: bool = False,
) -> Seat:
    return Seat(
        person_id=person_id,
        party=party,
        role=role,
        capacity=capacity,
        voting=voting,
        start=start,
        end=end,
        sits_in_council=council,
    )


def body_of(political: int, administration: int, employees: int) -> list[Seat]:
    seats, pid = [], 0
    for party, count in (
        ("POLITICAL", political),
        ("ADMINISTRATION", administration),
        ("EMPLOYEE", employees),
    ):
        for _ in range(count):
            pid += 1
            seats.append(seat(pid, party))
    return seats


def test_three_plus_three_plus_three_follows_lunner_parity():
    report = rules.check_composition(body_of(3, 3, 3), [Rule("PARITY", 3)], TODAY)
    assert report.ok
    assert report.problems == []


def test_missing_seat_breaks_parity_and_says_where():
    report = rules.check_composition(body_of(3, 2, 3), [Rule("PARITY", 3)], TODAY)
    assert not report.ok
    assert "administration 2" in report.problems[0]


def test_equal_but_wrong_size_breaks_exact_parity():
    assert not rules.check_composition(body_of(2, 2, 2), [Rule("PARITY", 3)], TODAY).ok
    assert rules.check_composition(body_of(2, 2, 2), [Rule("PARITY")], TODAY).ok


def test_non_voting_observers_and_ended_terms_do_not_count():
    seats = body_of(3, 3, 3)
    seats.append(seat(100, "EMPLOYEE", voting=False))
    seats.append(seat(101, "EMPLOYEE", role="OBSERVER"))
    seats.append(seat(102, "EMPLOYEE", end=TODAY - datetime.timedelta(days=1)))
    seats.append(seat(103, "EMPLOYEE", start=TODAY + datetime.timedelta(days=1)))
    assert rules.check_composition(seats, [Rule("PARITY", 3)], TODAY).ok


@given(st.integers(0, 6), st.integers(0, 6), st.integers(0, 6))
def test_parity_holds_exactly_when_the_three_counts_are_equal_and_positive(p, a, e):
    report = rules.check_composition(body_of(p, a, e), [Rule("PARITY")], TODAY)
    assert report.ok == (p == a == e > 0)


def test_lmu_needs_leader_union_rep_and_safety_rep():
    complete = [
        seat(1, "ADMINISTRATION", capacity="LEADER", role="CHAIR"),
        seat(2, "EMPLOYEE", capacity="UNION_REP"),
        seat(3, "EMPLOYEE", capacity="SAFETY_REP"),
    ]
    assert rules.check_composition(complete, [Rule("LMU_ROLES")], TODAY).ok
    report = rules.check_composition(complete[:2], [Rule("LMU_ROLES")], TODAY)
    assert not report.ok
    assert report.problems == [
        "An LMU must have a safety representative (verneombud), but has none."
    ]


def test_leader_must_sit_for_the_administration():
    seats = [
        seat(1, "EMPLOYEE", capacity="LEADER"),
        seat(2, "EMPLOYEE", capacity="UNION_REP"),
        seat(3, "EMPLOYEE", capacity="SAFETY_REP"),
    ]
    assert not rules.check_composition(seats, [Rule("LMU_ROLES")], TODAY).ok


def statutory(political: int, employees: int, *, chair_in_council: bool = True) -> list[Seat]:
    seats = [seat(1, "POLITICAL", role="CHAIR", council=chair_in_council)]
    seats += [seat(10 + i, "POLITICAL") for i in range(political - 1)]
    two_years = TODAY + datetime.timedelta(days=365)
    seats += [
        seat(50 + i, "EMPLOYEE", start=TODAY - datetime.timedelta(days=300), end=two_years)
        for i in range(employees)
    ]
    return seats


def test_statutory_committee_needs_employer_majority_and_council_chair():
    assert rules.check_composition(statutory(5, 3), [Rule("STATUTORY_5_11")], TODAY).ok
    even = rules.check_composition(statutory(3, 3), [Rule("STATUTORY_5_11")], TODAY)
    assert not even.ok
    assert "majority" in even.problems[0]
    outsider = rules.check_composition(
        statutory(5, 3, chair_in_council=False), [Rule("STATUTORY_5_11")], TODAY
    )
    assert outsider.problems == [
        "The chair must be a member of the municipal council (kommuneloven § 5-11)."
    ]


def test_statutory_employee_members_are_elected_for_two_years():
    seats = [*statutory(5, 2), seat(99, "EMPLOYEE")]  # open-ended term
    report = rules.check_composition(seats, [Rule("STATUTORY_5_11")], TODAY)
    assert any("two years" in problem for problem in report.problems)


def test_continuity_counts_seats_held_by_the_same_person_all_year():
    seats = [
        seat(1, "POLITICAL"),
        seat(2, "EMPLOYEE"),
        seat(3, "EMPLOYEE", start=TODAY - datetime.timedelta(days=30)),  # replaced someone
        seat(4, "EMPLOYEE", end=TODAY - datetime.timedelta(days=31)),
    ]
    result = rules.continuity(seats, TODAY, LONG_AGO)
    assert (result.seats, result.stable, result.percent) == (3, 2, 67)
    assert result.changed_person_ids == (3,)


def test_continuity_joins_back_to_back_terms_of_the_same_person():
    renewal = TODAY - datetime.timedelta(days=100)
    seats = [
        seat(1, "EMPLOYEE", end=renewal - datetime.timedelta(days=1)),
        seat(1, "EMPLOYEE", start=renewal),
    ]
    assert rules.continuity(seats, TODAY, LONG_AGO).stable == 1


def test_continuity_of_a_young_body_is_measured_from_its_start():
    established = TODAY - datetime.timedelta(days=60)
    seats = [seat(1, "EMPLOYEE", start=established)]
    result = rules.continuity(seats, TODAY, established)
    assert result.period_start == established
    assert result.percent == 100


def test_continuity_rounds_half_up_like_every_figure_shown():
    continuity = rules.Continuity(period_start=LONG_AGO, period_end=TODAY, seats=8, stable=1)
    assert continuity.percent == 13  # 12.5 %, which round() makes 12


def test_continuity_of_an_empty_body_has_no_share():
    assert rules.continuity([], TODAY, LONG_AGO).percent is None


@given(st.lists(st.tuples(st.integers(0, 800), st.integers(0, 800)), max_size=6))
def test_continuity_never_exceeds_current_seats(spans):
    seats = [
        seat(
            i % 3,
            "EMPLOYEE",
            start=TODAY - datetime.timedelta(days=max(a, b)),
            end=TODAY - datetime.timedelta(days=min(a, b)) if min(a, b) else None,
        )
        for i, (a, b) in enumerate(spans)
    ]
    result = rules.continuity(seats, TODAY, LONG_AGO)
    assert 0 <= result.stable <= result.seats
