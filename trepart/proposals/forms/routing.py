"""The form that edits one rule of a municipality's routing table (the services that save it
are in ``routing.table``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from trepart.organisation.forms import LongSelect
from trepart.organisation.models import Body
from trepart.platform.text import NormalisedForm
from trepart.proposals.models import RoutingRule
from trepart.proposals.routing.table import FIELDS


class RoutingRuleForm(NormalisedForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    priority = forms.IntegerField(
        label=gettext_lazy("Order"),
        min_value=0,
        max_value=32767,
        initial=100,
        help_text=gettext_lazy("Rules are tried from the lowest number up."),
    )
    effect = forms.ChoiceField(label=gettext_lazy("Effect"), choices=RoutingRule.Effect.choices)
    when_source = forms.ChoiceField(
        label=gettext_lazy("From"), choices=RoutingRule.SourceMatch.choices
    )
    when_units = forms.ChoiceField(
        label=gettext_lazy("Affected units"), choices=RoutingRule.UnitMatch.choices
    )
    when_needs_money = forms.ChoiceField(
        label=gettext_lazy("Needs money"), choices=RoutingRule.Match.choices
    )
    when_service_users = forms.ChoiceField(
        label=gettext_lazy("Service users affected"), choices=RoutingRule.Match.choices
    )
    target = forms.ChoiceField(
        label=gettext_lazy("Send to"),
        required=False,
        choices=[("", "–"), *RoutingRule.Target.choices],
    )
    target_kind = forms.ChoiceField(
        label=gettext_lazy("Body kind"), required=False, choices=[("", "–"), *Body.Kind.choices]
    )
    target_body = forms.ModelChoiceField(
        label=gettext_lazy("Body"), queryset=Body.objects.none(), required=False, widget=LongSelect
    )
    recommendation_kind = forms.ChoiceField(
        label=gettext_lazy("Needs a recommendation from"),
        required=False,
        choices=[("", "–"), *Body.Kind.choices],
    )
    note = forms.CharField(label=gettext_lazy("Why"), required=False, max_length=300)
    active = forms.BooleanField(label=gettext_lazy("In use"), required=False, initial=True)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["target_body"]
        field.queryset = Body.objects.for_user(user).only("pk", "name")
        field.empty_label = "–"

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in FIELDS}


def rule_initial(rule: RoutingRule) -> dict[str, Any]:
    initial = {name: getattr(rule, name) for name in FIELDS}
    initial["version"] = rule.version
    return initial
