"""Figures and dates as people read them, in the user's language (nb, nn, en).

One path for every page, summary sentence, table, chart and PDF, so a figure reads the same
wherever it appears:

- ``rounded`` rounds once, half-up on the decimal value the figure prints as (0.15 → 0.2,
  where binary floats would give 0.1), and returns a ``Decimal``; charts and the API get
  ``rounded_float`` of the same value, so a chart's data holds the figure the table shows.
- ``number``, ``decimal``, ``percent`` format a rounded figure with the language's decimal
  mark and digit grouping (a no-break space in Norwegian, a comma in English).
- ``difference`` is the difference of the figures *as shown*, ``rounded(a) - rounded(b)``,
  so "4,0 - 3,3" reads "0,7" and never "0,6"; ``signed`` writes it with "+" or a minus sign.
- ``short_date`` ("1. okt. 2026", "1 Oct 2026"), ``long_date`` (the locale's full date)
  and ``month`` ("oktober 2026").

Templates use the same functions through ``{% load formatting %}`` (``|percent`` …).
CSV files show the figures as the page does, with the language's decimal mark: they are
semicolon-separated for spreadsheets in Norwegian, which read "3,4" as a number. The API
returns numbers (``rounded_float``: the figure shown, as a number), never text.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils import formats, translation
from django.utils.translation import get_language

Number = int | float | Decimal
NONE_TEXT = "—"
MINUS = "\u2212"
NO_BREAK_SPACE = "\u00a0"

# Per language: decimal mark, digit grouping, the short date, the short month. Norwegian
# abbreviates months in lower case with a full stop where letters were left out ("okt.",
# "mai"): Django's "N" (Associated Press style, translated); its "M" capitalises ("Okt").
_LOCALES: dict[str, tuple[str, str, str, str]] = {
    "nb": (",", NO_BREAK_SPACE, "j. N Y", "N"),
    "nn": (",", NO_BREAK_SPACE, "j. N Y", "N"),
    "en": (".", ",", "j M Y", "M"),
}
# A week from Sunday, d3's first day.
_SUNDAY = datetime.date(2023, 1, 1)


def _locale(language: str | None) -> tuple[str, str, str, str]:
    code = (language or get_language() or "nb").lower().split("-")[0]
    if code == "no":
        code = "nb"
    return _LOCALES.get(code, _LOCALES["nb"])


def to_decimal(value: Number) -> Decimal:
    """The decimal value a figure prints as: 0.15 is 0.15, not 0.1499999…"""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def rounded(value: Number | None, places: int = 1) -> Decimal | None:
    """``value`` rounded half-up to ``places`` decimals (None stays None)."""
    if value is None:
        return None
    exact = to_decimal(value)
    if not exact.is_finite():  # infinity or NaN: nothing sensible to show
        return None
    try:
        return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than the context holds
        return None


def rounded_float(value: Number | None, places: int = 1) -> float | None:
    """The rounded figure as a float, for chart data and the API."""
    figure = rounded(value, places)
    return None if figure is None else float(figure)


def difference(a: Number | None, b: Number | None, places: int = 1) -> Decimal | None:
    """``a - b`` as the reader works it out from the figures shown (each rounded first)."""
    first, second = rounded(a, places), rounded(b, places)
    if first is None or second is None:
        return None
    return first - second


def _digits(figure: Decimal, places: int, language: str | None, grouping: bool) -> str:
    mark, group, _date, _month = _locale(language)
    text = f"{abs(figure):.{places}f}"
    whole, _dot, fraction = text.partition(".")
    if grouping and len(whole) > 3:
        whole = f"{int(whole):,}".replace(",", group)
    return whole + (mark + fraction if fraction else "")


def number(
    value: Number | None, places: int = 0, *, language: str | None = None, grouping: bool = True
) -> str:
    """A figure in the user's language: "12 345", "6,8"; "—" for no figure."""
    figure = rounded(value, places)
    if figure is None:
        return NONE_TEXT
    text = _digits(figure, places, language, grouping)
    return f"{MINUS}{text}" if figure < 0 else text


def decimal(value: Number | None, places: int = 1, *, language: str | None = None) -> str:
    """A mean or an average with one decimal: "3,4"."""
    return number(value, places, language=language)


def percent(value: Number | None, places: int = 1, *, language: str | None = None) -> str:
    """A percentage: "6,8 %" ("—" for no figure)."""
    if rounded(value, places) is None:
        return NONE_TEXT
    return f"{number(value, places, language=language)} %"


def signed(value: Number | None, places: int = 1, *, language: str | None = None) -> str:
    """A change with its sign: "+0,4", minus "1,2", "0,0" ("—" for no figure)."""
    figure = rounded(value, places)
    if figure is None:
        return NONE_TEXT
    text = _digits(figure, places, language, grouping=True)
    if figure > 0:
        return f"+{text}"
    if figure < 0:
        return f"{MINUS}{text}"
    return text


def points(
    a: Number | None, b: Number | None, places: int = 1, *, language: str | None = None
) -> str:
    """The signed difference of two figures as shown: a - b of the rounded figures."""
    return signed(difference(a, b, places), places, language=language)


def short_date(day: datetime.date | None, *, language: str | None = None) -> str:
    """ "1. okt. 2026" in Norwegian, "1 Oct 2026" in English."""
    if day is None:
        return ""
    return formats.date_format(day, _locale(language)[2])


def long_date(day: datetime.date | None) -> str:
    """The locale's full date: "1. oktober 2026"; "Oct. 1, 2026" in English."""
    if day is None:
        return ""
    return formats.date_format(day, "DATE_FORMAT")


def month(day: datetime.date | None) -> str:
    """A month: "oktober 2026"."""
    if day is None:
        return ""
    return formats.date_format(day, "YEAR_MONTH_FORMAT")


def chart_locale(language: str | None = None) -> dict[str, dict[str, Any]]:
    """d3's number and time locales for charts (vega-embed's ``formatLocale`` and
    ``timeFormatLocale``, vl-convert's for PDFs), from the same catalogues as the pages:
    "6,8" and "okt. 2026" in a Norwegian chart."""
    code = (language or get_language() or "nb").lower().split("-")[0]
    with translation.override(code):
        mark, group, _date, short_month = _locale(code)
        days = [_SUNDAY + datetime.timedelta(days=offset) for offset in range(7)]
        months = [datetime.date(2023, number, 1) for number in range(1, 13)]
        return {
            "number": {
                "decimal": mark,
                "thousands": group,
                "grouping": [3],
                "currency": ["", "\u00a0kr"] if mark == "," else ["NOK\u00a0", ""],
                "minus": MINUS,
            },
            "time": {
                "dateTime": "%x %X",
                "date": "%d.%m.%Y" if mark == "," else "%m/%d/%Y",
                "time": "%H:%M:%S",
                "periods": ["AM", "PM"],
                "days": [formats.date_format(day, "l") for day in days],
                "shortDays": [formats.date_format(day, "D") for day in days],
                "months": [formats.date_format(first, "F") for first in months],
                "shortMonths": [formats.date_format(first, short_month) for first in months],
            },
        }
