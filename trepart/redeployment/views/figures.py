"""The bank's registers of rights and its figures (members of the bank only)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from trepart.audit.cache import cached_figure
from trepart.platform.pagination import ElidedPaginator
from trepart.redeployment import privacy
from trepart.redeployment.figures_display import figure_charts
from trepart.redeployment.models import CaseKind, CaseStatus
from trepart.redeployment.selectors.figures import redeployment_figures
from trepart.redeployment.views.outcomes import case_url

# Each register of rights shows this many people a page.
RIGHTS_PER_PAGE = 50


def _member(request: HttpRequest) -> Any:
    if not privacy.is_member(request.user):
        raise PermissionDenied
    return request.user


def _part(pages: ElidedPaginator, number: int) -> list[Any]:
    """The ``number``-th page of a register, empty past its end."""
    return list(pages.page(number).object_list) if number <= pages.num_pages else []


def _with_urls(cases: list[Any]) -> list[tuple[Any, str]]:
    return [(case, case_url(case)) for case in cases]


@login_required
def rights(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    day = timezone.localdate()
    cases = privacy.cases_for(user).select_related("person", "from_unit")
    # Both registers a page at a time: page n shows the n-th part of each.
    rights_pages = ElidedPaginator(
        cases.filter(status=CaseStatus.PREFERENTIAL).order_by("preferential_until", "pk"),
        RIGHTS_PER_PAGE,
    )
    wish_pages = ElidedPaginator(
        cases.filter(kind=CaseKind.PART_TIME)
        .exclude(status=CaseStatus.CLOSED)
        .order_by("seniority_date", "pk"),
        RIGHTS_PER_PAGE,
    )
    longer = max(rights_pages, wish_pages, key=lambda pages: pages.num_pages)
    page = longer.get_page(request.GET.get("page"))
    context = {
        "preferential": [
            (case, (case.preferential_until - day).days if case.preferential_until else None, url)
            for case, url in _with_urls(_part(rights_pages, page.number))
        ],
        "wishes": list(_with_urls(_part(wish_pages, page.number))),
        "page_obj": page,
        "today": day,
    }
    return render(request, "redeployment/rights.html", context)


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    found = redeployment_figures(municipality=user.municipality)
    charts = cached_figure(
        topic="redeployment",
        key=f"charts:{get_language()}",
        municipality_id=user.municipality_id,
        compute=lambda: figure_charts(found),
    )
    context = {"figures": found, "charts": charts}
    return render(request, "redeployment/figures.html", context)
