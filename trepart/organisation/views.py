"""Pages for the organisation: start page, units, bodies, people, structure templates."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trepart.audit.writes import ConcurrentEditError
from trepart.organisation import selectors, services
from trepart.organisation.forms import (
    BodyFilterForm,
    BodyForm,
    MembershipEndForm,
    MembershipForm,
    PersonSearchForm,
    UnitSearchForm,
)
from trepart.organisation.models import Body, CompositionRule, Membership, Person
from trepart.organisation.panels import body_panels, home_panels
from trepart.organisation.permissions import (
    can_manage_body,
    can_view_contact_details,
    can_view_person,
)
from trepart.organisation.structures import structure_template_apply, structure_templates
from trepart.organisation.widgets import person_choices, person_label
from trepart.platform.pagination import paginate
from trepart.platform.tenancy import is_municipal_admin

# A search that finds more people than this asks the user to narrow it down.
SEARCH_COUNT_CAP = 1000


def _municipal(request: HttpRequest) -> Any:
    """The logged-in user, who must belong to a municipality to see its pages."""
    if request.user.municipality_id is None:  # type: ignore[union-attr]
        raise PermissionDenied
    return request.user


def _show_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = _municipal(request)
    memberships = list(selectors.my_memberships(user=user))
    bodies = [m.body for m in memberships]
    statuses = selectors.body_statuses(bodies)
    return render(
        request,
        "organisation/home.html",
        {
            "rows": [(m, statuses.get(m.body_id)) for m in memberships],
            "person": getattr(user, "person", None),
            "panels": home_panels(user=user, bodies=bodies),
        },
    )


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    user = _municipal(request)
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
    user = _municipal(request)
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


@login_required
def body_list(request: HttpRequest) -> HttpResponse:
    user = _municipal(request)
    form = BodyFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    bodies = selectors.body_list(
        user=user, kind=filters.get("kind", ""), query=filters.get("q", "")
    )
    page = paginate(
        request,
        selectors.bodies_breaking_rules(bodies, municipality_id=user.municipality_id)
        if filters.get("flagged")
        else bodies,
    )
    return render(
        request,
        "organisation/body_list.html",
        {
            "form": form,
            "page_obj": page,
            "rows": _with_statuses(list(page.object_list)),
        },
    )


def _with_statuses(bodies: list[Body]) -> list[tuple[Body, selectors.BodyStatus]]:
    statuses = selectors.body_statuses(bodies)
    return [(body, statuses[body.pk]) for body in bodies]


def _body(request: HttpRequest, pk: int) -> Body:
    user = _municipal(request)
    try:
        return selectors.body_get(user=user, pk=pk)
    except Body.DoesNotExist as missing:
        raise Http404 from missing


@login_required
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    return render(request, "organisation/body_detail.html", _body_context(request, body))


def _rule_name(kind: str, rules: dict[str, CompositionRule]) -> str:
    """The rule as a user reads it: "Equal voting seats … (3 + 3 + 3)"."""
    name = str(CompositionRule.Kind(kind).label)
    seats = rules[kind].seats_per_party if kind in rules else None
    return f"{name} ({seats} + {seats} + {seats})" if seats else name


def _body_context(request: HttpRequest, body: Body) -> dict[str, Any]:
    status = selectors.body_status(body)
    rules = {rule.kind: rule for rule in body.rules.all()}
    members = selectors.body_members(body=body)
    past = list(selectors.body_past_members(body=body)[:20])
    everyone = [m for group in members.values() for m in group] + past
    return {
        "hidden": selectors.hidden_members(user=request.user, members=everyone),
        "body": body,
        "status": status,
        "rule_names": [_rule_name(finding.rule, rules) for finding in status.composition.findings],
        "members": members,
        "member_count": sum(len(group) for group in members.values()),
        "past_members": past,
        "can_manage": can_manage_body(request.user, body),
        "children": body.children.order_by("name"),
        "panels": body_panels(user=request.user, body=body),
    }


@login_required
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    if not can_manage_body(request.user, body):
        raise PermissionDenied
    form = BodyForm(request.POST or None, body=body, initial=_body_initial(body))
    saved = None
    if request.method == "POST" and form.is_valid():
        try:
            services.body_update(actor=request.user, body=body, **form.cleaned_data)
        except ConcurrentEditError as conflict:
            # Keep what the user typed, show what is saved now, and let a second,
            # deliberate save go through against the current version.
            saved = selectors.body_get(user=request.user, pk=pk)
            data = request.POST.copy()
            data["version"] = str(saved.version)
            form = BodyForm(data, body=saved, initial=_body_initial(saved))
            form.is_valid()
            _add_form_errors(form, conflict)
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(request, _("The body was saved."))
            return redirect("organisation:body-detail", pk=body.pk)
    return render(
        request, "organisation/body_edit.html", {"body": body, "form": form, "saved": saved}
    )


def _body_initial(body: Body) -> dict[str, Any]:
    fields = [
        "name",
        "kind",
        "parent",
        "unit",
        "mandate",
        "is_statutory_5_11",
        "established",
        "answer_deadline_days",
        "decides_by_consensus",
        "agenda_days_before",
        "version",
    ]
    return {name: getattr(body, name) for name in fields}


def _add_form_errors(form: Any, error: ValidationError) -> None:
    """Attach a service's errors to the form, so the page keeps what the user typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    if not can_manage_body(request.user, body):
        raise PermissionDenied
    search = PersonSearchForm(request.GET or None)
    query = search.cleaned_data.get("q", "") if search.is_valid() else ""
    form = MembershipForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            _membership, status = services.membership_add(
                actor=request.user, body=body, **form.cleaned_data
            )
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s was added.") % {"person": form.cleaned_data["person"].full_name},
            )
            for problem in status.composition.problems:
                messages.warning(request, problem)
            return redirect("organisation:body-detail", pk=body.pk)
    chosen = form["person"].value() if form.is_bound else None
    candidates = selectors.person_candidates(user=request.user, query=query, chosen_id=chosen)
    # Only the people found are offered, through the site's radio template.
    form.fields["person"].widget.choices = [(p.pk, person_label(p)) for p in candidates]
    context = {
        "body": body,
        "form": form,
        "search": search,
        "candidates": candidates,
        "chosen": str(chosen or ""),
        "query": query,
    }
    if request.htmx and request.method != "POST":  # type: ignore[attr-defined]
        return render(request, "organisation/partials/_candidates.html", context)
    return render(request, "organisation/membership_add.html", context)


