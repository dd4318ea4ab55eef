"""10-FAKTOR pages: the factor profile and trends, and the import of KS's results."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from trepart.analysis.factors import FACTOR_ORDER
from trepart.analysis.factors_display import factor_page
from trepart.analysis.forms.factors import FactorImportForm
from trepart.analysis.imports.factors import EXAMPLE, FACTOR_COLUMNS
from trepart.analysis.permissions import can_manage, can_read
from trepart.analysis.selectors.factors import factor_imports, factor_label
from trepart.analysis.services.factors import FactorImportResult, factors_import
from trepart.analysis.views._imports import example_csv, import_page


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
    user: Any = request.user
    return import_page(
        request,
        form_class=FactorImportForm,
        run=factors_import,
        summary=_summary,
        template="analysis/factors/import.html",
        done_url="analysis:factors-import",
        context={
            "columns": FACTOR_COLUMNS,
            "imports": factor_imports(user.municipality_id) if can_manage(user) else [],
        },
    )


@login_required
def factors_example(request: HttpRequest) -> HttpResponse:
    return example_csv(request, text=EXAMPLE, file_name="trepart-10-faktor.csv")
