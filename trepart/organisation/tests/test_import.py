"""CSV import of units and people: all or nothing, every problem reported by line."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from trepart.audit.models import AuditEntry
from trepart.organisation.imports.examples import PEOPLE_EXAMPLE, UNITS_EXAMPLE
from trepart.organisation.imports.parsing import detect_delimiter, read_table
from trepart.organisation.imports.services import people_import, units_import
from trepart.organisation.models import Municipality, Person, Unit
from trepart.organisation.services import municipality_create, unit_create

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


def _municipality(number: str = "123456789", name: str = "Lunner") -> Municipality:
    return municipality_create(
        actor=None, name=name, organisation_number=number, require_mfa_for_admins=False
    )


def _user(municipality: Municipality, *, admin: bool = True, username: str = "admin") -> Any:
    return get_user_model().objects.create_user(
        username=username,
        password=None,
        municipality=municipality,
        is_municipal_admin=admin,
    )


def _csv(rows: list[list[str]], *, delimiter: str = ";", bom: bool = True) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return ((BOM if bom else "") + out.getvalue()).encode("utf-8")


def _units(municipality: Municipality, rows: list[list[str]], **kwargs: Any) -> Any:
    return units_import(
        actor=None, municipality=municipality, data=_csv([UNIT_HEADER, *rows]), **kwargs
    )


def _parent_code(code: str) -> str | None:
    return Unit.objects.filter(code=code).values_list("parent__code", flat=True).get()


def _errors(result: Any) -> list[tuple[int, str, str]]:
    return [(e.line, e.column, e.code) for e in result.errors]


@pytest.fixture
def municipality(db: None) -> Municipality:
    return _municipality()


# Reading the file


def test_delimiter_is_the_one_the_header_uses_outside_quotes() -> None:
    assert detect_delimiter("kode;navn;type") == ";"
    assert detect_delimiter("code,name,kind") == ","
    assert detect_delimiter('"a,b";c;d') == ";"
    assert detect_delimiter("kode") == ";"


def test_line_numbers_count_the_header_blank_lines_and_multiline_cells() -> None:
    data = b'kode;navn\r\n\r\nA;"Two\nlines"\r\nB;Bee\r\n'
    table = read_table(data)
    assert [row.line for row in table.rows] == [3, 5]


# Units


def test_units_file_with_bom_and_semicolons_imports_units_under_their_parents(
    municipality: Municipality,
) -> None:
    # A child listed before its parent: parents may come later in the file.
    result = _units(
        municipality,
        [
            ["1210", "Hjemmesykepleie nord", "1200", "enhet", "25"],
            ["1200", "Hjemmetjenesten", "1000", "enhet", "85"],
            ["1000", "Helse og omsorg", "", "sektor", ""],
        ],
    )

    assert result.ok, result.errors
    assert (result.created, result.updated) == (3, 0)
    units = {u.code: u for u in Unit.objects.filter(municipality=municipality)}
    assert units["1210"].parent == units["1200"]
    assert units["1200"].parent == units["1000"]
    assert units["1000"].parent is None
    assert units["1000"].kind == Unit.Kind.SECTOR
    assert units["1000"].employee_count == 0
    assert units["1200"].employee_count == 85


def test_units_file_may_use_english_headings_and_a_parent_already_stored(
    municipality: Municipality,
) -> None:
    unit_create(actor=None, municipality=municipality, code="S1", name="Sektor")
    data = b"code,name,parent_code,kind,employees\nU1,Skole,S1,unit,12\n"

    result = units_import(actor=None, municipality=municipality, data=data)

    assert result.ok, result.errors
    assert _parent_code("U1") == "S1"


def test_one_bad_row_among_good_ones_writes_nothing_and_reports_the_line(
    municipality: Municipality,
) -> None:
    rows = [
        ["1000", "Helse og omsorg", "", "sektor", "10"],
        ["1200", "Hjemmetjenesten", "1000", "enhet", "-3"],
        ["1300", "Bo- og aktivitetstilbud", "1000", "enhet", "40"],
    ]
    with translation.override("nb"):
        result = _units(municipality, rows)
    assert _errors(result) == [(3, "antall_ansatte", "negative")]
    assert Unit.objects.count() == 0
    assert not AuditEntry.objects.filter(object_type="organisation.Unit").exists()

    with translation.override("en"):
        result = _units(municipality, rows)
    assert result.errors[0].message == "The number cannot be negative."


def test_every_bad_cell_is_reported_not_just_the_first(municipality: Municipality) -> None:
    result = _units(
        municipality,
        [
            ["", "Uten kode", "", "enhet", "1"],
            ["A", "", "", "fylke", "mange"],
            ["B", "Bra", "", "enhet", "2", "ekstra"],
        ],
    )
    assert _errors(result) == [
        (2, "kode", "required"),
        (3, "navn", "required"),
        (3, "type", "invalid_choice"),
        (3, "antall_ansatte", "not_a_number"),
        (4, "", "field_count"),
    ]
    assert Unit.objects.count() == 0


def test_unknown_parent_code_is_reported(municipality: Municipality) -> None:
    with translation.override("en"):
        result = _units(municipality, [["1200", "Hjemmetjenesten", "9999", "enhet", "1"]])
    assert _errors(result) == [(2, "overordnet_kode", "unknown_parent")]
    assert "9999" in result.errors[0].message


def test_duplicate_code_is_reported_on_the_second_line(municipality: Municipality) -> None:
    with translation.override("en"):
        result = _units(
            municipality,
            [
                ["1000", "Helse", "", "sektor", ""],
                ["1100", "Legekontor", "1000", "enhet", ""],
                ["1000", "Helse igjen", "", "sektor", ""],
            ],
        )
    assert _errors(result) == [(4, "kode", "duplicate")]
    assert result.errors[0].message == "The code “1000” is already used on line 2."
    assert Unit.objects.count() == 0


def test_a_loop_in_the_parent_chain_is_reported_on_each_row_in_it(
    municipality: Municipality,
) -> None:
    with translation.override("en"):
        result = _units(
            municipality,
            [
                ["A", "A", "C", "enhet", ""],
                ["B", "B", "A", "enhet", ""],
                ["C", "C", "B", "enhet", ""],
                ["D", "D", "A", "enhet", ""],
                ["E", "E", "E", "enhet", ""],
            ],
        )
    # D hangs under the loop but is not part of it; E is its own parent.
    assert _errors(result) == [
        (2, "overordnet_kode", "cycle"),
        (3, "overordnet_kode", "cycle"),
        (4, "overordnet_kode", "cycle"),
        (6, "overordnet_kode", "self_parent"),
    ]
    assert result.errors[0].message == "The units lie under each other in a loop: A → C → B → A."
    assert Unit.objects.count() == 0


def test_a_loop_through_a_stored_unit_is_reported(municipality: Municipality) -> None:
    sector = unit_create(actor=None, municipality=municipality, code="S", name="Sektor")
    unit_create(actor=None, municipality=municipality, code="U", name="Enhet", parent=sector)

    result = _units(municipality, [["S", "Sektor", "U", "sektor", ""]])

    assert _errors(result) == [(2, "overordnet_kode", "cycle")]
    assert Unit.objects.get(code="S").parent is None


def test_unknown_and_missing_columns_are_reported_on_line_1(municipality: Municipality) -> None:
    data = _csv([["kode", "fornavn", "overordnet_kode", "kode"], ["A", "B", "", "A"]])
    result = units_import(actor=None, municipality=municipality, data=data)
    assert _errors(result) == [
        (1, "fornavn", "unknown_column"),
        (1, "kode", "duplicate_column"),
        (1, "navn", "missing_column"),
    ]


def test_a_latin1_file_is_refused_with_a_clear_message(municipality: Municipality) -> None:
    data = "kode;navn\n1;Helse\n2;Bø og Ås skole\n".encode("latin-1")
    with translation.override("en"):
        result = units_import(actor=None, municipality=municipality, data=data)
    assert _errors(result) == [(3, "", "encoding")]
    assert "not UTF-8" in result.errors[0].message
    assert "CSV UTF-8" in result.errors[0].message
    assert Unit.objects.count() == 0


def test_an_empty_file_is_refused(municipality: Municipality) -> None:
    result = units_import(actor=None, municipality=municipality, data=BOM.encode() + b"\r\n")
    assert _errors(result) == [(1, "", "empty")]


def test_reimport_updates_units_by_code_and_audits_the_change(
    municipality: Municipality,
) -> None:
    _units(municipality, [["1000", "Helse", "", "sektor", "5"], ["1200", "Hjemme", "1000", "", ""]])
    unit = Unit.objects.get(code="1200")

    result = _units(
        municipality,
        [
            ["1000", "Helse", "", "sektor", "5"],
            ["1200", "Hjemmetjenesten", "1000", "enhet", "85"],
            ["1300", "Ny enhet", "1200", "enhet", "3"],
        ],
    )

    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    assert Unit.objects.filter(municipality=municipality).count() == 3
    unit.refresh_from_db()
    assert (unit.name, unit.employee_count, unit.version) == ("Hjemmetjenesten", 85, 2)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE, object_id=str(unit.pk))
    assert entry.changes == {"employee_count": [0, 85], "name": ["Hjemme", "Hjemmetjenesten"]}


def test_a_column_left_out_is_left_unchanged(municipality: Municipality) -> None:
    _units(municipality, [["S", "Sektor", "", "sektor", "7"], ["U", "Enhet", "S", "enhet", "9"]])
    data = _csv([["kode", "navn"], ["U", "Enhet med nytt navn"]])

    result = units_import(actor=None, municipality=municipality, data=data)

    assert result.updated == 1
    unit = Unit.objects.get(code="U")
    assert (unit.name, _parent_code("U"), unit.employee_count) == ("Enhet med nytt navn", "S", 9)


def test_an_existing_unit_can_be_moved_under_a_new_one(municipality: Municipality) -> None:
    _units(municipality, [["U", "Enhet", "", "enhet", ""]])
    result = _units(
        municipality, [["U", "Enhet", "S", "enhet", ""], ["S", "Sektor", "", "sektor", ""]]
    )
    assert result.ok, result.errors
    assert _parent_code("U") == "S"


def test_units_of_another_municipality_are_neither_matched_nor_parents(
    municipality: Municipality,
) -> None:
    other = _municipality("987654321", "Øvre Eiker")
    unit_create(actor=None, municipality=other, code="S", name="Annen sektor")

    result = _units(municipality, [["S", "Sektor", "", "sektor", ""], ["U", "U", "X", "", ""]])

    assert _errors(result) == [(3, "overordnet_kode", "unknown_parent")]
    result = _units(municipality, [["S", "Sektor", "", "sektor", ""]])
    assert result.created == 1
    assert Unit.objects.get(municipality=other).name == "Annen sektor"


def test_created_units_are_audited_in_bulk(municipality: Municipality) -> None:
    user = _user(municipality)
    units_import(
        actor=user,
        municipality=municipality,
        data=_csv([UNIT_HEADER, ["S", "Sektor", "", "sektor", ""], ["U", "Enhet", "S", "", "4"]]),
    )
    entries = AuditEntry.objects.filter(
        municipality=municipality, object_type="organisation.Unit", action="CREATE"
    )
    assert {e.object_repr for e in entries} == {"Sektor", "Enhet"}
    assert {e.actor_name for e in entries} == {"admin"}
    unit = Unit.objects.get(code="U")
    assert entries.get(object_id=str(unit.pk)).changes["parent_id"] == [None, unit.parent_id]


def test_dry_run_reports_counts_and_writes_nothing(municipality: Municipality) -> None:
    _units(municipality, [["S", "Sektor", "", "sektor", ""]])
    before = AuditEntry.objects.count()

    result = _units(
        municipality,
        [["S", "Sektor 2", "", "sektor", ""], ["U", "Enhet", "S", "", ""]],
        dry_run=True,
    )

    assert result.ok
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    assert Unit.objects.count() == 1
    assert Unit.objects.get().name == "Sektor"
    assert AuditEntry.objects.count() == before


# People


def test_people_file_with_commas_and_no_bom_imports_people(municipality: Municipality) -> None:
    _units(municipality, [["1200", "Hjemmetjenesten", "", "enhet", ""]])
    data = _csv(
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
    _units(municipality, [["1200", "Hjemmetjenesten", "", "enhet", ""]])
    rows = [
        PEOPLE_HEADER,
        ["1", "Kari", "Nordmann", "ikke-en-epost", "", "ansatt", "1200", "", "nei", "", ""],
        ["2", "Per", "Hansen", "", "ring meg", "sjef", "1200", "", "kanskje", "", ""],
        ["3", "Ola", "Olsen", "", "", "ansatt", "9999", "", "", "", ""],
        ["1", "Kari", "Dobbel", "", "", "ansatt", "", "", "", "", ""],
        ["4", "Ok", "Rad", "", "", "innbygger", "", "", "", "", ""],
    ]
    with translation.override("en"):
        result = people_import(actor=None, municipality=municipality, data=_csv(rows))
    assert _errors(result) == [
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
    _units(municipality, [["A", "A", "", "", ""], ["B", "B", "", "", ""]])
    first = [PEOPLE_HEADER, ["7", "Kari", "Nordmann", "", "", "ansatt", "A", "", "", "", ""]]
    people_import(actor=None, municipality=municipality, data=_csv(first))
    person = Person.objects.get()

    second = [
        PEOPLE_HEADER,
        ["7", "Kari", "Nordmann", "kari@kommune.no", "", "ansatt", "B", "", "ja", "", ""],
        ["8", "Per", "Hansen", "", "", "ansatt", "", "", "", "", ""],
    ]
    result = people_import(actor=None, municipality=municipality, data=_csv(second))

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
    again = people_import(actor=None, municipality=municipality, data=_csv(second))
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


# The page


@pytest.fixture
def admin_client(client: Any, municipality: Municipality) -> Any:
    client.force_login(_user(municipality))
    return client


def _upload(client: Any, kind: str, data: bytes, *, dry_run: bool = False, **headers: Any) -> Any:
    form = {"kind": kind, "file": SimpleUploadedFile("fil.csv", data, "text/csv")}
    if dry_run:
        form["dry_run"] = "on"
    return client.post(reverse("organisation:import"), form, **headers)


def test_page_is_for_administrators_only(client: Any, municipality: Municipality) -> None:
    url = reverse("organisation:import")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(_user(municipality, admin=False, username="ansatt"))
    assert client.get(url).status_code == 403
    response = _upload(client, "units", _csv([UNIT_HEADER, ["A", "A", "", "", ""]]))
    assert response.status_code == 403
    assert Unit.objects.count() == 0
    example = reverse("organisation:import-example", args=["units"])
    assert client.get(example).status_code == 403


def test_page_shows_the_form_with_labels(admin_client: Any) -> None:
    response = admin_client.get(reverse("organisation:import") + "?kind=people")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'for="id_file"' in html
    assert re.search(r'<input [^>]*value="people"[^>]*checked', html)
    assert response.context["form"].initial["kind"] == "people"


def test_upload_success_redirects_with_the_counts(admin_client: Any) -> None:
    data = _csv([UNIT_HEADER, ["S", "Sektor", "", "sektor", ""], ["U", "U", "S", "", ""]])
    admin_client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    response = _upload(admin_client, "units", data)
    assert response.status_code == 302
    assert response["Location"] == reverse("organisation:import") + "?kind=units"
    page = admin_client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]] == [
        "Units imported. Created: 2, updated: 0, unchanged: 0."
    ]
    assert Unit.objects.count() == 2


def test_page_keeps_the_chosen_type_and_lists_errors_on_a_bad_file(admin_client: Any) -> None:
    data = _csv([PEOPLE_HEADER, ["1", "Kari", "", "", "", "ansatt", "X", "", "", "", ""]])

    response = _upload(admin_client, "people", data)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'href="#id_file"' in html
    assert 'aria-invalid="true"' in html
    assert re.search(r'<input [^>]*value="people"[^>]*checked', html)
    assert not re.search(r'<input [^>]*value="units"[^>]*checked', html)
    assert '<th scope="row">2</th>' in html
    assert 'data-code="unknown_unit"' in html
    assert 'data-code="required"' in html
    assert Person.objects.count() == 0


def test_page_shows_at_most_200_errors_and_how_many_more(admin_client: Any) -> None:
    rows = [UNIT_HEADER] + [[f"K{i}", "", "", "", ""] for i in range(250)]
    admin_client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    response = _upload(admin_client, "units", _csv(rows))
    html = response.content.decode()
    assert html.count('data-code="required"') == 200
    assert "and 50 more problems" in html


def test_dry_run_on_the_page_imports_nothing(admin_client: Any) -> None:
    data = _csv([UNIT_HEADER, ["S", "Sektor", "", "sektor", ""]])
    response = _upload(admin_client, "units", data, dry_run=True)
    assert response.status_code == 302
    assert Unit.objects.count() == 0


def test_missing_file_is_a_form_error(admin_client: Any) -> None:
    response = admin_client.post(reverse("organisation:import"), {"kind": "people"})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_htmx_upload_gets_the_form_partial_or_a_client_redirect(admin_client: Any) -> None:
    bad = _upload(
        admin_client, "units", _csv([UNIT_HEADER, ["", "", "", "", ""]]), HTTP_HX_REQUEST="true"
    )
    assert bad.status_code == 200
    assert bad.content.decode().lstrip().startswith('<div id="import-form">')
    good = _upload(
        admin_client, "units", _csv([UNIT_HEADER, ["A", "A", "", "", ""]]), HTTP_HX_REQUEST="true"
    )
    assert good["HX-Redirect"] == reverse("organisation:import") + "?kind=units"


def test_example_file_download(admin_client: Any) -> None:
    response = admin_client.get(reverse("organisation:import-example", args=["people"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(BOM.encode() + b"ansattnummer;")


# The command


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
    path.write_bytes(_csv([UNIT_HEADER, ["A", "A", "", "", ""], ["B", "B", "Q", "", "-1"]]))
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


# All or nothing, for any file


codes = st.text(alphabet="ABCDEFGHIJ0123456789", min_size=1, max_size=4)
good_rows = st.lists(
    st.tuples(
        st.text(alphabet="abcæøå ", min_size=1, max_size=12).map(str.strip).filter(bool),
        st.sampled_from(["sektor", "enhet", ""]),
        st.integers(min_value=0, max_value=10_000),
    ),
    min_size=1,
    max_size=8,
)
bad_rows = st.lists(
    st.sampled_from(
        [
            ["", "Uten kode", "", "enhet", "1"],
            ["ZZ1", "", "", "enhet", "1"],
            ["ZZ2", "Negativ", "", "enhet", "-1"],
            ["ZZ3", "Ukjent forelder", "NOPE", "enhet", "1"],
            ["ZZ4", "Feil type", "", "fylke", "1"],
            ["ZZ5", "Tekst", "", "enhet", "mange"],
            ["ZZ6", "Egen forelder", "ZZ6", "enhet", "1"],
        ]
    ),
    max_size=3,
)


class TestAllOrNothing(HypothesisTestCase):
    def setUp(self) -> None:
        self.municipality = _municipality()
        unit_create(actor=None, municipality=self.municipality, code="A", name="Fra før")

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        good=good_rows,
        bad=bad_rows,
        parents=st.lists(st.integers(min_value=-1, max_value=7), min_size=8, max_size=8),
        positions=st.lists(st.integers(min_value=0, max_value=10), min_size=3, max_size=3),
    )
    def test_either_every_row_is_written_or_none(
        self, good: list[Any], bad: list[list[str]], parents: list[int], positions: list[int]
    ) -> None:
        rows: list[list[str]] = []
        for i, (name, kind, employees) in enumerate(good):
            # A parent among the rows before, the stored unit "A", or none: never a loop.
            parent = "A" if parents[i] == -1 else (f"G{parents[i]}" if parents[i] < i else "")
            rows.append([f"G{i}", name, parent, kind, str(employees)])
        for row, position in zip(bad, positions, strict=False):
            rows.insert(min(position, len(rows)), row)
        units_before = Unit.objects.count()
        audit_before = AuditEntry.objects.count()

        result = _units(self.municipality, rows)

        if bad:
            assert not result.ok
            assert Unit.objects.count() == units_before
            assert AuditEntry.objects.count() == audit_before
        else:
            assert result.ok, result.errors
            assert Unit.objects.count() == units_before + len(good)
            assert AuditEntry.objects.count() == audit_before + len(good)


# In a real browser, with axe-core on each state of the page


@pytest.mark.browser
def test_import_in_a_browser_shows_problems_then_imports(
    browser_page: Any, visit: Any, assert_accessible: Any
) -> None:
    from playwright.sync_api import expect

    from trepart.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

    municipality = _municipality()
    UserFactory.create(username="admin", municipality=municipality, is_municipal_admin=True)
    page = browser_page
    visit(page, "/accounts/login/")
    page.locator('input[name="login"]').fill("admin")
    page.locator('input[name="password"]').fill(DEFAULT_PASSWORD)
    page.locator('input[name="password"]').press("Enter")
    page.wait_for_url("**/")
    assert_accessible(page)

    visit(page, reverse("organisation:import"))
    page.locator('input[name="kind"][value="people"]').check()
    bad = _csv([PEOPLE_HEADER, ["1", "Kari", "", "", "", "ansatt", "X", "", "", "", ""]])
    page.locator("#id_file").set_input_files(
        {"name": "personer.csv", "mimeType": "text/csv", "buffer": bad}
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#import-errors + table tbody tr")).to_have_count(2)
    expect(page.locator('input[name="kind"][value="people"]')).to_be_checked()
    assert_accessible(page)

    page.locator('input[name="kind"][value="units"]').check()
    page.locator("#id_file").set_input_files(
        {"name": "enheter.csv", "mimeType": "text/csv", "buffer": UNITS_EXAMPLE.encode()}
    )
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url("**/import/?kind=units")
    expect(page.locator(".trepart-messages")).to_contain_text("Created: 5")
    assert_accessible(page)
    assert Unit.objects.filter(municipality=municipality).count() == 5
