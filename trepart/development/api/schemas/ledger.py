"""The shapes of the savings ledger's API: kroner as whole numbers, realised null until it
is reported, FTE effects per measure only (never per person). Sums are net: a measure of
added cost (``ADDED_COST``) has negative amounts."""

from __future__ import annotations

from ninja import Field, Schema

from trepart.development.models import Realisation, SavingsMeasure
from trepart.organisation.schemas import PageQuery
from trepart.platform.api import BIGINT_MAX, INT_MAX, Id
from trepart.platform.text import Text, Title


class LedgerQuery(Schema):
    unit: Id | None = Field(None, description="A unit's id; left out: the whole municipality.")


class MeasureQuery(PageQuery):
    unit: Id | None = Field(None, description="Only the measures of this unit's subtree.")


class LedgerUnitRef(Schema):
    id: int
    code: str
    name: str


class SumsOut(Schema):
    planned: int = Field(description="Planned net saving (savings less added cost), NOK.")
    realised: int | None = Field(description="Realised net saving, NOK; null: none reported.")


class YearSumsOut(SumsOut):
    year: int


class LedgerRowOut(Schema):
    unit: LedgerUnitRef
    depth: int = Field(description="0 for the sectors, or for the units directly under the unit.")
    years: list[YearSumsOut]
    total: SumsOut


class RealisationOut(Schema):
    realisation: str = Field(
        description=(
            "ATTRITION, PURCHASING, REORGANISATION, INCOME, SERVICE_LEVEL, OTHER, or "
            "ADDED_COST (negative amounts: what tasks given more to do cost)."
        )
    )
    years: list[YearSumsOut]


class LedgerOut(Schema):
    unit: LedgerUnitRef | None = Field(description="null: the whole municipality.")
    name: str
    measures: int
    years: list[YearSumsOut]
    total: SumsOut
    fte_effect: float = Field(description="The measures' FTE effect; negative: fewer FTEs.")
    by_realisation: list[RealisationOut]
    units: list[LedgerRowOut] = Field(
        description=(
            "For the municipality its sectors; for a unit each unit under it, in tree order. "
            "Only those with measures, each with its subtree's figures."
        )
    )


class MeasureYearOut(Schema):
    year: int
    planned: int
    realised: int | None


class MeasureOut(Schema):
    id: int
    unit: LedgerUnitRef
    title: str
    description: str
    realisation: str
    status: str
    fte_effect: float
    project_id: int | None
    version: int
    years: list[MeasureYearOut]


class MeasurePage(Schema):
    count: int
    items: list[MeasureOut]


class MeasureYearIn(Schema):
    year: int = Field(ge=0, le=INT_MAX, description="The budget year, 2000 to 2100.")
    planned: int | None = Field(
        ge=-BIGINT_MAX,
        le=BIGINT_MAX,
        description="Planned saving, NOK, 0 or more; for ADDED_COST the cost, 0 or less.",
    )
    realised: int | None = Field(
        None,
        ge=-BIGINT_MAX,
        le=BIGINT_MAX,
        description="Realised saving, NOK (negative for ADDED_COST); null: unknown.",
    )


class MeasureIn(Schema):
    unit_id: Id
    title: Title
    description: Text = ""
    realisation: Realisation
    fte_effect: float = Field(
        0.0,
        ge=-999999.99,
        le=999999.99,
        description="The measure's FTE effect, rounded to two decimals; negative: fewer FTEs.",
    )
    status: SavingsMeasure.Status = SavingsMeasure.Status.PLANNED
    years: list[MeasureYearIn] = Field(max_length=60)


class MeasureEditIn(MeasureIn):
    version: Id = Field(description="The version the change was made from.")


class Problem(Schema):
    """What was wrong with a request the rules refused, in the caller's language."""

    detail: str = Field(description="Every message in one sentence or more, for display.")
    errors: dict[str, list[str]] = Field(
        description='Messages by input field; about the request as a whole under "__all__".'
    )
