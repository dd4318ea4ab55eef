"""CSV import of units: all or nothing, every problem reported by line."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from trepart.audit.models import AuditEntry
from trepart.organisation.imports.services import units_import
from trepart.organisation.models import Municipality, Unit
from trepart.organisation.services import unit_create
from trepart.organisation.tests.importing import (
    UNIT_HEADER,
    csv_file,
    error_codes,
    import_units,
    make_municipality,
    make_user,
    parent_code,
)


@pytest.fixture
def municipality(db: None) -> Municipality:
    return make_municipality()


def test_units_file_with_bom_and_semicolons_imports_units_under_their_parents(
    municipality: Municipality,
) -> None:
    # A child listed before its parent: parents may come later in the file.
    result = import_units(
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
    assert parent_code("U1") == "S1"


def test_one_bad_row_among_good_ones_writes_nothing_and_reports_the_line(
    municipality: Municipality,
) -> None:
    rows = [
        ["1000", "Helse og omsorg", "", "sektor", "10"],
        ["1200", "Hjemmetjenesten", "1000", "enhet", "-3"],
        ["1300", "Bo- og aktivitetstilbud", "1000", "enhet", "40"],
    ]
    with translation.override("nb"):
        result = import_units(municipality, rows)
    assert error_codes(result) == [(3, "antall_ansatte", "negative")]
    assert Unit.objects.count() == 0
    assert not AuditEntry.objects.filter(object_type="organisation.Unit").exists()

    with translation.override("en"):
        result = import_units(municipality, rows)
    assert result.errors[0].message == "The number cannot be negative."


def test_every_bad_cell_is_reported_not_just_the_first(municipality: Municipality) -> None:
    result = import_units(
        municipality,
        [
            ["", "Uten kode", "", "enhet", "1"],
            ["A", "", "", "fylke", "mange"],
            ["B", "Bra", "", "enhet", "2", "ekstra"],
        ],
    )
    assert error_codes(result) == [
        (2, "kode", "required"),
        (3, "navn", "required"),
        (3, "type", "invalid_choice"),
        (3, "antall_ansatte", "not_a_number"),
        (4, "", "field_count"),
    ]
    assert Unit.objects.count() == 0


def test_unknown_parent_code_is_reported(municipality: Municipality) -> None:
    with translation.override("en"):
        result = import_units(municipality, [["1200", "Hjemmetjenesten", "9999", "enhet", "1"]])
    assert error_codes(result) == [(2, "overordnet_kode", "unknown_parent")]
    assert "9999" in result.errors[0].message


def test_duplicate_code_is_reported_on_the_second_line(municipality: Municipality) -> None:
    with translation.override("en"):
        result = import_units(
            municipality,
            [
                ["1000", "Helse", "", "sektor", ""],
                ["1100", "Legekontor", "1000", "enhet", ""],
                ["1000", "Helse igjen", "", "sektor", ""],
            ],
        )
    assert error_codes(result) == [(4, "kode", "duplicate")]
    assert result.errors[0].message == "The code “1000” is already used on line 2."
    assert Unit.objects.count() == 0


def test_a_loop_in_the_parent_chain_is_reported_on_each_row_in_it(
    municipality: Municipality,
) -> None:
    with translation.override("en"):
        result = import_units(
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
    assert error_codes(result) == [
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

    result = import_units(municipality, [["S", "Sektor", "U", "sektor", ""]])

    assert error_codes(result) == [(2, "overordnet_kode", "cycle")]
    assert Unit.objects.get(code="S").parent is None


def test_unknown_and_missing_columns_are_reported_on_line_1(municipality: Municipality) -> None:
    data = csv_file([["kode", "fornavn", "overordnet_kode", "kode"], ["A", "B", "", "A"]])
    result = units_import(actor=None, municipality=municipality, data=data)
    assert error_codes(result) == [
        (1, "fornavn", "unknown_column"),
        (1, "kode", "duplicate_column"),
        (1, "navn", "missing_column"),
    ]


def test_reimport_updates_units_by_code_and_audits_the_change(
    municipality: Municipality,
) -> None:
    import_units(
        municipality, [["1000", "Helse", "", "sektor", "5"], ["1200", "Hjemme", "1000", "", ""]]
    )
    unit = Unit.objects.get(code="1200")

    result = import_units(
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
    import_units(
        municipality, [["S", "Sektor", "", "sektor", "7"], ["U", "Enhet", "S", "enhet", "9"]]
    )
    data = csv_file([["kode", "navn"], ["U", "Enhet med nytt navn"]])

    result = units_import(actor=None, municipality=municipality, data=data)

    assert result.updated == 1
    unit = Unit.objects.get(code="U")
    assert (unit.name, parent_code("U"), unit.employee_count) == ("Enhet med nytt navn", "S", 9)


def test_an_existing_unit_can_be_moved_under_a_new_one(municipality: Municipality) -> None:
    import_units(municipality, [["U", "Enhet", "", "enhet", ""]])
    result = import_units(
        municipality, [["U", "Enhet", "S", "enhet", ""], ["S", "Sektor", "", "sektor", ""]]
    )
    assert result.ok, result.errors
    assert parent_code("U") == "S"


def test_units_of_another_municipality_are_neither_matched_nor_parents(
    municipality: Municipality,
) -> None:
    other = make_municipality("987654321", "Øvre Eiker")
    unit_create(actor=None, municipality=other, code="S", name="Annen sektor")

    result = import_units(
        municipality, [["S", "Sektor", "", "sektor", ""], ["U", "U", "X", "", ""]]
    )

    assert error_codes(result) == [(3, "overordnet_kode", "unknown_parent")]
    result = import_units(municipality, [["S", "Sektor", "", "sektor", ""]])
    assert result.created == 1
    assert Unit.objects.get(municipality=other).name == "Annen sektor"


def test_created_units_are_audited_in_bulk(municipality: Municipality) -> None:
    user = make_user(municipality)
    units_import(
        actor=user,
        municipality=municipality,
        data=csv_file(
            [UNIT_HEADER, ["S", "Sektor", "", "sektor", ""], ["U", "Enhet", "S", "", "4"]]
        ),
    )
    entries = AuditEntry.objects.filter(
        municipality=municipality, object_type="organisation.Unit", action="CREATE"
    )
    assert {e.object_repr for e in entries} == {"Sektor", "Enhet"}
    assert {e.actor_name for e in entries} == {"admin"}
    unit = Unit.objects.get(code="U")
    assert entries.get(object_id=str(unit.pk)).changes["parent_id"] == [None, unit.parent_id]


def test_dry_run_reports_counts_and_writes_nothing(municipality: Municipality) -> None:
    import_units(municipality, [["S", "Sektor", "", "sektor", ""]])
    before = AuditEntry.objects.count()

    result = import_units(
        municipality,
        [["S", "Sektor 2", "", "sektor", ""], ["U", "Enhet", "S", "", ""]],
        dry_run=True,
    )

    assert result.ok
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    assert Unit.objects.count() == 1
    assert Unit.objects.get().name == "Sektor"
    assert AuditEntry.objects.count() == before


# All or nothing, for any file


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
        self.municipality = make_municipality()
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

        result = import_units(self.municipality, rows)

        if bad:
            assert not result.ok
            assert Unit.objects.count() == units_before
            assert AuditEntry.objects.count() == audit_before
        else:
            assert result.ok, result.errors
            assert Unit.objects.count() == units_before + len(good)
            assert AuditEntry.objects.count() == audit_before + len(good)
