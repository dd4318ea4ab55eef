"""Checking a ledger file row by row, before anything is written.

Pure: a ``Table`` (from ``organisation.imports.parsing``) and what the database holds (unit
codes, the measures found more than once) in, clean rows and row-level errors out. One
upload tells the user about every problem in the file.

One row per measure and year: ``enhet;tiltak;gjennomføring;årsverk;år;planlagt;realisert``
(``status`` may follow). The rows of one unit with the same title are one measure, so its
realisation, FTE effect and status must agree on every row. Amounts are savings, 0 or more;
a measure realised through "økt innsats" (added cost) gives its cost as negative amounts.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trepart.development.models import Realisation, SavingsMeasure
from trepart.development.services.ledger import FIRST_YEAR, FTE_LIMIT, LAST_YEAR, NOK_LIMIT
from trepart.organisation.imports.parsing import Table
from trepart.organisation.imports.validation.cells import CellError, Column, choice, text
from trepart.organisation.imports.validation.sheet import Checked, CleanRow, Sheet, check_table

REALISATIONS = {
    **{code.lower(): code for code in Realisation.values},
    "naturlig avgang": Realisation.ATTRITION,
    "naturleg avgang": Realisation.ATTRITION,
    "natural attrition": Realisation.ATTRITION,
    "innkjøp": Realisation.PURCHASING,
    "purchasing": Realisation.PURCHASING,
    "omorganisering": Realisation.REORGANISATION,
    "reorganisation": Realisation.REORGANISATION,
    "inntekt": Realisation.INCOME,
    "inntekter": Realisation.INCOME,
    "income": Realisation.INCOME,
    "endret tjenestenivå": Realisation.SERVICE_LEVEL,
    "endra tenestenivå": Realisation.SERVICE_LEVEL,
    "changed service level": Realisation.SERVICE_LEVEL,
    "annet": Realisation.OTHER,
    "anna": Realisation.OTHER,
    "other": Realisation.OTHER,
    "økt innsats": Realisation.ADDED_COST,
    "auka innsats": Realisation.ADDED_COST,
    "økte kostnader": Realisation.ADDED_COST,
    "added cost": Realisation.ADDED_COST,
}
REALISATIONS_SHOWN = (
    "naturlig avgang",
    "innkjøp",
    "omorganisering",
    "inntekt",
    "endret tjenestenivå",
    "annet",
    "økt innsats",
)
STATUSES = {
    **{code.lower(): code for code in SavingsMeasure.Status.values},
    "planlagt": SavingsMeasure.Status.PLANNED,
    "planlagd": SavingsMeasure.Status.PLANNED,
    "planned": SavingsMeasure.Status.PLANNED,
    "pågår": SavingsMeasure.Status.UNDER_WAY,
    "under arbeid": SavingsMeasure.Status.UNDER_WAY,
    "under way": SavingsMeasure.Status.UNDER_WAY,
    "realisert": SavingsMeasure.Status.REALISED,
    "realised": SavingsMeasure.Status.REALISED,
    "droppet": SavingsMeasure.Status.DROPPED,
    "dropped": SavingsMeasure.Status.DROPPED,
}
STATUSES_SHOWN = ("planlagt", "pågår", "realisert", "droppet")
_SPACES = re.compile(r"[\s\u00a0\u202f]")


def _year(value: str) -> int:
    if not value:
        raise CellError("required", _("This field is required."))
    if not re.fullmatch(r"\d{4}", value):
        raise CellError("invalid_year", _("“%(value)s” is not a year.") % {"value": value})
    year = int(value)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CellError(
            "invalid_year",
            _("The year must be between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return year


def _nok(value: str) -> int | None:
    """Whole kroner; negative only for an added cost, which the row's rules check."""
    plain = _SPACES.sub("", value).removesuffix("kr").replace("\u2212", "-")
    if not plain:
        return None
    if not re.fullmatch(r"-?\d+", plain):
        raise CellError(
            "not_a_number",
            _("“%(value)s” is not an amount in whole kroner (write e.g. 250000).")
            % {"value": value},
        )
    amount = int(plain)
    if abs(amount) > NOK_LIMIT:
        raise CellError("too_large", _("The number is too large."))
    return amount


