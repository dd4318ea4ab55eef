"""Sick leave in the API: ``GET /api/v1/absence`` gives what the dashboard shows, no more."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from trepart.analysis.absence import months_between, parse_month
from trepart.analysis.api.schemas.absence import AbsenceOut, AbsenceQuery
from trepart.analysis.permissions import can_read
from trepart.analysis.selectors.absence import (
    MAX_MONTHS,
    AbsenceFigures,
    Shares,
    absence_figures,
)
from trepart.organisation.schemas import Error
from trepart.organisation.tree import UnitNode
from trepart.platform import formatting
from trepart.platform.api import caller

router = Router(tags=["analysis"])


def _month(value: str | None, name: str) -> Any:
    if value is None or value == "":
        return None
    day = parse_month(value)
    if day is None:
        raise HttpError(
            400, _("“%(name)s” must be a month as YYYY-MM, like 2026-03.") % {"name": name}
        )
    return day


def _shares(shares: Shares) -> dict[str, float | None]:
    return {
        "percent": _round(shares.percent),
        "certified": _round(shares.certified),
        "self_certified": _round(shares.self_certified),
    }


def _round(value: float | None) -> float | None:
    """The figure the pages show (one decimal, rounded once), as a number."""
    return formatting.rounded_float(value)


def _unit(ref: UnitNode | None) -> dict[str, Any] | None:
    return None if ref is None else {"id": ref.pk, "code": ref.code, "name": ref.name}


def absence_json(figures: AbsenceFigures) -> dict[str, Any]:
    return {
        "unit": _unit(figures.unit),
        "from": f"{figures.start:%Y-%m}",
        "to": f"{figures.end:%Y-%m}",
        "threshold": figures.threshold,
        "has_data": figures.has_data,
        "hidden": figures.hidden,
        "rolling": figures.rolling,
        "last_12_months": _shares(figures.last),
        "year_before": _shares(figures.before),
        "change": _round(figures.change),
        "target": figures.target,
        "gap": _round(figures.gap),
        "periods": [
            {"period": point.period.label, "months": point.period.months, **_shares(point.shares)}
            for point in figures.points
        ],
        "children": [
            {
                "unit": _unit(row.unit),
                "hidden": row.hidden,
                "last_12_months": _shares(row.last),
                "year_before": _shares(row.before),
                "change": _round(row.change),
                "target": row.target,
                "gap": _round(row.gap),
            }
            for row in figures.children
        ],
    }


@router.get(
    "/absence",
    response={200: AbsenceOut, 400: Error, 401: Error, 403: Error, 404: Error},
    operation_id="absence_get",
    summary="Sick leave for a unit and a span of months",
    by_alias=True,
)
def absence_get(request: HttpRequest, filters: Query[AbsenceQuery]) -> dict[str, Any]:
    """Sick-leave percentages (SSB) per period and for the unit's children, with the
    dashboard's suppression: groups under the municipality's threshold (at least 5
    employees), and groups that could be derived from the others, have null figures."""
    user = caller(request)
    if not can_read(user):
        raise HttpError(403, _("You may not read sick-leave figures."))
    start = _month(filters.from_, "from")
    end = _month(filters.to, "to")
    if start and end:
        if start > end:
            raise HttpError(400, _("“from” must not be after “to”."))
        if months_between(start, end) > MAX_MONTHS:
            raise HttpError(400, _("Ask for at most %(max)s months.") % {"max": MAX_MONTHS})
    try:
        figures = absence_figures(
            municipality=user.municipality, unit_id=filters.unit, start=start, end=end
        )
    except Http404:
        raise HttpError(404, _("No such unit.")) from None
    return absence_json(figures)
