"""Editing the savings ledger: a measure by hand (new, or changed with its version) and the
CSV import with its example file."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trepart.development import privacy
from trepart.development.forms.ledger import (
    LedgerImportForm,
    MeasureForm,
    YearFormSet,
    year_figures,
)
from trepart.development.imports.ledger import EXAMPLE, LEDGER_COLUMNS
from trepart.development.models import SavingsMeasure
from trepart.development.selectors.ledger import measure_get
from trepart.development.services.ledger import measure_create, measure_delete, measure_edit
from trepart.development.services.ledger_import import LedgerImportResult, ledger_import
from trepart.platform.csv_writer import csv_example_response

ERRORS_SHOWN = 200


def _editor(request: HttpRequest) -> Any:
    if not privacy.ledger_can_edit(request.user):
        raise PermissionDenied
    return request.user


def _initial(measure: SavingsMeasure | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    if measure is None:
        return {}, []
    fields = {
        "unit": measure.unit_id,
        "title": measure.title,
        "description": measure.description,
        "realisation": measure.realisation,
        "fte_effect": measure.fte_effect,
        "status": measure.status,
        "version": measure.version,
    }
    years = [
        {"year": row.year, "planned": row.planned, "realised": row.realised}
        for row in measure.years.all()
    ]
    return fields, years


def _save(request: HttpRequest, measure: SavingsMeasure | None) -> HttpResponse:
    user = _editor(request)
    initial, years = _initial(measure)
    form = MeasureForm(request.POST or None, user=user, initial=initial)
    formset = YearFormSet(request.POST or None, initial=years, prefix="years")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in ("unit", "title", "description", "realisation")}
        fields.update(fte_effect=data["fte_effect"], status=data["status"])
        try:
            if measure is None:
                saved = measure_create(actor=user, years=year_figures(formset), **fields)
            else:
                saved = measure_edit(
                    actor=user,
                    measure=measure,
                    version=data["version"] or 0,
                    years=year_figures(formset),
                    **fields,
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The measure “%(title)s” is saved.") % {"title": saved})
            return redirect(reverse("development:ledger_unit", args=[saved.unit_id]))
    context = {"form": form, "formset": formset, "measure": measure}
    return render(request, "development/ledger_measure_form.html", context)


@login_required
def measure_new(request: HttpRequest) -> HttpResponse:
    return _save(request, None)


@login_required
def measure_change(request: HttpRequest, pk: int) -> HttpResponse:
    _editor(request)
    return _save(request, measure_get(user=request.user, pk=pk))


@login_required
def measure_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """POST only: the measure is removed (from its edit page's form, with its version)."""
    user = _editor(request)
    measure = measure_get(user=user, pk=pk)
    if request.method != "POST":
        return redirect("development:ledger_measure_edit", pk=pk)
    version = request.POST.get("version", "")
    try:
        measure_delete(
            actor=user, measure=measure, version=int(version) if version.isdigit() else 0
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("development:ledger_measure_edit", pk=pk)
    messages.success(request, _("The measure “%(title)s” is removed.") % {"title": measure})
    return redirect("development:ledger_unit", pk=measure.unit_id)


def _summary(result: LedgerImportResult) -> str:
    counts = {"created": result.created, "updated": result.updated, "years": result.years}
    if result.dry_run:
        return (
            _(
                "Checked only, nothing was imported. The file has no errors: importing it "
                "would add %(created)s measures, give figures to %(updated)s already in the "
                "ledger, %(years)s years in all."
            )
            % counts
        )
    return (
        _(
            "Ledger figures imported: %(created)s new measures, %(updated)s measures already "
            "in the ledger updated, %(years)s years in all."
        )
        % counts
    )


@login_required
def ledger_import_page(request: HttpRequest) -> HttpResponse:
    user = _editor(request)
    result = None
    form = LedgerImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = ledger_import(
            actor=user,
            municipality=user.municipality,
            data=upload.read(),
            file_name=upload.name or "",
            dry_run=form.cleaned_data["dry_run"],
        )
        if result.ok:
            messages.success(request, _summary(result))
            return redirect("development:ledger_import")
        count = len(result.errors)
        form.add_error(
            "file",
            ngettext(
                "The file has %(count)s error. Nothing was imported.",
                "The file has %(count)s errors. Nothing was imported.",
                count,
            )
            % {"count": count},
        )
    errors = result.errors if result else []
    context = {
        "form": form,
        "result": result,
        "columns": LEDGER_COLUMNS,
        "errors_shown": errors[:ERRORS_SHOWN],
        "errors_hidden": max(len(errors) - ERRORS_SHOWN, 0),
        "file_name": getattr(request.FILES.get("file"), "name", "") or "",
    }
    return render(request, "development/ledger_import.html", context)


@login_required
def ledger_example(request: HttpRequest) -> HttpResponse:
    _editor(request)
    return csv_example_response(EXAMPLE, file_name="trepart-innsparing-eksempel.csv")