def _planned(value: str) -> int:
    amount = _nok(value)
    if amount is None:
        raise CellError(
            "required",
            _("Give the planned saving for the year (0 if none was planned)."),
        )
    return amount


def _fte(value: str) -> Decimal:
    plain = _SPACES.sub("", value).replace(",", ".").replace("\u2212", "-")
    if not plain:
        return Decimal(0)
    if not re.fullmatch(r"[+-]?\d+(\.\d{1,2})?", plain):
        raise CellError(
            "not_a_number",
            _("“%(value)s” is not a number of FTEs (write e.g. -1,5).") % {"value": value},
        )
    try:
        fte = Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
        raise CellError("not_a_number", _("The number is too large.")) from None
    if abs(fte) > FTE_LIMIT:
        raise CellError("too_large", _("The number is too large."))
    return fte


LEDGER_COLUMNS = (
    Column(
        "unit_code",
        ("enhet", "unit", "enhetskode", "unit_code"),
        text(40, required=True),
        required=True,
        description=gettext_lazy("The unit's code, as in the unit register."),
    ),
    Column(
        "title",
        ("tiltak", "measure", "tittel", "title"),
        text(200, required=True),
        required=True,
        description=gettext_lazy(
            "The measure's title. Rows of one unit with the same title are one measure; a "
            "measure already in the ledger gets the file's figures."
        ),
    ),
    Column(
        "realisation",
        ("gjennomføring", "realisation", "realised_through"),
        choice(REALISATIONS, shown=REALISATIONS_SHOWN),
        required=True,
        description=gettext_lazy(
            "How the saving is realised: naturlig avgang, innkjøp, omorganisering, inntekt, "
            "endret tjenestenivå or annet (or the English names); økt innsats (added cost) "
            "for a measure that costs money."
        ),
    ),
    Column(
        "fte_effect",
        ("årsverk", "fte", "fte_effect", "arsverk"),
        _fte,
        description=gettext_lazy(
            "The measure's FTE effect, negative for fewer FTEs (e.g. -1,5); empty: none."
        ),
    ),
    Column(
        "year",
        ("år", "year", "ar", "aar"),
        _year,
        required=True,
        description=gettext_lazy("The budget year, e.g. 2027."),
    ),
    Column(
        "planned",
        ("planlagt", "planned"),
        _planned,
        required=True,
        description=gettext_lazy(
            "The saving planned that year, whole kroner, 0 or more; for økt innsats the "
            "cost as a negative amount (e.g. -300000)."
        ),
    ),
    Column(
        "realised",
        ("realisert", "realised"),
        _nok,
        description=gettext_lazy("The saving realised that year, whole kroner; empty: not known."),
    ),
    Column(
        "status",
        ("status", "state"),
        choice(STATUSES, shown=STATUSES_SHOWN, default=""),
        description=gettext_lazy(
            "planlagt, pågår, realisert or droppet; empty: planlagt for a new measure, "
            "unchanged for one already in the ledger."
        ),
    ),
)

MeasureKey = tuple[str, str]  # unit code, title


@dataclass(frozen=True)
class LedgerRow:
    line: int
    unit_code: str
    title: str
    realisation: str
    fte_effect: Decimal
    year: int
    planned: int
    realised: int | None
    status: str

    @property
    def key(self) -> MeasureKey:
        return (self.unit_code, self.title.casefold())


