"""The people: the list and search, the person picker's results, and one person's page."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from trepart.organisation import selectors
from trepart.organisation.forms import (
    PersonSearchForm,
)
from trepart.organisation.models import Person
from trepart.organisation.permissions import (
    can_view_contact_details,
    can_view_person,
)
from trepart.organisation.views._common import municipal_user
from trepart.organisation.widgets import PICKABLE_KINDS, person_choices
from trepart.platform.pagination import paginate

# A search that finds more people than this asks the user to narrow it down.
SEARCH_COUNT_CAP = 1000


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    user = municipal_user(request)
    form = PersonSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    people = selectors.person_list(
        user=user, query=filters.get("q", ""), kind=filters.get("kind", "")
    )
    searching = bool(filters.get("q"))
    page = paginate(request, people, count_cap=SEARCH_COUNT_CAP if searching else None)
    context = {"form": form, "page_obj": page, "search_count_cap": SEARCH_COUNT_CAP}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "organisation/partials/_person_results.html", context)
    return render(request, "organisation/person_list.html", context)


# A picker's field name and element id, as the widget put them in the search URL.
_PICKER_NAME = re.compile(r"^[a-z][a-z0-9_]{0,60}$")


@login_required
def person_picker(request: HttpRequest) -> HttpResponse:
    """The people matching a person picker's search, as its radio buttons (an HTML fragment
    for htmx; ``widgets.PersonPicker`` has the page's own round trip without JavaScript)."""
    user = municipal_user(request)
    name, prefix = request.GET.get("field", ""), request.GET.get("id", "")
    if not _PICKER_NAME.match(name) or not _PICKER_NAME.match(prefix):
        raise Http404
    query = request.GET.get(f"{name}_q", "")[:100]
    chosen = request.GET.get(name)
    asked = request.GET.get("kinds", "").split(",")
    kinds = [kind for kind in Person.Kind.values if kind in asked] or PICKABLE_KINDS
    people, found = selectors.person_matches(user=user, query=query, chosen_id=chosen, kinds=kinds)
    choices = person_choices(
        name=name,
        id_prefix=prefix,
        people=people,
        value=chosen,
        allow_none=request.GET.get("none") == "1",
    )
    context = {"choices": choices, "query": query, "found": found}
    return render(request, "organisation/partials/_person_found.html", context)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = municipal_user(request)
    person = get_object_or_404(Person.objects.for_user(user).select_related("unit"), pk=pk)
    if not can_view_person(user, person):
        raise Http404
    return render(
        request,
        "organisation/person_detail.html",
        {
            "person": person,
            "memberships": selectors.person_memberships(person=person),
            "show_contact": can_view_contact_details(user, person),
        },
    )
