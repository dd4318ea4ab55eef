"""Every CSV file the app writes, written one way: UTF-8 with a byte order mark (so Excel
reads æ, ø and å), ``;`` between cells (Norwegian Excel expects it, as the decimal comma
takes ``,``), CRLF line ends, and no cell a spreadsheet would run as a formula.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or
the full-width forms of the first four, which some spreadsheets read the same way) gets a
``'`` in front, as OWASP advises for CSV injection: a proposal titled ``=HYPERLINK(…)`` is
shown as text, not followed as a link. Numbers passed as numbers (``int``, ``float``,
``Decimal``) are written as they are, so a negative figure stays a number; a number
already turned into text is text, and is neutralised like any other.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse

BOM = "\ufeff"
DELIMITER = ";"
CONTENT_TYPE = "text/csv; charset=utf-8"
# What makes Excel, LibreOffice or Google Sheets read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

Cell = str | int | float | Decimal | None
Row = Sequence[Cell]


def neutralise(value: Cell) -> Cell:
    """The cell as it is safe to write: a formula-like text gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Line:
    """A file-like object that hands back what the csv module writes: one line at a time."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Row]) -> Iterator[str]:
    """The file as text, the byte order mark first and then one line per row, for streaming."""
    writer = csv.writer(_Line(), delimiter=DELIMITER, lineterminator="\r\n")
    yield BOM
    for row in rows:
        line: str = writer.writerow([neutralise(cell) for cell in row])
        yield line


def csv_text(rows: Iterable[Row]) -> str:
    """The whole file as one string."""
    return "".join(csv_lines(rows))


def _attachment(response: Any, file_name: str) -> Any:
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def csv_response(rows: Iterable[Row], *, file_name: str) -> HttpResponse:
    """A download of ``rows``, built in memory (for files of bounded size)."""
    response = HttpResponse(csv_text(rows).encode("utf-8"), content_type=CONTENT_TYPE)
    return _attachment(response, file_name)  # type: ignore[no-any-return]


def csv_streaming_response(rows: Iterable[Row], *, file_name: str) -> StreamingHttpResponse:
    """A download of ``rows`` written while they are read (for exports of any size)."""
    response = StreamingHttpResponse(csv_lines(rows), content_type=CONTENT_TYPE)
    return _attachment(response, file_name)  # type: ignore[no-any-return]


def csv_example_response(text: str, *, file_name: str) -> HttpResponse:
    """One of our own example files, written out as text in the code and the docs.

    It holds no user data, and its cells are kept exactly as documented (a phone number
    such as ``+47 912 34 567`` must import as it reads), so it is not neutralised.
    """
    response = HttpResponse((BOM + text).encode("utf-8"), content_type=CONTENT_TYPE)
    return _attachment(response, file_name)  # type: ignore[no-any-return]