@login_required
@require_POST
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    user = _municipal(request)
    membership = get_object_or_404(
        Membership.objects.for_user(user).select_related("body", "person"),
        pk=pk,
    )
    if not can_manage_body(user, membership.body):
        raise PermissionDenied
    form = MembershipEndForm(request.POST)
    if form.is_valid():
        try:
            _membership, status = services.membership_update(
                actor=user,
                membership=membership,
                version=form.cleaned_data["version"],
                end=form.cleaned_data["end"],
            )
        except ValidationError as error:
            _show_errors(request, error)
        else:
            messages.success(
                request,
                _("The term of %(person)s ends on %(day)s.")
                % {"person": membership.person.full_name, "day": form.cleaned_data["end"]},
            )
            for problem in status.composition.problems:
                messages.warning(request, problem)
    else:
        messages.error(request, _("Give the last day of the term as a date."))
    return redirect("organisation:body-detail", pk=membership.body_id)


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    user = _municipal(request)
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
    user = _municipal(request)
    name, prefix = request.GET.get("field", ""), request.GET.get("id", "")
    if not _PICKER_NAME.match(name) or not _PICKER_NAME.match(prefix):
        raise Http404
    query = request.GET.get(f"{name}_q", "")[:100]
    chosen = request.GET.get(name)
    people, found = selectors.person_matches(
        user=user, query=query, chosen_id=chosen, citizens=request.GET.get("citizens") == "1"
    )
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
    user = _municipal(request)
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


@login_required
def structure_list(request: HttpRequest) -> HttpResponse:
    user = _municipal(request)
    if not is_municipal_admin(user):
        raise PermissionDenied
    return render(
        request,
        "organisation/structure_list.html",
        {"templates": structure_templates().values()},
    )


@login_required
@require_POST
def structure_apply(request: HttpRequest, key: str) -> HttpResponse:
    user = _municipal(request)
    if not is_municipal_admin(user):
        raise PermissionDenied
    if key not in structure_templates():
        raise Http404
    municipality = selectors.municipality_of(user)
    result = structure_template_apply(actor=user, municipality=municipality, key=key)
    messages.success(
        request,
        _(
            "%(created)d bodies were created; %(skipped)d already existed and were left as they "
            "were."
        )
        % {"created": len(result.created), "skipped": result.skipped},
    )
    return redirect("organisation:body-list")
