"""Grant and dugnad figures per committee and year, as aggregates: a fixed number of queries
whatever the number of entries. Dugnad is valued in hours, FTE equivalents (hours divided
by the municipality's annual hours per FTE) and kroner (hours times its rate), and compared
with the municipality's own employees as registered on its units."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from trepart.community.models import DugnadEntry, Grant
from trepart.community.services.settings import community_settings_ensure
from trepart.organisation.models import Unit

ZERO = Decimal(0)


@dataclass(frozen=True)
class DugnadRow:
    committee_id: int
    committee: str
    year: int
    entries: int
    people: int
    hours: Decimal
    ftes: Decimal
    value: int


@dataclass
class DugnadFigures:
    hours_per_fte: int
    hourly_rate: int
    employees: int
    rows: list[DugnadRow] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return sorted({row.year for row in self.rows})

    def hours_in(self, year: int | None) -> Decimal:
        return sum((row.hours for row in self.rows if row.year == year), ZERO)

    def ftes_in(self, year: int | None) -> Decimal:
        return self.fte(self.hours_in(year))

    def value_in(self, year: int | None) -> int:
        return int(self.hours_in(year) * self.hourly_rate)

    def fte(self, hours: Decimal) -> Decimal:
        return (hours / self.hours_per_fte).quantize(Decimal("0.1"))

    def share_of_employees(self, year: int | None) -> Decimal | None:
        """The year's FTE equivalents per hundred of the municipality's employees."""
        if not self.employees:
            return None
        return (self.ftes_in(year) * 100 / self.employees).quantize(Decimal("0.1"))

    def by_year(self) -> list[tuple[int, Decimal, Decimal, int]]:
        return [(y, self.hours_in(y), self.ftes_in(y), self.value_in(y)) for y in self.years]


def municipal_employees(municipality_id: int) -> int:
    """The municipality's employees as registered on its units: every unit's count, and a
    sector's own count only when no unit lies under it (so nobody is counted twice)."""
    parents = Unit.objects.filter(municipality_id=municipality_id, parent__isnull=False).values(
        "parent_id"
    )
    counted = Unit.objects.filter(municipality_id=municipality_id).filter(
        Q(kind=Unit.Kind.UNIT) | ~Q(pk__in=parents)
    )
    return int(counted.aggregate(n=Sum("employee_count"))["n"] or 0)


def dugnad_figures(*, municipality_id: int, committee_id: int | None = None) -> DugnadFigures:
    """Dugnad hours, people, FTE equivalents and value by committee and year."""
    settings = community_settings_ensure(municipality_id=municipality_id)
    entries = DugnadEntry.objects.filter(municipality_id=municipality_id)
    if committee_id is not None:
        entries = entries.filter(committee_id=committee_id)
    grouped = (
        entries.values("committee_id", "committee__body__name", "year")
        .annotate(entries=Count("pk"), people=Sum("people"), hours=Sum("total_hours"))
        .order_by("year", "committee__body__name")
    )
    figures = DugnadFigures(
        hours_per_fte=settings.hours_per_fte,
        hourly_rate=settings.hourly_rate,
        employees=municipal_employees(municipality_id),
    )
    for row in grouped:
        hours = row["hours"] or ZERO
        figures.rows.append(
            DugnadRow(
                committee_id=row["committee_id"],
                committee=row["committee__body__name"],
                year=row["year"],
                entries=row["entries"],
                people=row["people"] or 0,
                hours=hours,
                ftes=figures.fte(hours),
                value=int(hours * settings.hourly_rate),
            )
        )
    return figures


@dataclass(frozen=True)
class GrantRow:
    grant_id: int
    committee_id: int
    committee: str
    year: int
    amount: int
    spent: int
    reported: bool
    approved: bool

    @property
    def balance(self) -> int:
        return self.amount - self.spent


def grant_figures(*, municipality_id: int, committee_id: int | None = None) -> list[GrantRow]:
    """Granted, spent and balance per committee and year (public figures)."""
    grants = Grant.objects.filter(municipality_id=municipality_id)
    if committee_id is not None:
        grants = grants.filter(committee_id=committee_id)
    rows = grants.order_by("-year", "committee__body__name").values_list(
        "pk",
        "committee_id",
        "committee__body__name",
        "year",
        "amount",
        "spent",
        "reported_on",
        "approved_on",
    )
    return [
        GrantRow(
            grant_id=pk,
            committee_id=cid,
            committee=name,
            year=year,
            amount=amount,
            spent=spent,
            reported=reported is not None,
            approved=approved is not None,
        )
        for pk, cid, name, year, amount, spent, reported, approved in rows
    ]
