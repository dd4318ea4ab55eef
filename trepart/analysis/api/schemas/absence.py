"""The shapes of the sick-leave API: figures that have been through suppression.

A hidden group's figures are null; its employee count is never given.
"""

from __future__ import annotations

from ninja import Field, Schema

from trepart.platform.api import Id

# A month as YYYY-MM from 1900-01 to 2200-12, or empty for the default. Documented only:
# the view answers anything else with a 400 that names the parameter.
MONTH_PATTERN = r"^((19[0-9]{2}|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2]))?$"


class AbsenceQuery(Schema):
    unit: Id | None = Field(None, description="A unit's id; left out: the whole municipality.")
    from_: str | None = Field(
        None,
        alias="from",
        json_schema_extra={"pattern": MONTH_PATTERN},
        description="First month, YYYY-MM (default: 35 months before `to`).",
    )
    to: str | None = Field(
        None,
        json_schema_extra={"pattern": MONTH_PATTERN},
        description="Last month, YYYY-MM (default: the latest imported).",
    )


class AbsenceSharesOut(Schema):
    """Percentages with one decimal, rounded half-up: the figures the pages show."""

    percent: float | None = Field(description="Sick leave: lost days * 100 / agreed days.")
    certified: float | None = Field(description="Doctor-certified (legemeldt) part, %.")
    self_certified: float | None = Field(description="Self-certified (egenmeldt) part, %.")


class AbsenceUnitRef(Schema):
    id: int
    code: str
    name: str


class AbsencePeriodOut(AbsenceSharesOut):
    period: str = Field(description="YYYY-MM for a month, YYYY-K1..K4 for a quarter.")
    months: int


class AbsenceChildOut(Schema):
    unit: AbsenceUnitRef
    hidden: bool = Field(description="Too few employees, or derivable from the others.")
    last_12_months: AbsenceSharesOut
    year_before: AbsenceSharesOut
    change: float | None = Field(description="Points: last 12 months minus the year before.")
    target: float | None = Field(description="Presence target (nærværsmål), %.")
    gap: float | None = Field(description="Presence minus target, points.")


class AbsenceOut(Schema):
    unit: AbsenceUnitRef | None = Field(description="Null: the whole municipality.")
    from_: str = Field(alias="from")
    to: str
    threshold: int
    has_data: bool
    hidden: bool
    rolling: bool = Field(description="Periods are rolling four-quarter rates (a small group).")
    last_12_months: AbsenceSharesOut
    year_before: AbsenceSharesOut
    change: float | None
    target: float | None
    gap: float | None
    periods: list[AbsencePeriodOut]
    children: list[AbsenceChildOut]
