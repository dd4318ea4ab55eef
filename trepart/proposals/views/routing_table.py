"""The municipality's routing table: which body a new proposal goes to, edited by its
administrators."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from trepart.audit.writes import ConcurrentEditError
from trepart.organisation import selectors as organisation_selectors
from trepart.platform.tenancy import is_municipal_admin
from trepart.proposals.forms.routing import RoutingRuleForm, rule_initial
from trepart.proposals.models import RoutingRule
from trepart.proposals.routing import table as services
from trepart.proposals.routing.table import (
    describe_conditions,
    describe_effect,
    routing_rule_create,
    routing_rule_delete,
    routing_rule_update,
)
from trepart.proposals.views._common import _add_form_errors, _municipal


def _routing_rule(user: Any, pk: Any) -> RoutingRule:
    try:
        return RoutingRule.objects.for_user(user).select_related("target_body").get(pk=int(pk))
    except (TypeError, ValueError, RoutingRule.DoesNotExist) as missing:
        raise Http404 from missing


@login_required
def routing(request: HttpRequest) -> HttpResponse:
    user = _municipal(request)
    if not is_municipal_admin(user):
        raise PermissionDenied
    municipality = organisation_selectors.municipality_of(user)
    services.routing_rules_ensure(actor=user, municipality=municipality)
    editing = _routing_rule(user, request.GET["edit"]) if "edit" in request.GET else None
    if request.method == "POST" and request.POST.get("op") == "delete":
        rule = _routing_rule(user, request.POST.get("rule"))
        try:
            routing_rule_delete(actor=user, rule=rule, version=int(request.POST.get("version", 0)))
        except ConcurrentEditError as conflict:
            messages.error(request, conflict.messages[0])
        else:
            messages.success(request, _("The rule was deleted."))
        return redirect("proposals:routing")
    if request.method == "POST" and request.POST.get("rule"):
        editing = _routing_rule(user, request.POST["rule"])
    initial = rule_initial(editing) if editing else None
    form = RoutingRuleForm(request.POST or None, initial=initial, user=user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                if editing is None:
                    routing_rule_create(actor=user, municipality=municipality, **form.values())
                else:
                    version = form.cleaned_data["version"] or 0
                    routing_rule_update(actor=user, rule=editing, version=version, **form.values())
            except ValidationError as error:
                _add_form_errors(form, error)
            else:
                messages.success(request, _("The routing table was saved."))
                return redirect("proposals:routing")
    rules_list = list(
        RoutingRule.objects.for_user(user).select_related("target_body").order_by("priority", "pk")
    )
    context = {
        "rows": [
            {"rule": r, "conditions": describe_conditions(r), "effect": describe_effect(r)}
            for r in rules_list
        ],
        "form": form,
        "editing": editing,
    }
    return render(request, "proposals/routing.html", context, status=status)
