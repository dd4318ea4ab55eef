"""Checking a vacancies CSV file before anything is written: one row per vacancy.

Columns (Norwegian headings, English accepted, any order)::

    enhet;stilling;stillingsprosent;krav;onsket;arbeidssted;lonn_fra;lonn_til;tiltredelse
    1200;Helsefagarbeider;80;FAG;BIL;HAR;500000;560000;2027-01-01

Every vacancy is registered HELD for the stillingsbank's next weekly meeting.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trepart.organisation.imports.parsing import Table
from trepart.organisation.imports.validation.cells import text_column
from trepart.organisation.imports.validation.sheet import CleanRow, Sheet
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
    reject_errors,
    reject_unknown,
    reject_unknown_codes,
    rows_check,
)
from trepart.redeployment.services.vacancies import check_vacancy

COLUMNS = (
    code_column("unit", ("enhet", "unit"), gettext_lazy("The code of the unit with the vacancy.")),
    text_column(
        "title",
        ("stilling", "position"),
        120,
        required=True,
        description=gettext_lazy("The position's title."),
    ),
    PERCENT_COLUMN,
    codes_column(
        "required",
        ("krav", "required"),
        gettext_lazy("Codes of the required qualifications, separated by commas."),
    ),
    codes_column(
        "wanted",
        ("onsket", "wanted"),
        gettext_lazy("Codes of the wanted qualifications, separated by commas."),
    ),
    LOCATION_COLUMN,
    amount_column(
        "wage_min",
        ("lonn_fra", "wage_from"),
        gettext_lazy("The wage band's lower end, NOK a year."),
    ),
    amount_column(
        "wage_max", ("lonn_til", "wage_to"), gettext_lazy("The wage band's upper end, NOK a year.")
    ),
    day_column(
        "starts_on", ("tiltredelse", "starts_on"), gettext_lazy("The day the position starts.")
    ),
)

EXAMPLE = """\
enhet;stilling;stillingsprosent;krav;onsket;arbeidssted;lonn_fra;lonn_til;tiltredelse
1200;Helsefagarbeider;80;FAG;BIL;HAR;500000;560000;2027-01-01
1300;Barnehagelærer;100;PED;;GRU;540000;600000;2027-02-01
"""


# The rows to write, or every problem in the file.
CheckedVacancies = CheckedRows


def check_vacancies(
    table: Table,
    *,
    units: dict[str, int],
    locations: dict[str, int],
    qualifications: dict[str, int],
) -> CheckedRows:
    """Every problem in the file; the rows (with ids for the codes) when there are none.
    ``units`` holds only the units the importer registers vacancies for."""

    def each(sheet: Sheet, row: CleanRow) -> dict[str, Any] | None:
        values = row.values
        reject_unknown(
            sheet,
            row,
            "unit",
            units,
            gettext_lazy("There is no unit with the code “%(code)s” among the units you lead."),
            code="unknown_unit",
        )
        reject_unknown(sheet, row, "location", locations, UNKNOWN_LOCATION)
        for key in ("required", "wanted"):
            reject_unknown_codes(sheet, row, key, qualifications, UNKNOWN_QUALIFICATIONS)
        if set(values.get("required", ())) & set(values.get("wanted", ())):
            sheet.reject(
                row, "wanted", "both", _("A qualification is either required or wanted, not both.")
            )
        errors = check_vacancy(
            title=values.get("title", "x"),
            percent=values.get("percent"),
            wage_min=values.get("wage_min"),
            wage_max=values.get("wage_max"),
        )
        reject_errors(sheet, row, errors, "invalid")
        if not row.valid:
            return None
        return {
            "unit_id": units[values["unit"]],
            "title": values["title"],
            "percent": values["percent"],
            "required_ids": [qualifications[c] for c in values.get("required", ())],
            "wanted_ids": [qualifications[c] for c in values.get("wanted", ())],
            "location_id": locations[values["location"].upper()],
            "wage_min": values["wage_min"],
            "wage_max": values["wage_max"],
            "starts_on": values["starts_on"],
        }

    return rows_check(table, COLUMNS, each=each)
