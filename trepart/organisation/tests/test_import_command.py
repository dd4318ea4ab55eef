"""The ``import_csv`` command: imports a file, reports errors, dry runs."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from trepart.organisation.imports.examples import UNITS_EXAMPLE
from trepart.organisation.models import Municipality, Unit
from trepart.organisation.tests.importing import UNIT_HEADER, csv_file, make_municipality


@pytest.fixture
def municipality(db: None) -> Municipality:
    return make_municipality()


def test_command_imports_a_file(municipality: Municipality, tmp_path: Any) -> None:
    path = tmp_path / "enheter.csv"
    path.write_bytes(UNITS_EXAMPLE.encode())
    out = io.StringIO()
    call_command(
        "import_csv", "units", str(path), municipality="123456789", language="en", stdout=out
    )
    assert "Created: 5" in out.getvalue()
    assert Unit.objects.count() == 5


def test_command_reports_errors_and_fails(municipality: Municipality, tmp_path: Any) -> None:
    path = tmp_path / "enheter.csv"
    path.write_bytes(csv_file([UNIT_HEADER, ["A", "A", "", "", ""], ["B", "B", "Q", "", "-1"]]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 errors"):
        call_command(
            "import_csv", "units", str(path), municipality="123456789", language="en", stderr=err
        )
    assert "Line 3, column antall_ansatte: The number cannot be negative." in err.getvalue()
    assert "Line 3, column overordnet_kode:" in err.getvalue()
    assert Unit.objects.count() == 0


def test_command_dry_run_writes_nothing(municipality: Municipality, tmp_path: Any) -> None:
    path = tmp_path / "enheter.csv"
    path.write_bytes(UNITS_EXAMPLE.encode())
    out = io.StringIO()
    call_command(
        "import_csv",
        "units",
        str(path),
        municipality="123456789",
        dry_run=True,
        language="en",
        stdout=out,
    )
    assert "nothing was imported" in out.getvalue()
    assert Unit.objects.count() == 0


def test_command_needs_a_known_municipality(db: None, tmp_path: Any) -> None:
    path = tmp_path / "enheter.csv"
    path.write_bytes(UNITS_EXAMPLE.encode())
    with pytest.raises(CommandError):
        call_command("import_csv", "units", str(path), municipality="000000000")
