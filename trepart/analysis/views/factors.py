"""10-FAKTOR pages: the factor profile and trends, and the import of KS's results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trepart.analysis.factors import FACTOR_ORDER
from trepart.analysis.forms_factors import FactorImportForm
from trepart.analysis.imports_factors import EXAMPLE, FACTOR_COLUMNS
from trepart.analysis.permissions import can_manage, can_read
from trepart.analysis.selectors.factors import factor_imports, factor_label, factor_page
from trepart.analysis.services.factors import FactorImportResult, factors_import

ERRORS_SHOWN = 200


@login_required
def factors_page(request: HttpRequest) -> HttpResponse:
    if not can_read(request.user):
        raise PermissionDenied
    user: Any = request.user
    page = factor_page(municipality=user.municipality, params=request.GET)
    context = {
        "page": page,
        "factors": [(code, factor_label(code)) for code in FACTOR_ORDER],
        "can_manage": can_manage(user),
    }
    return render(request, "analysis/factors/factors.html", context)


def _summary(result: FactorImportResult) -> str:
    counts = {"created": result.created, "replaced": result.replaced}
    if result.dry_run:
        return (
            _(
                "Checked only, nothing was imported. The file has no errors: importing it "
                "would add %(created)s results and replace %(replaced)s."
            )
            % counts
        )
    return _("10-FAKTOR results imported. Added: %(created)s, replaced: %(replaced)s.") % counts


@login_required
def factors_import_page(request: HttpRequest) -> HttpResponse:
    if not can_manage(request.user):
        raise PermissionDenied
    user: Any = request.user
    result = None
    if request.method == "POST":
        form = FactorImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = factors_import(
                actor=user,
                municipality=user.municipality,
                data=upload.read(),
                file_name=upload.name or "",
                dry_run=form.cleaned_data["dry_run"],
                replace=form.cleaned_data["replace"],
            )
            if result.ok:
                messages.success(request, _summary(result))
                return redirect("analysis:factors-import")
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
    else:
        form = FactorImportForm()
    context = {
        "form": form,
        "result": result,
        "errors_shown": result.errors[:ERRORS_SHOWN] if result else [],
        "errors_hidden": max(len(result.errors) - ERRORS_SHOWN, 0) if result else 0,
        "columns": FACTOR_COLUMNS,
        "imports": factor_imports(user.municipality_id),
    }
    return render(request, "analysis/factors/import.html", context)


@login_required
def factors_example(request: HttpRequest) -> HttpResponse:
    """An example file, with a byte order mark so Excel reads æ, ø and å."""
    if not can_manage(request.user):
        raise PermissionDenied
    response = HttpResponse("\ufeff" + EXAMPLE, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="trepart-10-faktor.csv"'
    return response
