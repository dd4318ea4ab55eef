"""The units: the tree from its roots, a search, and one unit's page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from trepart.organisation import selectors
from trepart.organisation.forms import (
    UnitSearchForm,
)
from trepart.organisation.views._common import municipal_user
from trepart.platform.pagination import paginate


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    user = municipal_user(request)
    form = UnitSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context: dict[str, Any] = {"form": form, "query": query}
    if query:
        context["page_obj"] = paginate(request, selectors.unit_search(user=user, query=query))
    else:
        context["roots"] = selectors.unit_roots(user=user)
    return render(request, "organisation/unit_list.html", context)


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = municipal_user(request)
    unit = get_object_or_404(selectors.unit_queryset(user=user), pk=pk)
    people = paginate(request, selectors.person_list(user=user, unit_id=unit.pk))
    return render(
        request,
        "organisation/unit_detail.html",
        {
            "unit": unit,
            "children": unit.children.annotate(child_count=Count("children")).order_by("name"),
            "bodies": unit.bodies.order_by("name"),
            "page_obj": people,
        },
    )
