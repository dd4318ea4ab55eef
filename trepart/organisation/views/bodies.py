"""The bodies: the list, one body's page, editing it, and adding and ending memberships."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
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
)
from trepart.organisation.models import Body, CompositionRule, Membership
from trepart.organisation.panels import body_panels
from trepart.organisation.permissions import (
    can_manage_body,
)
from trepart.organisation.views._common import municipal_user
from trepart.organisation.widgets import person_label
from trepart.platform.pagination import paginate


def _show_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def body_list(request: HttpRequest) -> HttpResponse:
    user = municipal_user(request)
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
    user = municipal_user(request)
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
    return {name: getattr(body, name) for name in (*services.BODY_EDITABLE, "version")}


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
    user = municipal_user(request)
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
