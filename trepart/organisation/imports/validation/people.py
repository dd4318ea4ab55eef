"""The people file: its columns, and that each person's unit already exists."""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trepart.organisation.imports.parsing import Table
from trepart.organisation.imports.validation.cells import (
    Column,
    choice,
    email,
    phone,
    text_column,
    yes_no,
)
from trepart.organisation.imports.validation.sheet import Checked, Sheet, check_table

PERSON_KINDS = {
    "ansatt": "EMPLOYEE",
    "employee": "EMPLOYEE",
    "politiker": "POLITICIAN",
    "politician": "POLITICIAN",
    "innbygger": "CITIZEN",
    "citizen": "CITIZEN",
}

PERSON_COLUMNS = (
    text_column(
        "external_id",
        ("ansattnummer", "external_id"),
        60,
        description=gettext_lazy(
            "Employee number or another stable id. A person with a known number is "
            "updated; without one, a new person is always added."
        ),
    ),
    text_column(
        "first_name",
        ("fornavn", "first_name"),
        100,
        required=True,
        description=gettext_lazy("First name."),
    ),
    text_column(
        "last_name",
        ("etternavn", "last_name"),
        100,
        required=True,
        description=gettext_lazy("Last name."),
    ),
    Column(
        "email", ("epost", "email", "e_post"), email, description=gettext_lazy("E-mail address.")
    ),
    Column("phone", ("telefon", "phone"), phone, description=gettext_lazy("Phone number.")),
    Column(
        "kind",
        ("type", "kind"),
        choice(PERSON_KINDS, shown=("ansatt", "politiker", "innbygger")),
        required=True,
        description=gettext_lazy("“ansatt”, “politiker” or “innbygger”."),
    ),
    text_column(
        "unit_code",
        ("enhetskode", "unit_code"),
        40,
        description=gettext_lazy("Code of the person's unit, which must already exist."),
    ),
    text_column("position", ("stilling", "position"), 120, description=gettext_lazy("Position.")),
    Column(
        "is_leader",
        ("leder", "is_leader"),
        yes_no,
        description=gettext_lazy("“ja” if the person is a leader, else “nei” or empty."),
    ),
    text_column(
        "political_party",
        ("parti", "political_party"),
        80,
        description=gettext_lazy("Political party, for politicians."),
    ),
    text_column(
        "union", ("fagforening", "union"), 80, description=gettext_lazy("Union, for employees.")
    ),
)


def check_people(table: Table, *, unit_codes: set[str]) -> Checked:
    """Check a people file against the codes of the municipality's units."""
    return check_table(
        table,
        PERSON_COLUMNS,
        unique="external_id",
        duplicate=_("The employee number “%(value)s” is already used on line %(line)s."),
        rules=partial(_check_units_exist, unit_codes=unit_codes),
    )


def _check_units_exist(sheet: Sheet, *, unit_codes: set[str]) -> None:
    for row in sheet.rows:
        code = row.values.get("unit_code", "")
        if code and code not in unit_codes:
            sheet.reject(
                row,
                "unit_code",
                "unknown_unit",
                _("No unit has the code “%(code)s”. Import the units first.") % {"code": code},
            )
