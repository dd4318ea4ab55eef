"""Checking an import file row by row, before anything is written.

Pure: a ``Table`` and what the database already holds (as plain mappings) in, cleaned rows
and a list of ``RowError`` out. Every row is checked, so one upload tells the user about
every problem in the file, not just the first.

``cells`` reads one cell, ``sheet`` checks the header and every row of a file against a set
of columns, and ``units`` and ``people`` hold each file's columns and the checks across rows.
"""

from trepart.organisation.imports.validation.people import PERSON_COLUMNS, check_people
from trepart.organisation.imports.validation.sheet import Checked, CleanRow, RowError
from trepart.organisation.imports.validation.units import UNIT_COLUMNS, check_units

__all__ = [
    "PERSON_COLUMNS",
    "UNIT_COLUMNS",
    "Checked",
    "CleanRow",
    "RowError",
    "check_people",
    "check_units",
]
