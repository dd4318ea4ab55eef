"""The SSB/KS sick-leave arithmetic on examples worked out by hand."""

from __future__ import annotations

import datetime

import pytest

from trepart.analysis import absence as calc
from trepart.analysis.absence import Figures, Period
from trepart.platform.tree import Tree


def test_lost_days_and_percentage_for_three_people_by_hand() -> None:
    """One month with 20 working days, three people:

    - Anne, 100 % position, sick 5 days with a doctor's note at 100 %: 5 x 1.0 x 1.0 = 5
      lost days (certified); agreed 20 x 1.0 = 20 days.
    - Bjørn, 50 % position, self-certified 4 days at 100 %: 4 x 0.5 x 1.0 = 2 lost days
      (self-certified); agreed 20 x 0.5 = 10 days.
    - Cecilie, 80 % position, on 50 % graded sick leave 10 days: 10 x 0.8 x 0.5 = 4 lost
      days (certified); agreed 20 x 0.8 = 16 days.

    Agreed 46, lost 11 (9 certified, 2 self-certified): 11 x 100 / 46 = 23.913 %,
    certified 9 x 100 / 46 = 19.565 %, self-certified 2 x 100 / 46 = 4.348 %.
    """
    anne = calc.lost_days(5, 1.0, 1.0)
    bjorn = calc.lost_days(4, 0.5, 1.0)
    cecilie = calc.lost_days(10, 0.8, 0.5)
    assert (anne, bjorn, cecilie) == (5, 2, 4)
    figures = Figures(agreed=20 + 10 + 16, certified=anne + cecilie, self_certified=bjorn)
    assert figures.lost == 11
    assert figures.percent == pytest.approx(23.913, abs=0.001)
    assert figures.percent_certified == pytest.approx(19.565, abs=0.001)
    assert figures.percent_self == pytest.approx(4.348, abs=0.001)


def test_no_agreed_days_gives_no_percentage() -> None:
    assert calc.percentage(3, 0) is None
    assert Figures().percent is None


def test_roll_up_weights_by_agreed_days_never_averages_percentages() -> None:
    """A sector with a large unit (1,000 agreed days, 50 lost: 5 %) and a small one (100
    agreed, 20 lost: 20 %) has 70 x 100 / 1,100 = 6.36 %, not the average 12.5 %."""
    parents = {"sector": None, "large": "sector", "small": "sector"}
    own = {"large": Figures(1000, 40, 10), "small": Figures(100, 15, 5)}
    totals = Tree(parents).rollup(own, zero=Figures())
    assert totals["sector"].percent == pytest.approx(6.3636, abs=0.0001)
    assert totals["large"].percent == pytest.approx(5.0)
    assert totals["small"].percent == pytest.approx(20.0)


def test_roll_up_includes_the_sectors_own_staff_and_deep_levels() -> None:
    parents = {"top": None, "mid": "top", "leaf": "mid"}
    own = {"top": Figures(100, 10, 0), "leaf": Figures(300, 20, 10)}
    totals = Tree(parents).rollup(own, zero=Figures())
    assert totals["mid"] == Figures(300, 20, 10)
    assert totals["top"] == Figures(400, 30, 10)
    assert totals["top"].percent == pytest.approx(10.0)


def test_presence_and_gap_to_target() -> None:
    """7.1 % sick leave is 92.9 % presence: 0.1 points below a target of 93 %."""
    assert calc.presence(7.1) == pytest.approx(92.9)
    assert calc.target_gap(7.1, 93) == pytest.approx(-0.1)
    assert calc.target_gap(5.0, 93) == pytest.approx(2.0)


def test_rolling_four_quarters_sums_twelve_months_before_dividing() -> None:
    """Twelve months of 100 agreed days; January has 30 lost days, the other eleven 5:
    the rolling rate at December is (30 + 11 x 5) x 100 / 1,200 = 7.083 %.

    Then January 2026 has 200 agreed days and 2 lost. The window February 2025 – January
    2026 holds eleven months of 5 lost days and the new January: 57 lost of 1,300 agreed,
    57 x 100 / 1,300 = 4.385 % (the mean of the monthly rates would say 4.67 %).
    """
    start = datetime.date(2025, 1, 1)
    points = [
        (Period(calc.add_months(start, step)), Figures(100, 30 if step == 0 else 5, 0))
        for step in range(12)
    ]
    rolled = calc.rolling_series(points, first=start)
    assert len(rolled) == 1
    assert rolled[0][0].start == datetime.date(2025, 12, 1)
    assert rolled[0][1].percent == pytest.approx(85 * 100 / 1200)
    points.append((Period(datetime.date(2026, 1, 1)), Figures(200, 2, 0)))
    rolled = calc.rolling_series(points, first=start)
    assert rolled[-1][1].percent == pytest.approx(57 * 100 / 1300)


def test_quarters_stay_quarters_and_swallow_the_months_of_other_units() -> None:
    q1 = datetime.date(2026, 1, 1)
    rows = [
        (q1, 3, Figures(300, 30, 0)),  # one unit reports a quarter
        (datetime.date(2026, 2, 1), 1, Figures(100, 5, 0)),  # another reports months
        (datetime.date(2026, 4, 1), 1, Figures(100, 4, 1)),
    ]
    points = calc.series(rows)
    assert [(p.label, f) for p, f in points] == [
        ("2026-K1", Figures(400, 35, 0)),
        ("2026-04", Figures(100, 4, 1)),
    ]
    # A twelve-month window ending in April holds the quarter; one ending in February not.
    assert calc.window(points, datetime.date(2026, 4, 1), 12) == Figures(500, 39, 1)
    assert calc.window(points, datetime.date(2026, 2, 1), 12) == Figures()


def test_small_units_use_the_rolling_rate() -> None:
    assert calc.SMALL_UNIT == 20
    assert calc.uses_rolling(19)
    assert not calc.uses_rolling(20)


def test_hidden_units_use_the_floor_of_five_and_secondary_suppression() -> None:
    parents = {"sector": None, "a": "sector", "b": "sector", "c": "sector"}
    # c has 4 (hidden); alone it could be found by subtraction, so b (the smallest) goes too.
    hidden = calc.hidden_units(parents, {"a": 30, "b": 10, "c": 4}, threshold=3)
    assert hidden == {"b", "c"}
    assert calc.hidden_units(parents, {"a": 30, "b": 10, "c": 6}, threshold=5) == set()
    assert calc.hidden_units(parents, {"a": 30, "b": 10, "c": 6}, threshold=7) == {"b", "c"}
