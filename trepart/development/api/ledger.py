"""The savings ledger in the API: the roll-up (``GET /development/ledger``) and the
measures (``GET /development/ledger/measures``) for the municipality's signed-in people, as
the pages show them (``privacy.ledger_can_see``); adding and changing a measure (``POST``,
``PUT``) for those who may edit the ledger (``privacy.ledger_can_edit``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja import Status as Reply
from ninja.errors import HttpError

from trepart.audit.writes import ConcurrentEditError
from trepart.development import privacy
from trepart.development.api.schemas.ledger import (
    LedgerOut,
    LedgerQuery,
    MeasureEditIn,
    MeasureIn,
    MeasureOut,
    MeasurePage,
    MeasureQuery,
    Problem,
)
from trepart.development.models import Realisation, SavingsMeasure
from trepart.development.selectors.ledger import (
    Sums,
    Years,
    ledger_figures,
    ledger_measures,
)
from trepart.development.services.ledger import YearFigures, measure_create, measure_edit
from trepart.organisation.models import Unit
from trepart.organisation.schemas import Error
from trepart.organisation.tree import UnitNode
from trepart.platform import formatting
from trepart.platform.api import Id, caller, one_or_404, problem

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
    realisation kind, and for each sector (the municipality) or each unit under the unit.
    The measures themselves are paged: ``GET /development/ledger/measures``."""
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
    """The measures of the municipality (or of a unit's subtree), each with its years, a
    page at a time (``limit``, at most 500, from ``offset``); ``count`` is all of them."""
    user = _reader(request)
    try:
        measures = ledger_measures(user=user, unit_id=filters.unit)
    except Http404:
        raise HttpError(404, _("No such unit.")) from None
    page = measures[filters.offset : filters.offset + filters.limit]
    return {"count": measures.count(), "items": [_measure(measure) for measure in page]}


def _editor(request: HttpRequest) -> Any:
    user = _reader(request)
    if not privacy.ledger_can_edit(user):
        raise HttpError(403, _("You may not change the savings ledger."))
    return user


def _fields(user: Any, payload: MeasureIn) -> dict[str, Any]:
    return {
        "unit": Unit.objects.for_user(user).filter(pk=payload.unit_id).first(),
        "title": payload.title,
        "description": payload.description,
        "realisation": payload.realisation,
        "fte_effect": payload.fte_effect,
        "status": payload.status,
        "years": [YearFigures(row.year, row.planned, row.realised) for row in payload.years],
    }


def _one(user: Any, pk: int) -> dict[str, Any]:
    return _measure(one_or_404(ledger_measures(user=user), pk))


@router.post(
    "/development/ledger/measures",
    response={201: MeasureOut, 400: Problem, 401: Error, 403: Error},
    operation_id="development_ledger_measure_create",
    summary="Add a measure to the savings ledger",
)
def ledger_measure_create(request: HttpRequest, payload: MeasureIn) -> Reply[Any]:
    """A measure with its planned (and realised) saving per year, all saved or nothing."""
    user = _editor(request)
    try:
        measure = measure_create(actor=user, **_fields(user, payload))
    except ValidationError as error:
        return Reply(400, problem(error, renamed={"unit": "unit_id"}))
    return Reply(201, _one(user, measure.pk))


@router.put(
    "/development/ledger/measures/{measure_id}",
    response={200: MeasureOut, 400: Problem, 401: Error, 403: Error, 404: Error, 409: Error},
    operation_id="development_ledger_measure_edit",
    summary="Change a measure of the savings ledger",
)
def ledger_measure_edit(request: HttpRequest, measure_id: Id, payload: MeasureEditIn) -> Reply[Any]:
    """The measure and its years as sent, if nobody changed it since ``version`` (else 409);
    a year left out is removed."""
    user = _editor(request)
    measure = one_or_404(ledger_measures(user=user), measure_id)
    try:
        measure_edit(actor=user, measure=measure, version=payload.version, **_fields(user, payload))
    except ConcurrentEditError as error:
        return Reply(409, {"detail": " ".join(error.messages)})
    except ValidationError as error:
        return Reply(400, problem(error, renamed={"unit": "unit_id"}))
    return Reply(200, _one(user, measure_id))
