"""Checking a register CSV file before anything is written: one row per person and case.

Columns (Norwegian headings, English accepted, any order)::

    ansattnummer;type;enhet;stilling;stillingsprosent;onsket_prosent;lonn;kvalifikasjoner;
    andre_kvalifikasjoner;arbeidssted;ansiennitetsdato;sosiale_forhold;onskede_enheter;
    onskede_steder;maks_reisetid;tilrettelegging;overtallig_fra

Codes are the municipality's: employee numbers, unit codes, qualification and location codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trepart.organisation.imports.parsing import Table
from trepart.organisation.imports.validation.cells import Column, choice, text, text_column, yes_no
from trepart.organisation.imports.validation.sheet import CleanRow, Sheet
from trepart.redeployment.imports.cells import whole
from trepart.redeployment.imports.checks import (
    LOCATION_COLUMN,
    PERCENT_COLUMN,
    UNKNOWN_LOCATION,
    UNKNOWN_QUALIFICATIONS,
    CheckedRows,
    amount_column,
    code_column,
    codes_column,
    day_column,
    reject_unknown,
    reject_unknown_codes,
    rows_check,
)
from trepart.redeployment.models import CaseKind
from trepart.redeployment.services.register import check_percents

KINDS = {
    "overtallig": CaseKind.REDUNDANT,
    "redundant": CaseKind.REDUNDANT,
    "deltid": CaseKind.PART_TIME,
    "part_time": CaseKind.PART_TIME,
}

COLUMNS = (
    Column(
        "person",
        ("ansattnummer", "employee_number"),
        text(60, required=True),
        required=True,
        description=gettext_lazy("The person's employee number, as registered."),
    ),
    Column(
        "kind",
        ("type", "kind"),
        choice(KINDS, shown=("overtallig", "deltid"), default=CaseKind.REDUNDANT),
        description=gettext_lazy(
            "“overtallig” (the default) or “deltid” (wishes a larger position)."
        ),
    ),
    code_column(
        "from_unit", ("enhet", "unit"), gettext_lazy("The code of the unit the person comes from.")
    ),
    text_column(
        "position",
        ("stilling", "position"),
        120,
        required=True,
        description=gettext_lazy("The position the person holds."),
    ),
    PERCENT_COLUMN,
    Column(
        "wanted_percent",
        ("onsket_prosent", "wanted_percent"),
        whole(minimum=0, maximum=2**31 - 1, required=False),
        description=gettext_lazy("For a part-time employee: the wished position %."),
    ),
    amount_column("wage_level", ("lonn", "wage"), gettext_lazy("Yearly wage, NOK.")),
    codes_column(
        "qualifications",
        ("kvalifikasjoner", "qualifications"),
        gettext_lazy("Codes from the qualifications list, separated by commas."),
    ),
    Column(
        "qualifications_note",
        ("andre_kvalifikasjoner", "other_qualifications"),
        text(2000),
        description=gettext_lazy("Other qualifications, in words."),
    ),
    LOCATION_COLUMN,
    day_column(
        "seniority_date",
        ("ansiennitetsdato", "seniority_date"),
        gettext_lazy("Seniority date, like 2005-03-01."),
    ),
    Column(
        "social_priority",
        ("sosiale_forhold", "social_grounds"),
        whole(
            minimum=0,
            maximum=10,
            required=False,
            message=gettext_lazy("Social grounds are weighed from 0 to 10."),
        ),
        description=gettext_lazy("Social grounds, 0 to 10 (empty: 0)."),
    ),
    codes_column(
        "preferred_units",
        ("onskede_enheter", "preferred_units"),
        gettext_lazy("Codes of the units the person prefers."),
    ),
    codes_column(
        "preferred_locations",
        ("onskede_steder", "preferred_locations"),
        gettext_lazy("Codes of the locations the person prefers."),
    ),
    Column(
        "max_travel_minutes",
        ("maks_reisetid", "max_travel_minutes"),
        whole(minimum=1, maximum=1440, required=False),
        description=gettext_lazy("Longest travel time in minutes (empty: the agreed rules')."),
    ),
    Column(
        "needs_adapted_work",
        ("tilrettelegging", "adapted_work"),
        yes_no,
        description=gettext_lazy("“ja” if the person needs adapted work."),
    ),
    day_column(
        "redundant_on",
        ("overtallig_fra", "redundant_on"),
        gettext_lazy("The day the person was made redundant."),
    ),
)

EXAMPLE = (
    ";".join(column.names[0] for column in COLUMNS)
    + "\n10234;overtallig;1200;Helsefagarbeider;100;;520000;FAG,BIL;Kurs i demens;HAR;"
    + "2005-03-01;2;1300;HAR,ROA;40;nei;2026-09-01"
    + "\n10577;deltid;1300;Assistent;50;80;450000;PED;;GRU;2012-08-15;;;;;nei;2026-09-01\n"
)


@dataclass(frozen=True)
class Known:
    """What the municipality holds, by code (upper case for the lists) to primary key."""

    people: dict[str, int]
    units: dict[str, int]
    locations: dict[str, int]
    qualifications: dict[str, int]
    open_cases: set[tuple[int, str]]  # (person id, kind) with an open case


# The rows to write, or every problem in the file.
CheckedRegister = CheckedRows


def check_register(table: Table, *, known: Known) -> CheckedRows:
    """Every problem in the file; the rows (with ids for the codes) when there are none."""
    seen: dict[tuple[str, str], int] = {}

    def each(sheet: Sheet, row: CleanRow) -> dict[str, Any] | None:
        values = row.values
        _check_codes(sheet, row, known)
        kind = values.get("kind", CaseKind.REDUNDANT)
        errors = check_percents(
            kind=kind, percent=values.get("percent"), wanted_percent=values.get("wanted_percent")
        )
        for name, messages in errors.items():
            sheet.reject(row, name, "percent", messages[0])
        if not row.valid:
            return None
        person_id = known.people[values["person"]]
        key = (values["person"], kind)
        if key in seen:
            sheet.reject(
                row,
                "person",
                "duplicate",
                _("Employee %(number)s has a case of this kind on line %(line)s already.")
                % {"number": values["person"], "line": seen[key]},
            )
            return None
        seen[key] = row.line
        if (person_id, kind) in known.open_cases:
            sheet.reject(
                row,
                "person",
                "open_case",
                _("Employee %(number)s already has an open case of this kind.")
                % {"number": values["person"]},
            )
            return None
        return _arguments(values, known, person_id=person_id, kind=kind)

    return rows_check(table, COLUMNS, each=each)


def _check_codes(sheet: Sheet, row: CleanRow, known: Known) -> None:
    single = (
        ("person", known.people, _("There is nobody with the employee number “%(code)s”.")),
        ("from_unit", known.units, _("There is no unit with the code “%(code)s”.")),
        ("location", known.locations, UNKNOWN_LOCATION),
    )
    for key, table, message in single:
        reject_unknown(sheet, row, key, table, message)
    lists = (
        ("qualifications", known.qualifications, UNKNOWN_QUALIFICATIONS),
        ("preferred_units", {c.upper() for c in known.units}, _("Unknown unit codes: %(codes)s.")),
        ("preferred_locations", known.locations, _("Unknown location codes: %(codes)s.")),
    )
    for key, names, message in lists:
        reject_unknown_codes(sheet, row, key, names, message)


def _arguments(
    values: dict[str, Any], known: Known, *, person_id: int, kind: str
) -> dict[str, Any]:
    units = {code.upper(): pk for code, pk in known.units.items()}
    return {
        "person_id": person_id,
        "kind": kind,
        "from_unit_id": known.units[values["from_unit"]],
        "position": values["position"],
        "percent": values["percent"],
        "wanted_percent": values.get("wanted_percent"),
        "wage_level": values["wage_level"],
        "qualification_ids": [known.qualifications[c] for c in values.get("qualifications", ())],
        "qualifications_note": values.get("qualifications_note", ""),
        "location_id": known.locations[values["location"].upper()],
        "seniority_date": values["seniority_date"],
        "social_priority": values.get("social_priority") or 0,
        "preferred_unit_ids": [units[c] for c in values.get("preferred_units", ())],
        "preferred_location_ids": [
            known.locations[c] for c in values.get("preferred_locations", ())
        ],
        "max_travel_minutes": values.get("max_travel_minutes"),
        "needs_adapted_work": values.get("needs_adapted_work", False),
        "redundant_on": values["redundant_on"],
    }
