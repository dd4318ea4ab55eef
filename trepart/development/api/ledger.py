"""The savings ledger in the API: the roll-up (``GET /development/ledger``) and the
measures (``GET /development/ledger/measures``), for the municipality's signed-in people,
as the pages show them (``privacy.ledger_can_see``)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from trepart.development import privacy
from trepart.development.api.schemas.ledger import (
    LedgerOut,
    LedgerQuery,
    MeasurePage,
    MeasureQuery,
)
from trepart.development.models import Realisation, SavingsMeasure
from trepart.development.selectors.ledger import (
    Sums,
    Years,
    ledger_figures,
    ledger_measures,
)
from trepart.organisation.schemas import Error
from trepart.organisation.tree import UnitNode
from trepart.platform import formatting
from trepart.platform.api import caller

router = Router(tags=["development"])


def _reader(request: HttpRequest) -> Any:
    user = caller(request)
    if not privacy.ledger_can_see(user):
        raise HttpError(403, _("You may not read the savings ledger."))
    return user


def _unit(node: UnitNode | None) -> dict[str, Any] | None:
    return None if node is None else {"id": node.pk, "code": node.code, "name": node.name}


def _sums(sums: Sums) -> dict[str, Any]:
    return {"planned": sums.planned, "realised": sums.realised if sums.reported else None}


def _years(years: Years) -> list[dict[str, Any]]:
    return [{"year": year, **_sums(years[year])} for year in sorted(years)]


@router.get(
    "/development/ledger",
    response={200: LedgerOut, 401: Error, 403: Error, 404: Error},
    operation_id="development_ledger_get",
    summary="The savings ledger rolled up through the unit tree",
)
def ledger_get(request: HttpRequest, filters: Query[LedgerQuery]) -> dict[str, Any]:
    """Planned and realised savings per year for the municipality or a unit's subtree, by
    realisation kind, and for each unit under it."""
    user = _reader(request)
    try:
        figures = ledger_figures(municipality=user.municipality, unit_id=filters.unit)
    except Http404:
        raise HttpError(404, _("No such unit.")) from None
    return {
        "unit": _unit(figures.unit),
        "name": figures.name,
        "measures": figures.measure_count,
        "years": _years(figures.by_year),
        "total": _sums(figures.total),
        "fte_effect": formatting.rounded_float(figures.fte_total, 2) or 0.0,
        "by_realisation": [
            {"realisation": kind, "years": _years(figures.by_realisation.get(kind, {}))}
            for kind in Realisation.values
        ],
        "units": [
            {
                "unit": _unit(row.unit),
                "depth": row.depth,
                "years": _years(row.years),
                "total": _sums(row.total),
            }
            for row in figures.rows
        ],
    }


def _measure(measure: SavingsMeasure) -> dict[str, Any]:
    return {
        "id": measure.pk,
        "unit": {"id": measure.unit.pk, "code": measure.unit.code, "name": measure.unit.name},
        "title": measure.title,
        "description": measure.description,
        "realisation": measure.realisation,
        "status": measure.status,
        "fte_effect": float(measure.fte_effect),
        "project_id": measure.project_id,
        "version": measure.version,
        "years": [
            {"year": row.year, "planned": row.planned, "realised": row.realised}
            for row in measure.years.all()
        ],
    }


@router.get(
    "/development/ledger/measures",
    response={200: MeasurePage, 401: Error, 403: Error, 404: Error},
    operation_id="development_ledger_measures",
    summary="The savings ledger's measures",
)
def ledger_measure_list(request: HttpRequest, filters: Query[MeasureQuery]) -> dict[str, Any]:
    """The measures of the municipality (or of a unit's subtree), each with its years."""
    user = _reader(request)
    if filters.unit is not None:
        try:
            ledger_figures(municipality=user.municipality, unit_id=filters.unit)
        except Http404:
            raise HttpError(404, _("No such unit.")) from None
    measures = ledger_measures(user=user, unit_id=filters.unit)
    page = measures[filters.offset : filters.offset + filters.limit]
    return {"count": measures.count(), "items": [_measure(measure) for measure in page]}
