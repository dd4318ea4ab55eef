"""The savings ledger's pages: the municipality's roll-up by sector, a sector's or unit's
page with the units under it and its measures, and the CSV export (streamed). Edits are
in ``ledger_edit``."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language

from trepart.development import privacy
from trepart.development.ledger_display import (
    ledger_charts,
    ledger_table,
    realised_share,
    rollup_caption,
)
from trepart.development.models import Realisation, SavingsMeasure
from trepart.development.selectors.ledger import (
    ExportRow,
    ledger_export_rows,
    ledger_figures,
    ledger_measures,
    report_year,
)
from trepart.platform import formatting
from trepart.platform.csv_writer import csv_streaming_response


def _year(request: HttpRequest, years: list[int]) -> int:
    asked = request.GET.get("aar", "")
    if asked.isdigit() and int(asked) in years:
        return int(asked)
    return report_year(years)


def _page(request: HttpRequest, unit_id: int | None) -> HttpResponse:
    user: Any = request.user
    if not privacy.ledger_can_see(user):
        raise PermissionDenied
    figures = ledger_figures(municipality=user.municipality, unit_id=unit_id)
    year = _year(request, figures.years)
    language = get_language() or ""
    columns, rows = ledger_table(figures, language)
    context = {
        "columns": columns,
        "caption": rollup_caption(figures),
        "rows": rows,
        "share": realised_share(figures.year_sums(year)),
        "figures": figures,
        "year": year,
        "year_sums": figures.year_sums(year),
        "year_cost": figures.added_cost(year),
        "charts": ledger_charts(figures, year, language),
        "measures": ledger_measures(user=user, unit_id=unit_id) if unit_id else None,
        "can_edit": privacy.ledger_can_edit(user),
        "snapshot_params": {"aar": str(year), **({"enhet": str(unit_id)} if unit_id else {})},
    }
    return render(request, "development/ledger.html", context)


@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    return _page(request, None)


@login_required
def ledger_unit(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk)


HEADER = ["enhet", "tiltak", "gjennomføring", "årsverk", "år", "planlagt", "realisert", "status"]


def _export_rows(rows: Iterator[ExportRow], language: str) -> Iterator[list[Any]]:
    """The file's rows, written while the server sends them: in the request's language,
    which is set again here, as the rows are read after the view has returned."""
    with translation.override(language):
        realisations = {kind: str(label) for kind, label in Realisation.choices}
        statuses = {kind: str(label) for kind, label in SavingsMeasure.Status.choices}
        # A ledger has few distinct FTE effects: each is formatted once.
        ftes: dict[Decimal, str] = {}
        yield HEADER
        for code, title, realisation, fte, year, planned, realised, status in rows:
            if fte not in ftes:
                ftes[fte] = formatting.number(fte, 2, grouping=False)
            yield [
                code,
                title,
                realisations.get(realisation, realisation),
                ftes[fte],
                year,
                planned,
                realised,
                statuses.get(status, status),
            ]


@login_required
def ledger_export(request: HttpRequest) -> StreamingHttpResponse:
    """The ledger (of ``?enhet=``'s subtree) as the import reads it: one row per year,
    streamed while the rows are read."""
    user: Any = request.user
    if not privacy.ledger_can_see(user):
        raise PermissionDenied
    unit = request.GET.get("enhet", "")
    unit_id = int(unit) if unit.isdigit() else None
    rows = ledger_export_rows(user=user, unit_id=unit_id)  # 404 for a unit not theirs
    language = get_language() or settings.LANGUAGE_CODE
    return csv_streaming_response(_export_rows(rows, language), file_name="trepart-innsparing.csv")
