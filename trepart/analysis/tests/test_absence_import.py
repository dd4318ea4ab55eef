"""Importing sick leave: every problem reported by line and column, and all or nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from trepart.accounts.tests.factories import (
    MunicipalAdminFactory,
    MunicipalityFactory,
    UserFactory,
)
from trepart.analysis.models import AbsenceImport, AbsenceRecord
from trepart.analysis.services.absence import absence_import
from trepart.audit.models import AuditEntry
from trepart.organisation.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

HEADER = "enhet;periode;avtalte_dagsverk;tapte_dagsverk_legemeldt;tapte_dagsverk_egenmeldt;ansatte"


@pytest.fixture
def admin() -> Any:
    admin = MunicipalAdminFactory.create(
        municipality=MunicipalityFactory.create(require_mfa_for_admins=False)
    )
    UnitFactory.create(municipality=admin.municipality, code="1200")
    UnitFactory.create(municipality=admin.municipality, code="1300")
    return admin


def run(admin: Any, *lines: str, header: str = HEADER, **options: Any) -> Any:
    data = "\n".join([header, *lines]).encode()
    return absence_import(actor=admin, municipality=admin.municipality, data=data, **options)


def codes(result: Any) -> list[tuple[int, str, str]]:
    return [(error.line, error.column, error.code) for error in result.errors]


def test_a_good_file_is_imported_with_decimal_commas(admin: Any) -> None:
    result = run(admin, "1200;2026-01;1580,5;112,4;18,5;85", "1300;2026-K1;2 210;96,5;22;40")
    assert result.ok, result.errors
    records = {r.unit.code: r for r in AbsenceRecord.objects.all()}
    assert records["1200"].agreed_days == pytest.approx(1580.5)
    assert records["1200"].lost_certified == pytest.approx(112.4)
    assert records["1200"].months == 1
    assert records["1300"].period_start == datetime.date(2026, 1, 1)
    assert records["1300"].months == 3
    assert records["1300"].agreed_days == pytest.approx(2210)
    log = AbsenceImport.objects.get()
    assert log.rows == 2
    assert (log.first_period, log.last_period) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 3, 1),
    )
    assert records["1200"].source == log
    assert AuditEntry.objects.filter(object_type="analysis.AbsenceImport").count() == 1


def test_excel_csv_with_byte_order_mark_and_commas_between_columns(admin: Any) -> None:
    data = (
        "\ufeffunit,period,agreed_days,lost_days_certified,lost_days_self_certified,employees\n"
        "1200,2026-03,100.5,5.5,1,10\n"
    ).encode()
    result = absence_import(actor=admin, municipality=admin.municipality, data=data)
    assert result.ok, result.errors
    assert AbsenceRecord.objects.get().agreed_days == pytest.approx(100.5)


@pytest.mark.parametrize(
    ("line", "column", "code"),
    [
        ("9999;2026-01;100;5;1;10", "enhet", "unknown_unit"),
        ("1200;2026-13;100;5;1;10", "periode", "period"),
        ("1200;januar;100;5;1;10", "periode", "period"),
        ("1200;2026-K5;100;5;1;10", "periode", "period"),
        ("1200;2026-01;-100;5;1;10", "avtalte_dagsverk", "negative"),
        ("1200;2026-01;100;abc;1;10", "tapte_dagsverk_legemeldt", "number"),
        ("1200;2026-01;100;90;20;10", "tapte_dagsverk_legemeldt", "lost_over_agreed"),
        ("1200;2026-01;100;5;;10", "tapte_dagsverk_egenmeldt", "missing"),
        ("1200;2026-01;100;5;1", "ansatte", "missing"),
        ("1200;2026-01;100;5;1;10,5", "ansatte", "count"),
    ],
)
def test_each_bad_cell_is_reported_and_nothing_is_written(
    admin: Any, line: str, column: str, code: str
) -> None:
    result = run(admin, "1300;2026-01;100;5;1;10", line)
    assert not result.ok
    assert (3, column, code) in codes(result)
    assert not AbsenceRecord.objects.exists()
    assert not AbsenceImport.objects.exists()


def test_every_problem_in_the_file_is_listed_not_just_the_first(admin: Any) -> None:
    result = run(admin, "9999;2026-01;100;5;1;10", "1200;2026-13;100;5;1;10", "1300;x;y;z;w;v")
    lines = {error.line for error in result.errors}
    assert lines == {2, 3, 4}
    assert len(result.errors) >= 6


def test_a_missing_column_is_reported_on_the_header_line(admin: Any) -> None:
    result = run(
        admin,
        "1200;2026-01;100;5;1",
        header="enhet;periode;avtalte_dagsverk;tapte_dagsverk_legemeldt;tapte_dagsverk_egenmeldt",
    )
    assert codes(result) == [(1, "ansatte", "missing_column")]


def test_the_same_unit_and_period_twice_in_the_file_is_refused(admin: Any) -> None:
    result = run(admin, "1200;2026-01;100;5;1;10", "1200;2026-1;100;5;1;10")
    assert codes(result) == [(3, "periode", "duplicate")]
    assert "line 2" in result.errors[0].message
    assert not AbsenceRecord.objects.exists()


def test_a_month_inside_a_quarter_of_the_same_unit_is_refused(admin: Any) -> None:
    result = run(admin, "1200;2026-K1;300;5;1;10", "1200;2026-02;100;5;1;10")
    assert codes(result) == [(3, "periode", "overlap")]
    # Another unit may report months while this one reports quarters.
    assert run(admin, "1200;2026-K1;300;5;1;10", "1300;2026-02;100;5;1;10").ok


def test_a_period_already_imported_is_refused_listing_it(admin: Any) -> None:
    assert run(admin, "1200;2026-01;100;5;1;10").ok
    result = run(admin, "1200;2026-01;100;9;1;10", "1300;2026-01;100;5;1;10")
    assert codes(result) == [(2, "periode", "already_imported")]
    assert "2026-01" in result.errors[0].message
    assert AbsenceRecord.objects.count() == 1
    assert AbsenceRecord.objects.get().lost_certified == 5
    # A quarter overlapping a stored month counts as already imported too.
    result = run(admin, "1200;2026-K1;300;5;1;10")
    assert codes(result) == [(2, "periode", "already_imported")]


def test_replace_overwrites_periods_already_imported(admin: Any) -> None:
    assert run(admin, "1200;2026-01;100;5;1;10", "1200;2026-02;100;5;1;10").ok
    result = run(admin, "1200;2026-K1;300;9;3;11", replace=True)
    assert result.ok, result.errors
    assert result.replaced == 2
    record = AbsenceRecord.objects.get()
    assert (record.months, record.lost_certified, record.employees) == (3, 9, 11)


def test_dry_run_checks_and_writes_nothing(admin: Any) -> None:
    result = run(admin, "1200;2026-01;100;5;1;10", dry_run=True)
    assert result.ok
    assert result.created == 1
    assert not AbsenceRecord.objects.exists()
    assert not AbsenceImport.objects.exists()
    bad = run(admin, "1200;2026-01;100;500;1;10", dry_run=True)
    assert codes(bad) == [(2, "tapte_dagsverk_legemeldt", "lost_over_agreed")]


def test_units_of_another_municipality_are_unknown(admin: Any) -> None:
    other = UnitFactory.create(code="7777")
    result = run(admin, f"{other.code};2026-01;100;5;1;10")
    assert codes(result) == [(2, "enhet", "unknown_unit")]


def test_a_file_that_is_not_utf8_is_refused_with_a_message(admin: Any) -> None:
    data = (HEADER + "\n1200;2026-01;100;5;1;10 æ\n").encode("latin-1")
    result = absence_import(actor=admin, municipality=admin.municipality, data=data)
    assert [error.code for error in result.errors] == ["encoding"]


def test_the_import_page_is_for_administrators(client: Any, admin: Any) -> None:
    client.force_login(UserFactory.create(municipality=admin.municipality))
    assert client.get("/analyse/sykefravaer/import/").status_code == 403
    assert client.get("/analyse/sykefravaer/import/eksempel.csv").status_code == 403


def test_uploading_shows_problems_by_line_and_keeps_the_choices(client: Any, admin: Any) -> None:
    client.force_login(admin)
    upload = SimpleUploadedFile(
        "fravaer.csv", (HEADER + "\n9999;2026-01;100;5;1;10\n").encode(), "text/csv"
    )
    response = client.post(
        "/analyse/sykefravaer/import/", {"file": upload, "replace": "on", "dry_run": "on"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is no unit with the code “9999”." in page
    assert "File: fravaer.csv" in page
    assert 'data-code="unknown_unit"' in page
    assert response.context["form"]["replace"].value() is True
    assert not AbsenceRecord.objects.exists()


def test_uploading_a_good_file_imports_it(client: Any, admin: Any) -> None:
    client.force_login(admin)
    upload = SimpleUploadedFile(
        "fravaer.csv", (HEADER + "\n1200;2026-01;100;5;1;10\n").encode(), "text/csv"
    )
    response = client.post("/analyse/sykefravaer/import/", {"file": upload}, follow=True)
    assert "Sick leave imported: 1 rows" in response.content.decode()
    assert AbsenceImport.objects.get().file_name == "fravaer.csv"


def test_the_example_file_imports_cleanly(client: Any, admin: Any) -> None:
    client.force_login(admin)
    response = client.get("/analyse/sykefravaer/import/eksempel.csv")
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    result = absence_import(actor=admin, municipality=admin.municipality, data=response.content)
    assert result.ok, result.errors


def test_the_command_imports_a_file_and_refuses_a_bad_one(admin: Any, tmp_path: Any) -> None:
    from django.core.management import CommandError, call_command

    number = admin.municipality.organisation_number
    good = tmp_path / "fravaer.csv"
    good.write_text(HEADER + "\n1200;2026-01;100,5;5;1;10\n", encoding="utf-8")
    call_command("import_absence", str(good), municipality=number, language="en", dry_run=True)
    assert not AbsenceRecord.objects.exists()
    call_command("import_absence", str(good), municipality=number, language="en")
    assert AbsenceRecord.objects.get().agreed_days == pytest.approx(100.5)
    assert AbsenceImport.objects.get().file_name == "fravaer.csv"
    with pytest.raises(CommandError, match=r"1 error\. Nothing was imported"):
        call_command("import_absence", str(good), municipality=number, language="en")
    call_command("import_absence", str(good), municipality=number, language="en", replace=True)
    assert AbsenceRecord.objects.count() == 1
    with pytest.raises(CommandError, match="No municipality"):
        call_command("import_absence", str(good), municipality="000000000")
