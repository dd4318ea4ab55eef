"""The savings ledger's pages: the municipality's roll-up (sectors → units), a unit's page
with its measures, and the CSV export. Edits are in ``ledger_edit``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from trepart.development import privacy
from trepart.development.ledger_display import ledger_charts, ledger_table, realised_share
from trepart.development.selectors.ledger import (
    ledger_figures,
    ledger_measures,
    report_year,
)
from trepart.platform import formatting
from trepart.platform.csv_writer import csv_response


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
        "rows": rows,
        "share": realised_share(figures.year_sums(year)),
        "figures": figures,
        "year": year,
        "year_sums": figures.year_sums(year),
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


@login_required
def ledger_export(request: HttpRequest) -> HttpResponse:
    """The ledger (of ``?enhet=``'s subtree) as the import reads it: one row per year."""
    user: Any = request.user
    if not privacy.ledger_can_see(user):
        raise PermissionDenied
    unit = request.GET.get("enhet", "")
    unit_id = int(unit) if unit.isdigit() else None
    if unit_id is not None:
        ledger_figures(municipality=user.municipality, unit_id=unit_id)  # 404 if not theirs
    rows: list[list[Any]] = [
        ["enhet", "tiltak", "gjennomføring", "årsverk", "år", "planlagt", "realisert", "status"]
    ]
    for measure in ledger_measures(user=user, unit_id=unit_id):
        for year in measure.years.all():
            rows.append(
                [
                    measure.unit.code,
                    measure.title,
                    measure.get_realisation_display(),
                    formatting.number(measure.fte_effect, 2, grouping=False),
                    year.year,
                    year.planned,
                    year.realised,
                    measure.get_status_display(),
                ]
            )
    return csv_response(rows, file_name="trepart-innsparing.csv")
