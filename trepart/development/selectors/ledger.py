"""Reading the savings ledger: each unit's planned and realised kroner per year, rolled up
through the unit tree to its sector and the municipality, and the measures behind them.

The figures come from the unit tree (``organisation.unit_tree``, one query) and two grouped
queries: the years by sector (the municipality's page) or by unit within the unit's subtree
(a unit's page), kind and year; the measures by kind and first year. Never a query per unit.
They are kept with ``audit.cache.cached_figure``: every write to the ledger is audited, so a
change to any measure moves the key.

Every sum is net: a measure of added cost holds negative amounts (``models.ledger``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
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
    # The rows the page lists, each with its subtree's figures, in tree order: for the
    # municipality its sectors; for a unit the units under it. Only those with measures.
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
        """The year's net figures: savings less the added cost."""
        return self.by_year.get(year, Sums())

    def added_cost(self, year: int) -> Sums:
        """The year's added cost (negative amounts), already taken off ``year_sums``."""
        return self.by_realisation.get(Realisation.ADDED_COST, {}).get(year, Sums())

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


def _subtree(tree: UnitTree, unit_id: int | None) -> list[int]:
    """``unit_id`` and the units under it in tree order (404 for a unit not in the tree)."""
    if unit_id is not None and unit_id not in tree:
        raise Http404(_("No such unit."))
    return tree.subtree(unit_id)


# The municipality's roll-up is grouped in the database by each unit's parent (a sector's
# own measures by the sector): a row per parent, kind and year, not per unit. The tree then
# takes each parent to its sector.
BY_PARENT = Coalesce(F("measure__unit__parent_id"), F("measure__unit_id"))
BY_UNIT = F("measure__unit_id")


def _grouped_years(
    municipality_id: int, node: Coalesce | F, members: list[int] | None
) -> Iterator[tuple[int, str, int, int | None, int | None, int]]:
    """One grouped query: (node, realisation kind, year, planned, realised, realised rows),
    ``node`` a unit's parent (``BY_PARENT``) or the unit (``BY_UNIT``, within ``members``)."""
    rows = SavingsYear.objects.filter(measure__municipality_id=municipality_id)
    if members is not None:
        rows = rows.filter(measure__unit_id__in=members)
    grouped = (
        rows.annotate(node=node)
        .values_list("node", "measure__realisation", "year")
        .annotate(planned_sum=Sum("planned"), realised_sum=Sum("realised"), n=Count("realised"))
        .order_by()
    )
    return iter(grouped)


def _grouped_measures(
    municipality_id: int, members: list[int] | None
) -> Iterator[tuple[str, int | None, int, Decimal | None]]:
    """One grouped query: (realisation kind, first planned year, measures, FTE effect)."""
    measures = SavingsMeasure.objects.filter(municipality_id=municipality_id)
    if members is not None:
        measures = measures.filter(unit_id__in=members)
    first_year = (
        SavingsYear.objects.filter(measure=OuterRef("pk")).order_by("year").values("year")[:1]
    )
    grouped = (
        measures.annotate(first_year=Subquery(first_year))
        .values_list("realisation", "first_year")
        .annotate(n=Count("pk"), fte=Sum("fte_effect"))
        .order_by()
    )
    return iter(grouped)


def _rows(
    tree: UnitTree, municipality_id: int, members: list[int] | None
) -> list[tuple[int, str, int, int | None, int | None, int]]:
    """The grouped years by sector (``members`` None) or by unit of ``members``."""
    if members is not None:
        return list(_grouped_years(municipality_id, BY_UNIT, members))
    rows = list(_grouped_years(municipality_id, BY_PARENT, None))
    if any(node not in tree for node, *_rest in rows):
        # A unit whose parent is not in the tree (so it is a root itself), or a loop, which
        # the services refuse: read by unit instead, so no unit's figures are misplaced.
        rows = list(_grouped_years(municipality_id, BY_UNIT, None))
    return [
        (tree.sector(node), kind, year, planned, realised, reported)
        for node, kind, year, planned, realised, reported in rows
        if node in tree
    ]


