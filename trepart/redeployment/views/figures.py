"""The bank's registers of rights and its figures (members of the bank only)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from trepart.redeployment import privacy
from trepart.redeployment.figures_display import figure_charts
from trepart.redeployment.models import CaseKind, CaseStatus
from trepart.redeployment.selectors.figures import redeployment_figures
from trepart.redeployment.views.outcomes import case_url


def _member(request: HttpRequest) -> Any:
    if not privacy.is_member(request.user):
        raise PermissionDenied
    return request.user


@login_required
def rights(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    day = timezone.localdate()
    cases = privacy.cases_for(user).select_related("person", "from_unit")
    preferential = [
        (case, (case.preferential_until - day).days if case.preferential_until else None)
        for case in cases.filter(status=CaseStatus.PREFERENTIAL).order_by(
            "preferential_until", "pk"
        )
    ]
    wishes = cases.filter(kind=CaseKind.PART_TIME).exclude(status=CaseStatus.CLOSED)
    context = {
        "preferential": [(case, days, case_url(case)) for case, days in preferential],
        "wishes": [(case, case_url(case)) for case in wishes.order_by("seniority_date", "pk")],
        "today": day,
    }
    return render(request, "redeployment/rights.html", context)


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    found = redeployment_figures(municipality=user.municipality)
    context = {"figures": found, "charts": figure_charts(found)}
    return render(request, "redeployment/figures.html", context)
