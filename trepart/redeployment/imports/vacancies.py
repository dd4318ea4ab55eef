"""Checking a vacancies CSV file before anything is written: one row per vacancy.

Columns (Norwegian headings, English accepted, any order)::

    enhet;stilling;stillingsprosent;krav;onsket;arbeidssted;lonn_fra;lonn_til;tiltredelse
    1200;Helsefagarbeider;80;FAG;BIL;HAR;500000;560000;2027-01-01

Every vacancy is registered HELD for the stillingsbank's next weekly meeting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trepart.organisation.imports.parsing import Table
from trepart.organisation.imports.validation.cells import Column, text
from trepart.organisation.imports.validation.sheet import RowError, Sheet, check_table
from trepart.redeployment.imports.cells import codes, day, unknown_codes, whole
from trepart.redeployment.services.vacancies import check_vacancy

COLUMNS = (
    Column(
        "unit",
        ("enhet", "unit"),
        text(40, required=True),
        required=True,
        description=gettext_lazy("The code of the unit with the vacancy."),
    ),
    Column(
        "title",
        ("stilling", "position"),
        text(120, required=True),
        required=True,
        description=gettext_lazy("The position's title."),
    ),
    Column(
        "percent",
        ("stillingsprosent", "percent"),
        whole(minimum=0, maximum=2**31 - 1),
        required=True,
        description=gettext_lazy("Position %, 1 to 100."),
    ),
    Column(
        "required",
        ("krav", "required"),
        codes,
        description=gettext_lazy("Codes of the required qualifications, separated by commas."),
    ),
    Column(
        "wanted",
        ("onsket", "wanted"),
        codes,
        description=gettext_lazy("Codes of the wanted qualifications, separated by commas."),
    ),
    Column(
        "location",
        ("arbeidssted", "location"),
        text(40, required=True),
        required=True,
        description=gettext_lazy("The code of the work location."),
    ),
    Column(
        "wage_min",
        ("lonn_fra", "wage_from"),
        whole(minimum=0, maximum=2**31 - 1),
        required=True,
        description=gettext_lazy("The wage band's lower end, NOK a year."),
    ),
    Column(
        "wage_max",
        ("lonn_til", "wage_to"),
        whole(minimum=0, maximum=2**31 - 1),
        required=True,
        description=gettext_lazy("The wage band's upper end, NOK a year."),
    ),
    Column(
        "starts_on",
        ("tiltredelse", "starts_on"),
        day(),
        required=True,
        description=gettext_lazy("The day the position starts."),
    ),
)

EXAMPLE = """\
enhet;stilling;stillingsprosent;krav;onsket;arbeidssted;lonn_fra;lonn_til;tiltredelse
1200;Helsefagarbeider;80;FAG;BIL;HAR;500000;560000;2027-01-01
1300;Barnehagelærer;100;PED;;GRU;540000;600000;2027-02-01
"""


@dataclass
class CheckedVacancies:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def check_vacancies(
    table: Table,
    *,
    units: dict[str, int],
    locations: dict[str, int],
    qualifications: dict[str, int],
) -> CheckedVacancies:
    """Every problem in the file; the rows (with ids for the codes) when there are none.
    ``units`` holds only the units the importer registers vacancies for."""
    out: list[dict[str, Any]] = []

    def rules(sheet: Sheet) -> None:
        for row in sheet.rows:
            values = row.values
            unit = values.get("unit", "")
            if unit and unit not in units:
                sheet.reject(
                    row,
                    "unit",
                    "unknown_unit",
                    _("There is no unit with the code “%(code)s” among the units you lead.")
                    % {"code": unit},
                )
            location = values.get("location", "").upper()
            if location and location not in locations:
                sheet.reject(
                    row,
                    "location",
                    "unknown_code",
                    _("There is no work location with the code “%(code)s”.")
                    % {"code": values["location"]},
                )
            for key in ("required", "wanted"):
                missing = unknown_codes(values.get(key, ()), set(qualifications))
                if missing:
                    sheet.reject(
                        row,
                        key,
                        "unknown_code",
                        _("Unknown qualification codes: %(codes)s.")
                        % {"codes": ", ".join(missing)},
                    )
            both = set(values.get("required", ())) & set(values.get("wanted", ()))
            if both:
                sheet.reject(
                    row,
                    "wanted",
                    "both",
                    _("A qualification is either required or wanted, not both."),
                )
            errors = check_vacancy(
                title=values.get("title", "x"),
                percent=values.get("percent"),
                wage_min=values.get("wage_min"),
                wage_max=values.get("wage_max"),
            )
            for key, messages in errors.items():
                sheet.reject(row, key, "invalid", messages[0])
            if not row.valid:
                continue
            out.append(
                {
                    "unit_id": units[unit],
                    "title": values["title"],
                    "percent": values["percent"],
                    "required_ids": [qualifications[c] for c in values.get("required", ())],
                    "wanted_ids": [qualifications[c] for c in values.get("wanted", ())],
                    "location_id": locations[location],
                    "wage_min": values["wage_min"],
                    "wage_max": values["wage_max"],
                    "starts_on": values["starts_on"],
                }
            )

    checked = check_table(table, COLUMNS, unique="", duplicate="", rules=rules)
    if checked.errors:
        return CheckedVacancies(errors=checked.errors)
    return CheckedVacancies(rows=out)