def _rollup(tree: UnitTree, members: list[int], own: dict[int, Years]) -> dict[int, Years]:
    """Each member's figures over its part of the subtree (``members`` in tree order)."""
    rolled = {pk: dict(own.get(pk, {})) for pk in members}
    for pk in reversed(members[1:]):
        parent = tree.parent(pk)
        if parent in rolled and rolled[pk]:
            rolled[parent] = _add_years(rolled[parent], rolled[pk])
    return rolled


def _compute(municipality_id: int, name: str, unit_id: int | None) -> LedgerFigures:
    """The figures from the tree and two grouped queries: for the municipality grouped by
    parent and summed by sector, for a unit by unit within its subtree and summed up it in
    Python. No query per unit, and no row per unit read for the municipality."""
    tree: UnitTree = unit_tree(municipality_id=municipality_id)
    members = _subtree(tree, unit_id) if unit_id is not None else None
    own: dict[int, Years] = defaultdict(dict)
    by_realisation: dict[str, Years] = defaultdict(dict)
    for pk, kind, year, planned, realised, reported in _rows(tree, municipality_id, members):
        sums = Sums(int(planned or 0), int(realised or 0), reported > 0)
        years = own[pk]
        years[year] = years.get(year, Sums()) + sums
        kinds = by_realisation[kind]
        kinds[year] = kinds.get(year, Sums()) + sums
    ftes: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    count = 0
    for kind, first, number, fte in _grouped_measures(municipality_id, members):
        count += number
        if first is not None and fte:
            ftes[(first, kind)] += fte
    if members is None:
        # The municipality's page lists its sectors; each sector's page lists its units.
        rolled = own
        shown = tree.roots
        top_depth = 0
        whole: Years = {}
        for pk in tree.roots:
            whole = _add_years(whole, own.get(pk, {}))
    else:
        rolled = _rollup(tree, members, own)
        shown = members[1:]
        top_depth = tree.depth(members[0]) + 1
        whole = rolled[members[0]]
    page_rows = [
        LedgerRow(tree.unit(pk), tree.depth(pk) - top_depth, rolled[pk], _total(rolled[pk]))
        for pk in shown
        if rolled.get(pk)
    ]
    unit = tree.unit(unit_id) if unit_id is not None else None
    return LedgerFigures(
        municipality_id=municipality_id,
        name=unit.name if unit else name,
        unit=unit,
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


def ledger_subtree(*, municipality_id: int, unit_id: int) -> list[int]:
    """``unit_id`` and the units under it (404 for a unit of another municipality)."""
    return _subtree(unit_tree(municipality_id=municipality_id), unit_id)


def ledger_measures(*, user: Any, unit_id: int | None = None) -> QuerySet[SavingsMeasure]:
    """The measures of the user's municipality (of one unit's subtree: 404 for a unit not
    theirs), with their years."""
    measures = (
        SavingsMeasure.objects.for_user(user)
        .select_related("unit", "project")
        .prefetch_related(Prefetch("years", queryset=SavingsYear.objects.order_by("year")))
        .order_by("unit__name", "title", "pk")
    )
    if unit_id is not None:
        members = ledger_subtree(municipality_id=user.municipality_id, unit_id=unit_id)
        measures = measures.filter(unit_id__in=members)
    return measures


ExportRow = tuple[str, str, str, Decimal, int, int, int | None, str]


def ledger_export_rows(*, user: Any, unit_id: int | None = None) -> Iterator[ExportRow]:
    """Every year of every measure (of one unit's subtree), as the import reads them: unit
    code, title, realisation kind, FTE effect, year, planned, realised, status. One query,
    read in chunks while the rows are written, so a large ledger streams in flat memory."""
    rows = SavingsYear.objects.for_user(user)
    if unit_id is not None:
        members = ledger_subtree(municipality_id=user.municipality_id, unit_id=unit_id)
        rows = rows.filter(measure__unit_id__in=members)
    return (
        rows.values_list(
            "measure__unit__code",
            "measure__title",
            "measure__realisation",
            "measure__fte_effect",
            "year",
            "planned",
            "realised",
            "measure__status",
        )
        .order_by("measure__unit__name", "measure__title", "measure_id", "year")
        .iterator(chunk_size=2000)
    )


def measure_get(*, user: Any, pk: int) -> SavingsMeasure:
    """One of the user's municipality's measures (404 for any other)."""
    found = ledger_measures(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404(_("No such measure."))
    return found
