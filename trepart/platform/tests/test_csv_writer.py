"""The one CSV writer: Excel's Norwegian dialect, and no cell that runs as a formula."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

from trepart.platform.csv_writer import csv_text, neutralise

PACKAGE = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "cell",
    [
        '=HYPERLINK("http://example.invalid/?x="&A1;"Klikk")',
        "+47 912 34 567",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1",
        "\r=1",
        "\uff1d1+1",
    ],
)
def test_a_formula_like_text_gets_a_quote_in_front(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Felles lunsjrom", "3,4", "", "a=b", " =1", 7, None])
def test_other_cells_are_written_as_they_are(cell: object) -> None:
    assert neutralise(cell) == cell  # type: ignore[arg-type]


def test_numbers_given_as_numbers_stay_numbers_even_when_negative() -> None:
    assert neutralise(-2) == -2
    assert neutralise(-0.5) == -0.5
    assert neutralise(Decimal("-1.25")) == Decimal("-1.25")


def test_the_file_has_a_bom_semicolons_crlf_and_quotes_where_needed() -> None:
    text = csv_text([["Tittel", "Antall"], ['=1;"2"', -3]])
    assert text.startswith("\ufeff")
    assert text == '\ufeffTittel;Antall\r\n"\'=1;""2""";-3\r\n'
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows == [["Tittel", "Antall"], ['\'=1;"2"', "-3"]]


def test_no_module_writes_csv_but_the_shared_writer() -> None:
    """A new export that wrote its own CSV would skip the formula neutralisation."""
    writers = re.compile(r"csv\.(writer|DictWriter)\(|text/csv")
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.parts
        and path.name != "csv_writer.py"
        # an upload field's accept="text/csv"
        and "forms" not in path.parts
        and not path.name.startswith("forms")
        and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