def _sign_check(sheet: Sheet, row: CleanRow) -> None:
    """A saving 0 or more; an added cost (økt innsats) 0 or less."""
    cost = row.values.get("realisation") == Realisation.ADDED_COST
    for column in ("planned", "realised"):
        amount = row.values.get(column)
        if amount is None:
            continue
        if not cost and amount < 0:
            sheet.reject(
                row,
                column,
                "negative",
                _(
                    "A saving cannot be negative (this is %(amount)s): write what is saved, "
                    "or give “økt innsats” (added cost) as how it is realised if it costs money."
                )
                % {"amount": amount},
            )
        elif cost and amount > 0:
            sheet.reject(
                row,
                column,
                "cost_positive",
                _(
                    "An added cost (økt innsats) is written as a negative amount (this is "
                    "%(amount)s): write e.g. -%(amount)s, so the ledger shows the net saving."
                )
                % {"amount": amount},
            )


def check_ledger(
    table: Table, *, unit_codes: Collection[str], ambiguous: Collection[MeasureKey]
) -> tuple[Checked, list[LedgerRow]]:
    """Every row checked: the unit exists, a measure's rows agree, no year twice, and no
    title that matches two measures already in the ledger."""

    def rules(sheet: Sheet) -> None:
        first: dict[MeasureKey, tuple[int, dict[str, object]]] = {}
        years: dict[tuple[MeasureKey, int], int] = {}
        for row in sheet.rows:
            _sign_check(sheet, row)
            code = row.values.get("unit_code", "")
            if code and code not in unit_codes:
                sheet.reject(
                    row,
                    "unit_code",
                    "unknown_unit",
                    _("There is no unit with the code “%(code)s”. Import the units first.")
                    % {"code": code},
                )
            if not row.values.get("title") or not code:
                continue
            key = (code, str(row.values["title"]).casefold())
            if key in ambiguous:
                sheet.reject(
                    row,
                    "title",
                    "ambiguous",
                    _(
                        "The unit “%(code)s” has more than one measure called “%(title)s” in "
                        "the ledger: give them different titles first."
                    )
                    % {"code": code, "title": row.values["title"]},
                )
            if key not in first:
                first[key] = (row.line, row.values)
            else:
                line, values = first[key]
                for column in ("realisation", "fte_effect", "status"):
                    if column in row.values and row.values[column] != values.get(column):
                        sheet.reject(
                            row,
                            column,
                            "disagrees",
                            _(
                                "The measure “%(title)s” has another value here than on line "
                                "%(line)s: a measure's rows must agree."
                            )
                            % {"title": row.values["title"], "line": line},
                        )
            if "year" in row.values:
                year_key = (key, int(row.values["year"]))
                if year_key in years:
                    sheet.reject(
                        row,
                        "year",
                        "duplicate",
                        _("The measure “%(title)s” has %(year)s already on line %(line)s.")
                        % {
                            "title": row.values["title"],
                            "year": row.values["year"],
                            "line": years[year_key],
                        },
                    )
                else:
                    years[year_key] = row.line

    checked = check_table(table, LEDGER_COLUMNS, unique="", duplicate="", rules=rules)
    rows = [
        LedgerRow(
            line=row.line,
            unit_code=row.values["unit_code"],
            title=row.values["title"],
            realisation=row.values["realisation"],
            fte_effect=row.values.get("fte_effect", Decimal(0)),
            year=row.values["year"],
            planned=row.values["planned"],
            realised=row.values.get("realised"),
            status=row.values.get("status", ""),
        )
        for row in checked.rows
    ]
    return checked, rows


EXAMPLE = (
    "enhet;tiltak;gjennomføring;årsverk;år;planlagt;realisert;status\n"
    "E0001;Færre brøyterunder;endret tjenestenivå;-0,5;2026;420000;380000;pågår\n"
    "E0001;Færre brøyterunder;endret tjenestenivå;-0,5;2027;420000;;pågår\n"
    "E0002;Felles innkjøp av arbeidstøy;innkjøp;0;2026;150000;150000;realisert\n"
    "E0002;Hyppigere feiing av gangveier;økt innsats;0,5;2026;-90000;;planlagt\n"
)
