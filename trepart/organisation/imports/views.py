"""The import page: upload a CSV file of units or people, see every problem or the counts."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from trepart.organisation.imports.examples import EXAMPLES
from trepart.organisation.imports.forms import KINDS, ImportForm
from trepart.organisation.imports.report import errors_summary, result_summary
from trepart.organisation.imports.services import IMPORTERS, UNITS
from trepart.organisation.imports.validation import PERSON_COLUMNS, UNIT_COLUMNS
from trepart.organisation.permissions import can_import
from trepart.platform.csv_writer import csv_example_response

ERRORS_SHOWN = 200


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    if not can_import(request.user):
        raise PermissionDenied
    user: Any = request.user
    is_htmx = bool(request.htmx)  # type: ignore[attr-defined]
    result = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            kind = form.cleaned_data["kind"]
            result = IMPORTERS[kind](
                actor=user,
                municipality=user.municipality,
                data=form.cleaned_data["file"].read(),
                dry_run=form.cleaned_data["dry_run"],
            )
            if result.ok:
                messages.success(request, result_summary(result))
                url = f"{reverse('organisation:import')}?{urlencode({'kind': kind})}"
                return HttpResponseClientRedirect(url) if is_htmx else redirect(url)
            form.add_error("file", errors_summary(result))
    else:
        kind = request.GET.get("kind", UNITS)
        form = ImportForm(initial={"kind": kind if kind in IMPORTERS else UNITS})
    context = {
        "form": form,
        "result": result,
        "errors_shown": result.errors[:ERRORS_SHOWN] if result else [],
        "errors_hidden": max(len(result.errors) - ERRORS_SHOWN, 0) if result else 0,
        "column_sets": [
            (kind, label, columns)
            for (kind, label), columns in zip(KINDS, (UNIT_COLUMNS, PERSON_COLUMNS), strict=True)
        ],
    }
    if is_htmx:
        return render(request, "organisation/partials/_import_form.html", context)
    return render(request, "organisation/import.html", context)


@login_required
def import_example(request: HttpRequest, kind: str) -> HttpResponse:
    """An example file to start from, with a byte order mark so Excel reads æ, ø and å."""
    if not can_import(request.user):
        raise PermissionDenied
    if kind not in EXAMPLES:
        raise Http404
    return csv_example_response(EXAMPLES[kind], file_name=f"trepart-{kind}.csv")
