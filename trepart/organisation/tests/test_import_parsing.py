"""CSV import: reading the file — delimiter, line numbers, encoding, an empty file."""

from __future__ import annotations

import pytest
from django.utils import translation

from trepart.organisation.imports.parsing import detect_delimiter, read_table
from trepart.organisation.imports.services import units_import
from trepart.organisation.models import Municipality, Unit
from trepart.organisation.tests.importing import BOM, error_codes, make_municipality


@pytest.fixture
def municipality(db: None) -> Municipality:
    return make_municipality()


def test_delimiter_is_the_one_the_header_uses_outside_quotes() -> None:
    assert detect_delimiter("kode;navn;type") == ";"
    assert detect_delimiter("code,name,kind") == ","
    assert detect_delimiter('"a,b";c;d') == ";"
    assert detect_delimiter("kode") == ";"


def test_line_numbers_count_the_header_blank_lines_and_multiline_cells() -> None:
    data = b'kode;navn\r\n\r\nA;"Two\nlines"\r\nB;Bee\r\n'
    table = read_table(data)
    assert [row.line for row in table.rows] == [3, 5]


def test_a_latin1_file_is_refused_with_a_clear_message(municipality: Municipality) -> None:
    data = "kode;navn\n1;Helse\n2;Bø og Ås skole\n".encode("latin-1")
    with translation.override("en"):
        result = units_import(actor=None, municipality=municipality, data=data)
    assert error_codes(result) == [(3, "", "encoding")]
    assert "not UTF-8" in result.errors[0].message
    assert "CSV UTF-8" in result.errors[0].message
    assert Unit.objects.count() == 0


def test_an_empty_file_is_refused(municipality: Municipality) -> None:
    result = units_import(actor=None, municipality=municipality, data=BOM.encode() + b"\r\n")
    assert error_codes(result) == [(1, "", "empty")]
