"""Helpers for the CSV import tests: files built from rows, a municipality, a user."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib.auth import get_user_model

from trepart.organisation.imports.services import units_import
from trepart.organisation.models import Municipality, Unit
from trepart.organisation.services import municipality_create

BOM = "\ufeff"
UNIT_HEADER = ["kode", "navn", "overordnet_kode", "type", "antall_ansatte"]
PEOPLE_HEADER = [
    "ansattnummer",
    "fornavn",
    "etternavn",
    "epost",
    "telefon",
    "type",
    "enhetskode",
    "stilling",
    "leder",
    "parti",
    "fagforening",
]


def make_municipality(number: str = "123456789", name: str = "Lunner") -> Municipality:
    return municipality_create(
        actor=None, name=name, organisation_number=number, require_mfa_for_admins=False
    )


def make_user(municipality: Municipality, *, admin: bool = True, username: str = "admin") -> Any:
    return get_user_model().objects.create_user(
        username=username,
        password=None,
        municipality=municipality,
        is_municipal_admin=admin,
    )


def csv_file(rows: list[list[str]], *, delimiter: str = ";", bom: bool = True) -> bytes:
    """The rows as a CSV file, the way a spreadsheet saves it (with a BOM unless told not)."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return ((BOM if bom else "") + out.getvalue()).encode("utf-8")


def import_units(municipality: Municipality, rows: list[list[str]], **kwargs: Any) -> Any:
    """Import a units file of ``rows`` under the standard Norwegian header."""
    return units_import(
        actor=None, municipality=municipality, data=csv_file([UNIT_HEADER, *rows]), **kwargs
    )


def parent_code(code: str) -> str | None:
    return Unit.objects.filter(code=code).values_list("parent__code", flat=True).get()


def error_codes(result: Any) -> list[tuple[int, str, str]]:
    """Each error of an import as ``(line, column, code)``."""
    return [(e.line, e.column, e.code) for e in result.errors]
