"""CSV import of people, and the example files that the page and the docs offer."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from trepart.audit.models import AuditEntry
from trepart.organisation.imports.examples import PEOPLE_EXAMPLE, UNITS_EXAMPLE
from trepart.organisation.imports.services import people_import, units_import
from trepart.organisation.models import Municipality, Person, Unit
from trepart.organisation.tests.importing import (
    PEOPLE_HEADER,
    csv_file,
    error_codes,
    import_units,
    make_municipality,
)


@pytest.fixture
def municipality(db: None) -> Municipality:
    return make_municipality()


def test_people_file_with_commas_and_no_bom_imports_people(municipality: Municipality) -> None:
    import_units(municipality, [["1200", "Hjemmetjenesten", "", "enhet", ""]])
    data = csv_file(
        [
            [
                "external_id",
                "first_name",
                "last_name",
                "email",
                "phone",
                "kind",
                "unit_code",
                "position",
                "is_leader",
                "political_party",
                "union",
            ],
            [
                "10234",
                "Kari",
                "Nordmann",
                "kari@kommune.no",
                "+47 912 34 567",
                "employee",
                "1200",
                "Sykepleier",
                "nei",
                "",
                "NSF",
            ],
            ["10235", "Per", "Hansen", "", "", "ansatt", "1200", "Enhetsleder", "ja", "", ""],
            ["", "Åse", "Ødegård", "", "", "politiker", "", "", "", "Sp", ""],
        ],
        delimiter=",",
        bom=False,
    )

    result = people_import(actor=None, municipality=municipality, data=data)

    assert result.ok, result.errors
    assert result.created == 3
    kari = Person.objects.get(external_id="10234")
    assert (kari.unit_id, kari.kind, kari.is_leader, kari.union) == (
        Unit.objects.get(code="1200").pk,
        Person.Kind.EMPLOYEE,
        False,
        "NSF",
    )
    assert Person.objects.get(external_id="10235").is_leader
    politician = Person.objects.get(last_name="Ødegård")
    assert (politician.kind, politician.political_party, politician.unit) == (
        Person.Kind.POLITICIAN,
        "Sp",
        None,
    )
    assert AuditEntry.objects.filter(object_type="organisation.Person").count() == 3


def test_people_rows_are_checked_cell_by_cell(municipality: Municipality) -> None:
    import_units(municipality, [["1200", "Hjemmetjenesten", "", "enhet", ""]])
    rows = [
        PEOPLE_HEADER,
        ["1", "Kari", "Nordmann", "ikke-en-epost", "", "ansatt", "1200", "", "nei", "", ""],
        ["2", "Per", "Hansen", "", "ring meg", "sjef", "1200", "", "kanskje", "", ""],
        ["3", "Ola", "Olsen", "", "", "ansatt", "9999", "", "", "", ""],
        ["1", "Kari", "Dobbel", "", "", "ansatt", "", "", "", "", ""],
        ["4", "Ok", "Rad", "", "", "innbygger", "", "", "", "", ""],
    ]
    with translation.override("en"):
        result = people_import(actor=None, municipality=municipality, data=csv_file(rows))
    assert error_codes(result) == [
        (2, "epost", "invalid_email"),
        (3, "telefon", "invalid_phone"),
        (3, "type", "invalid_choice"),
        (3, "leder", "invalid_boolean"),
        (4, "enhetskode", "unknown_unit"),
        (5, "ansattnummer", "duplicate"),
    ]
    assert result.errors[4].message == "No unit has the code “9999”. Import the units first."
    assert Person.objects.count() == 0


def test_reimport_updates_people_by_employee_number(municipality: Municipality) -> None:
    import_units(municipality, [["A", "A", "", "", ""], ["B", "B", "", "", ""]])
    first = [PEOPLE_HEADER, ["7", "Kari", "Nordmann", "", "", "ansatt", "A", "", "", "", ""]]
    people_import(actor=None, municipality=municipality, data=csv_file(first))
    person = Person.objects.get()

    second = [
        PEOPLE_HEADER,
        ["7", "Kari", "Nordmann", "kari@kommune.no", "", "ansatt", "B", "", "ja", "", ""],
        ["8", "Per", "Hansen", "", "", "ansatt", "", "", "", "", ""],
    ]
    result = people_import(actor=None, municipality=municipality, data=csv_file(second))

    assert (result.created, result.updated) == (1, 1)
    assert Person.objects.count() == 2
    person.refresh_from_db()
    assert (person.unit_id, person.email, person.is_leader, person.version) == (
        Unit.objects.get(code="B").pk,
        "kari@kommune.no",
        True,
        2,
    )
    entry = AuditEntry.objects.get(action="UPDATE", object_id=str(person.pk))
    assert entry.changes["unit_id"] == [Unit.objects.get(code="A").pk, person.unit_id]
    again = people_import(actor=None, municipality=municipality, data=csv_file(second))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_the_example_files_import_cleanly(municipality: Municipality) -> None:
    units = units_import(actor=None, municipality=municipality, data=UNITS_EXAMPLE.encode())
    people = people_import(actor=None, municipality=municipality, data=PEOPLE_EXAMPLE.encode())
    assert units.ok, units.errors
    assert people.ok, people.errors
    assert people.created == 4


def test_the_documentation_shows_the_example_files() -> None:
    docs = (Path(__file__).resolve().parents[3] / "docs" / "import.md").read_text("utf-8")
    assert UNITS_EXAMPLE in docs
    assert PEOPLE_EXAMPLE in docs
