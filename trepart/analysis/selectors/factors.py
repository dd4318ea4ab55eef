"""Reads for 10-FAKTOR: the years and imports, every factor's figures over the unit tree,
and the shapes the page is filled in (``FactorPage``, a ``Cell`` per figure).

All figures go through ``analysis.factors.tree_figures`` (and so ``suppression``) with the
municipality's survey threshold: a unit under it, and any unit it could be worked out from,
is shown as hidden, never with its figure or its count. The page, its charts and the
snapshot are built from these in ``factors_display``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from trepart.analysis.factors import FACTOR_ORDER, FactorTree, Figure, TreeFigures
from trepart.analysis.models import Factor, FactorImport, FactorResult
from trepart.organisation.models import Municipality
from trepart.organisation.tree import UnitNode, UnitTree
from trepart.platform import charts
from trepart.platform.formatting import decimal
from trepart.platform.tree import Tree


def factor_label(code: str) -> str:
    return str(Factor(code).label)


def unit_label(node: UnitNode) -> str:
    """The name, indented by its depth in the tree (for lists and tables)."""
    return ("– " * node.depth) + node.name


def factor_years(municipality_id: int) -> list[int]:
    return sorted(
        FactorResult.objects.filter(municipality_id=municipality_id)
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )


def factor_imports(municipality_id: int, limit: int = 10) -> list[FactorImport]:
    return list(
        FactorImport.objects.filter(municipality_id=municipality_id).select_related("imported_by")[
            :limit
        ]
    )


def year_figures(
    *, municipality_id: int, years: list[int], tree: Tree[int], threshold: int
) -> dict[tuple[int, str], TreeFigures[int]]:
    """Every factor's figures over the tree, for each of ``years``: one query."""
    own: dict[tuple[int, str], dict[int, tuple[float, int]]] = {}
    for unit_id, year, factor, average, respondents in (
        FactorResult.objects.filter(municipality_id=municipality_id, year__in=years)
        .order_by()
        .values_list("unit_id", "year", "factor", "average", "respondents")
    ):
        own.setdefault((year, factor), {})[unit_id] = (average, respondents)
    figure_tree = FactorTree(tree, threshold=threshold)
    return {
        (year, factor): figure_tree.figures(own.get((year, factor), {}))
        for year in years
        for factor in FACTOR_ORDER
    }


@dataclass(frozen=True)
class Cell:
    """A figure as the page may show it: ``figure`` is None when hidden or missing."""

    figure: Figure | None
    hidden: bool = False
    arrow: str = ""

    @property
    def text(self) -> str:
        if self.hidden:
            return _("hidden")
        if self.figure is None:
            return "—"
        return f"{decimal(self.figure.average)} {self.arrow}".strip()


@dataclass
class FactorPage:
    municipality: Municipality
    threshold: int
    years: list[int]
    year: int | None
    unit: UnitNode | None  # None: the whole municipality
    factor: str
    tree: UnitTree
    profile: charts.Chart | None = None
    profile_hidden: bool = False
    trend: charts.Table | None = None
    trend_chart: charts.Chart | None = None  # the chosen factor over the years
    unit_table: charts.Table | None = None
    unit_table_near: charts.Table | None = None  # the part a snapshot keeps
    notes: list[str] = field(default_factory=list)

    @property
    def units(self) -> list[UnitNode]:
        """Every unit in tree order."""
        return self.tree.nodes(self.tree.ordered)

    @property
    def unit_options(self) -> list[tuple[int, str]]:
        return [(node.pk, unit_label(node)) for node in self.units]

    @property
    def place(self) -> str:
        return self.unit.name if self.unit else self.municipality.name

    @property
    def params(self) -> dict[str, str]:
        params = {"year": str(self.year or ""), "factor": self.factor}
        if self.unit:
            params["unit"] = str(self.unit.pk)
        return params

    @property
    def url(self) -> str:
        return f"{reverse('analysis:factors')}?{urlencode(self.params)}"


def _cell(figures: TreeFigures[int] | None, unit_id: int | None) -> Cell:
    if figures is None:
        return Cell(None)
    if unit_id is None:
        return Cell(figures.whole, hidden=False)
    if unit_id in figures.hidden:
        return Cell(None, hidden=True)
    return Cell(figures.nodes.get(unit_id))
