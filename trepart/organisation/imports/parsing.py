"""Reading an uploaded CSV file into rows: encoding, delimiter and line numbers.

Pure: bytes in, a ``Table`` out, no database. Spreadsheets save CSV in many ways; we accept
the two that Norwegian users meet (Excel's "CSV UTF-8", with a byte order mark and ``;``,
and plain UTF-8 with ``,``) and refuse anything else with a message that says how to fix it,
rather than guess an encoding and store mangled names.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

DELIMITERS = (";", ",")


class FileFormatError(Exception):
    """The file cannot be read as CSV at all; ``line`` is where the problem is, if known."""

    def __init__(self, message: str, *, code: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.line = line


@dataclass(frozen=True)
class Row:
    """One record, with the line it starts on (the header is line 1)."""

    line: int
    cells: list[str]


@dataclass(frozen=True)
class Table:
    delimiter: str
    header: list[str]
    rows: list[Row]


def decode(data: bytes) -> str:
    """The file's text, if it is UTF-8 (with or without a byte order mark)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileFormatError(
            _(
                'The file is saved as UTF-16 ("Unicode text"). Save it as "CSV UTF-8" '
                "and try again."
            ),
            code="encoding",
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileFormatError(
            _(
                "The file is not UTF-8: line %(line)s has characters in another encoding "
                "(often Windows-1252 or ISO-8859-1, where æ, ø and å are stored differently). "
                'Save it as "CSV UTF-8" and try again.'
            )
            % {"line": line},
            code="encoding",
            line=line,
        ) from error


def detect_delimiter(header_line: str) -> str:
    """``;`` or ``,``: whichever the header line uses more, outside quotes."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    # Excel in Norwegian writes ";", so it wins a tie (a file with one column has neither).
    return ";" if counts[";"] >= counts[","] else ","


def read_table(data: bytes) -> Table:
    """Split the file into a header and rows, skipping blank lines."""
    text = decode(data)
    if not text.strip():
        raise FileFormatError(_("The file is empty."), code="empty")
    first_line = text.lstrip("\r\n").splitlines()[0]
    delimiter = detect_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    rows: list[Row] = []
    try:
        while True:
            # A quoted cell may span lines: the record starts on the line after the last one.
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip() for cell in cells]
            else:
                rows.append(Row(line=start, cells=cells))
    except csv.Error as error:
        raise FileFormatError(
            _("Line %(line)s cannot be read as CSV: check the quotation marks.")
            % {"line": reader.line_num},
            code="csv",
            line=reader.line_num,
        ) from error
    if header is None:
        raise FileFormatError(_("The file is empty."), code="empty")
    return Table(delimiter=delimiter, header=header, rows=rows)
