"""Sick-leave pages: the dashboard, the import, the example file and presence targets."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from trepart.analysis import absence_display as display
from trepart.analysis.forms.absence import (
    AbsenceFilterForm,
    AbsenceImportForm,
    PresenceTargetForm,
)
from trepart.analysis.imports.absence import COLUMNS, EXAMPLE
from trepart.analysis.models import PresenceTarget
from trepart.analysis.permissions import can_manage, can_read
from trepart.analysis.selectors import absence as selectors
from trepart.analysis.services.absence import (
    absence_import,
    absence_import_summary,
    presence_target_set,
)
from trepart.analysis.views._imports import example_csv, import_page
from trepart.organisation.models import Unit


@login_required
def absence_dashboard(request: HttpRequest) -> HttpResponse:
    if not can_read(request.user):
        raise PermissionDenied
    user: Any = request.user
    form = AbsenceFilterForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {}
    figures = selectors.absence_figures(
        municipality=user.municipality,
        unit_id=values.get("enhet"),
        start=values.get("fra"),
        end=values.get("til"),
    )
    if not form.is_bound or not form.is_valid():
        form = AbsenceFilterForm(
            request.GET or None,
            initial={"fra": f"{figures.start:%Y-%m}", "til": f"{figures.end:%Y-%m}"},
        )
    context = {
        "form": form,
        "figures": figures,
        "charts": display.dashboard_charts(figures),
        "unit_choices": selectors.unit_choices(user.municipality_id),
        "snapshot_params": dict(parse_qsl(display.dashboard_query(figures))),
        "range": f"fra={figures.start:%Y-%m}&til={figures.end:%Y-%m}",
        "can_manage": can_manage(user),
    }
    return render(request, "analysis/absence/dashboard.html", context)


@login_required
def absence_import_page(request: HttpRequest) -> HttpResponse:
    return import_page(
        request,
        form_class=AbsenceImportForm,
        run=absence_import,
        summary=absence_import_summary,
        template="analysis/absence/import.html",
        done_url="analysis:absence-import",
        context={"columns": COLUMNS},
    )


@login_required
def absence_example(request: HttpRequest) -> HttpResponse:
    return example_csv(request, text=EXAMPLE, file_name="trepart-sykefravaer.csv")


@login_required
def presence_targets(request: HttpRequest) -> HttpResponse:
    if not can_manage(request.user):
        raise PermissionDenied
    user: Any = request.user
    units = list(Unit.objects.for_user(user).order_by("name", "pk").values_list("pk", "name"))
    if request.method == "POST":
        form = PresenceTargetForm(request.POST, units=units)
        if form.is_valid():
            data = form.cleaned_data
            unit = Unit.objects.for_user(user).get(pk=data["unit"])
            try:
                presence_target_set(
                    actor=user,
                    unit=unit,
                    year=data["year"],
                    percent=data["percent"],
                    expected_version=data["version"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The presence target was saved."))
                return redirect(f"{reverse('analysis:absence-targets')}?aar={data['year']}")
    else:
        initial: dict[str, Any] = {}
        year = request.GET.get("aar", "")
        if request.GET.get("enhet", "").isdigit() and year.isdigit():
            current = (
                PresenceTarget.objects.for_user(user)
                .filter(
                    unit_id=int(request.GET["enhet"]),
                    year=int(year),
                )
                .first()
            )
            initial = {"unit": int(request.GET["enhet"]), "year": int(year)}
            if current:
                initial.update(percent=current.percent, version=current.version)
        elif year.isdigit():
            initial = {"year": int(year)}
        form = PresenceTargetForm(initial=initial, units=units)
    targets = (
        PresenceTarget.objects.for_user(user)
        .select_related("unit")
        .order_by("-year", "unit__name")[:500]
    )
    return render(request, "analysis/absence/targets.html", {"form": form, "targets": targets})
