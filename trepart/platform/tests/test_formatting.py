"""One formatting and rounding path: figures, differences and dates in nb, nn and en."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from trepart.platform import formatting

NBSP = "\u00a0"


def shown_value(text: str) -> Decimal:
    """The number a reader sees in ``text`` (minus "1 234,5" is -1234.5)."""
    text = text.replace(NBSP, "").replace("\u2212", "-").replace("+", "").replace(",", ".")
    return Decimal(text)


@pytest.mark.parametrize(
    ("value", "nb", "en"),
    [
        (6.78, "6,8", "6.8"),  # number_format cut 6.78 to "6,7"
        (0.15, "0,2", "0.2"),  # half-up on the decimal value, not 0.1499… in binary
        (2.675, "2,7", "2.7"),
        (3.25, "3,3", "3.3"),  # "{:.1f}" gave 3.2
        (-0.04, "0,0", "0.0"),  # no minus zero
        (-1.25, "\u22121,3", "\u22121.3"),
        (1234567.45, f"1{NBSP}234{NBSP}567,5", "1,234,567.5"),
    ],
)
def test_one_decimal_rounds_half_up_in_the_language(value: float, nb: str, en: str) -> None:
    assert formatting.number(value, 1, language="nb") == nb
    assert formatting.number(value, 1, language="nn") == nb
    assert formatting.number(value, 1, language="en") == en


def test_percent_signed_and_missing_figures() -> None:
    with translation.override("nb"):
        assert formatting.percent(6.78) == "6,8 %"
        assert formatting.percent(None) == "—"
        assert formatting.signed(0.04) == "0,0"
        assert formatting.signed(0.45) == "+0,5"
        assert formatting.signed(-0.45) == "\u22120,5"
        # 4,0 - 3,3 as shown is 0,7, though 4.0 - 3.349 rounds to 0,6.
        assert formatting.points(4.0, 3.349) == "+0,7"
        assert formatting.number(float("nan")) == "—"
    assert formatting.rounded_float(6.78) == 6.8


@given(
    a=st.floats(min_value=-1000, max_value=1000, allow_nan=False),
    b=st.floats(min_value=-1000, max_value=1000, allow_nan=False),
    places=st.integers(min_value=0, max_value=3),
    language=st.sampled_from(["nb", "nn", "en"]),
)
def test_the_difference_shown_is_the_difference_of_the_figures_shown(
    a: float, b: float, places: int, language: str
) -> None:
    if language == "en":
        return  # English writes "1,234.5": its reading is checked below
    first = shown_value(formatting.number(a, places, language=language))
    second = shown_value(formatting.number(b, places, language=language))
    change = shown_value(formatting.points(a, b, places, language=language))
    assert change == first - second


@given(
    a=st.floats(min_value=-1000, max_value=1000, allow_nan=False),
    b=st.floats(min_value=-1000, max_value=1000, allow_nan=False),
)
def test_the_difference_shown_adds_up_in_english_too(a: float, b: float) -> None:
    def read(text: str) -> Decimal:
        return Decimal(text.replace(",", "").replace("\u2212", "-").replace("+", ""))

    shown_a = read(formatting.number(a, 1, language="en"))
    shown_b = read(formatting.number(b, 1, language="en"))
    assert read(formatting.points(a, b, 1, language="en")) == shown_a - shown_b
    assert formatting.rounded_float(a) == float(shown_a)


@pytest.mark.parametrize(
    ("language", "short", "long_"),
    [
        ("nb", "1. okt. 2026", "1. oktober 2026"),
        ("nn", "1. okt. 2026", "1. oktober 2026"),
        ("en", "1 Oct 2026", "Oct. 1, 2026"),
    ],
)
def test_dates_read_as_the_language_writes_them(language: str, short: str, long_: str) -> None:
    day = datetime.date(2026, 10, 1)
    with translation.override(language):
        assert formatting.short_date(day) == short
        assert formatting.long_date(day) == long_
        rendered = Template("{% load formatting %}{{ day|short_date }}|{{ iso|short_date }}")
        assert rendered.render(Context({"day": day, "iso": "2026-10-01"})) == f"{short}|{short}"


def test_template_filters_use_the_same_path() -> None:
    template = Template(
        "{% load formatting %}{{ a|percent }}|{{ a|decimal }}|{{ n|number }}|{{ c|signed }}"
        "|{{ none|percent }}"
    )
    with translation.override("nb"):
        text = template.render(Context({"a": 6.78, "n": 12345, "c": -0.25, "none": None}))
    assert text == f"6,8 %|6,8|12{NBSP}345|\u22120,3|—"


def test_chart_locale_gives_the_language_its_decimal_mark_and_months() -> None:
    nb = formatting.chart_locale("nb")
    assert nb["number"]["decimal"] == ","
    assert nb["number"]["thousands"] == NBSP
    assert nb["time"]["months"][9] == "oktober"
    assert nb["time"]["shortMonths"][9] == "okt."
    assert formatting.chart_locale("nn")["time"]["days"][1] == "måndag"
    assert formatting.chart_locale("en")["time"]["shortMonths"][9] == "Oct"
