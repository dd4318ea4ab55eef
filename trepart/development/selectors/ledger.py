"""Reading the savings ledger: each unit's planned and realised kroner per year, rolled up
through the unit tree to its sector and the municipality, and the measures behind them.

The figures come from two queries and one walk of the tree (``organisation.unit_tree``),
and are kept with ``audit.cache.cached_figure``: every write to the ledger is audited, so a
change to any measure moves the key.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Min, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.audit.cache import cached_figure
from trepart.development.models import Realisation, SavingsMeasure, SavingsYear
from trepart.organisation.models import Municipality
from trepart.organisation.selectors import unit_tree
from trepart.organisation.tree import UnitNode, UnitTree


@dataclass(frozen=True)
class Sums:
    """Planned and realised NOK; ``reported``: some realised figure has been entered."""

    planned: int = 0
    realised: int = 0
    reported: bool = False

    def __add__(self, other: Sums) -> Sums:
        return Sums(
            self.planned + other.planned,
            self.realised + other.realised,
            self.reported or other.reported,
        )

    @property
    def shortfall(self) -> int:
        return self.planned - self.realised


Years = dict[int, Sums]


def _add_years(a: Years, b: Years) -> Years:
    merged = dict(a)
    for year, sums in b.items():
        merged[year] = merged.get(year, Sums()) + sums
    return merged


def _total(years: Years) -> Sums:
    total = Sums()
    for sums in years.values():
        total = total + sums
    return total


@dataclass(frozen=True)
class LedgerRow:
    """One unit of the roll-up: its whole subtree's figures per year."""

    unit: UnitNode
    depth: int
    years: Years
    total: Sums


@dataclass
class LedgerFigures:
    municipality_id: int
    name: str
    unit: UnitNode | None
    ancestors: list[UnitNode]
    years: list[int]
    by_year: Years
    total: Sums
    # The units under the page's own (the sectors and units for the municipality) that have
    # measures, in tree order: each with its subtree's figures.
    rows: list[LedgerRow]
    # Realisation kind → year → sums (the waterfall).
    by_realisation: dict[str, Years]
    # (first planned year, realisation kind) → FTE effect of the measures.
    ftes: dict[tuple[int, str], Decimal] = field(default_factory=dict)
    measure_count: int = 0

    @property
    def has_data(self) -> bool:
        return self.measure_count > 0

    def year_sums(self, year: int) -> Sums:
        return self.by_year.get(year, Sums())

    @property
    def fte_total(self) -> Decimal:
        return sum(self.ftes.values(), Decimal(0))


def report_year(years: list[int], today: datetime.date | None = None) -> int:
    """The year the page shows by default: this year if the ledger has it, else the latest
    year before it, else the first year."""
    this_year = (today or timezone.localdate()).year
    if not years or this_year in years:
        return this_year
    earlier = [year for year in years if year < this_year]
    return max(earlier) if earlier else min(years)


def _compute(municipality_id: int, name: str, unit_id: int | None) -> LedgerFigures:
    tree: UnitTree = unit_tree(municipality_id=municipality_id)
    if unit_id is not None and unit_id not in tree:
        raise Http404(_("No such unit."))
    members = set(tree.subtree(unit_id))
    own: dict[int, Years] = defaultdict(dict)
    by_realisation: dict[str, Years] = defaultdict(dict)
    rows = SavingsYear.objects.filter(measure__municipality_id=municipality_id).values_list(
        "measure__unit_id", "measure__realisation", "year", "planned", "realised"
    )
    for unit, kind, year, planned, realised in rows.iterator(chunk_size=5000):
        sums = Sums(planned, realised or 0, realised is not None)
        years = own[unit]
        years[year] = years.get(year, Sums()) + sums
        if unit in members:
            kinds = by_realisation[kind]
            kinds[year] = kinds.get(year, Sums()) + sums
    ftes: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    count = 0
    measures = (
        SavingsMeasure.objects.filter(municipality_id=municipality_id)
        .annotate(first_year=Min("years__year"))
        .values_list("unit_id", "realisation", "fte_effect", "first_year")
    )
    for unit, kind, fte, first_year in measures.iterator(chunk_size=5000):
        if unit not in members:
            continue
        count += 1
        if first_year is not None and fte:
            ftes[(first_year, kind)] += fte
    rolled = tree.rollup(own, zero={}, add=_add_years)
    top_depth = tree.depth(unit_id) + 1 if unit_id is not None else 0
    page_rows = [
        LedgerRow(tree.unit(pk), tree.depth(pk) - top_depth, rolled[pk], _total(rolled[pk]))
        for pk in tree.subtree(unit_id)
        if pk != unit_id and rolled.get(pk)
    ]
    if unit_id is None:
        whole: Years = {}
        for pk in tree.roots:
            whole = _add_years(whole, rolled.get(pk, {}))
    else:
        whole = rolled.get(unit_id, {})
    node = tree.unit(unit_id) if unit_id is not None else None
    return LedgerFigures(
        municipality_id=municipality_id,
        name=node.name if node else name,
        unit=node,
        ancestors=tree.nodes(tree.ancestors(unit_id)) if unit_id is not None else [],
        years=sorted(whole),
        by_year=whole,
        total=_total(whole),
        rows=page_rows,
        by_realisation={kind: by_realisation[kind] for kind in Realisation.values},
        ftes=dict(ftes),
        measure_count=count,
    )


def ledger_figures(*, municipality: Municipality, unit_id: int | None = None) -> LedgerFigures:
    """The ledger of the municipality, or of one unit's subtree (404 for a unit not in the
    municipality), kept until the municipality's data change."""
    return cached_figure(
        topic="ledger",
        key=f"figures:{unit_id}",
        municipality_id=municipality.pk,
        compute=lambda: _compute(municipality.pk, municipality.name, unit_id),
    )


def ledger_measures(*, user: Any, unit_id: int | None = None) -> QuerySet[SavingsMeasure]:
    """The measures of the user's municipality (of one unit's subtree), with their years."""
    measures = (
        SavingsMeasure.objects.for_user(user)
        .select_related("unit", "project")
        .prefetch_related(Prefetch("years", queryset=SavingsYear.objects.order_by("year")))
        .order_by("unit__name", "title", "pk")
    )
    if unit_id is not None:
        tree = unit_tree(municipality_id=user.municipality_id)
        measures = measures.filter(unit_id__in=tree.subtree_ids([unit_id]))
    return measures


def measure_get(*, user: Any, pk: int) -> SavingsMeasure:
    """One of the user's municipality's measures (404 for any other)."""
    found = ledger_measures(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404(_("No such measure."))
    return found
