"""A municipality's routing table: the services that seed and edit it, and each rule in words.

Only municipal administrators edit it (the view checks); every change is audited.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import versioned_delete, versioned_edit
from trepart.organisation.models import Municipality
from trepart.proposals.models import RoutingRule
from trepart.proposals.routing import match as rules

FIELDS = (
    "priority",
    "effect",
    "when_source",
    "when_units",
    "when_needs_money",
    "when_service_users",
    "target",
    "target_kind",
    "target_body",
    "recommendation_kind",
    "note",
    "active",
)


def routing_rules_ensure(*, actor: Any, municipality: Municipality) -> list[RoutingRule]:
    """Give a municipality the sources' routing table if it has none yet."""
    existing = list(RoutingRule.objects.filter(municipality=municipality))
    if existing:
        return existing
    created = []
    for row in rules.DEFAULT_RULES:
        rule = RoutingRule.objects.create(municipality=municipality, **row)
        audit_create(actor=actor, instance=rule)
        created.append(rule)
    return created


def _check(rule: RoutingRule) -> None:
    """A rule that routes says where; a rule that only adds a requirement says nowhere."""
    errors: dict[str, list[str]] = {}
    if rule.effect == RoutingRule.Effect.ROUTE:
        if not rule.target:
            errors["target"] = [_("Say where a matching proposal goes.")]
        elif rule.target == RoutingRule.Target.BODY:
            if rule.target_body is None:
                errors["target_body"] = [_("Choose the body.")]
            elif rule.target_body.municipality_id != rule.municipality_id:
                errors["target_body"] = [_("Choose a body of this municipality.")]
        elif rule.target == RoutingRule.Target.BODY_KIND and not rule.target_kind:
            errors["target_kind"] = [_("Choose the kind of body.")]
    if errors:
        raise ValidationError(errors)
    # Only what the chosen target uses is kept, so the rule reads as it works.
    if rule.effect != RoutingRule.Effect.ROUTE:
        rule.target, rule.target_kind, rule.target_body = "", "", None
        rule.recommendation_kind = ""
    elif rule.target != RoutingRule.Target.BODY:
        rule.target_body = None
        if rule.target != RoutingRule.Target.BODY_KIND:
            rule.target_kind = ""
    else:
        rule.target_kind = ""


@transaction.atomic
def routing_rule_create(*, actor: Any, municipality: Municipality, **fields: Any) -> RoutingRule:
    """Add a rule to the municipality's routing table."""
    rule = RoutingRule(municipality=municipality, **fields)
    _check(rule)
    rule.full_clean()
    rule.save()
    audit_create(actor=actor, instance=rule)
    return rule


@transaction.atomic
def routing_rule_update(
    *, actor: Any, rule: RoutingRule, version: int, **fields: Any
) -> RoutingRule:
    """Change a rule, refused if someone saved it since ``version``."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"routing rule fields that cannot be changed: {unknown}")
    with versioned_edit(rule, actor=actor, version=version, changes=fields) as current:
        _check(current)
    rule.__dict__.update(current.__dict__)
    return rule


@transaction.atomic
def routing_rule_delete(*, actor: Any, rule: RoutingRule, version: int) -> None:
    """Remove a rule; proposals already routed keep their body."""
    versioned_delete(rule, actor=actor, version=version)


def describe_conditions(rule: RoutingRule) -> str:
    """The rule's conditions as a sentence ("From citizens; needs money: yes")."""
    parts = []
    if rule.when_source != RoutingRule.SourceMatch.ANY:
        parts.append(_("from %(who)s") % {"who": rule.get_when_source_display().lower()})
    if rule.when_units != RoutingRule.UnitMatch.ANY:
        parts.append(
            _("affected units: %(units)s") % {"units": rule.get_when_units_display().lower()}
        )
    if rule.when_needs_money != RoutingRule.Match.ANY:
        parts.append(
            _("needs money: %(answer)s") % {"answer": rule.get_when_needs_money_display().lower()}
        )
    if rule.when_service_users != RoutingRule.Match.ANY:
        parts.append(
            _("service users affected: %(answer)s")
            % {"answer": rule.get_when_service_users_display().lower()}
        )
    if not parts:
        return _("Every proposal")
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def describe_effect(rule: RoutingRule) -> str:
    """What the rule does, in words."""
    if rule.effect == RoutingRule.Effect.SERVICE_USERS:
        return str(rule.get_effect_display())
    if rule.target == RoutingRule.Target.BODY:
        where = rule.target_body.name if rule.target_body else "–"
        text = _("Send to %(body)s") % {"body": where}
    elif rule.target == RoutingRule.Target.BODY_KIND:
        text = _("Send to the municipality's %(kind)s") % {
            "kind": rule.get_target_kind_display().lower()
        }
    else:
        text = str(rule.get_target_display())
    if rule.recommendation_kind:
        text += ", " + _("after a recommendation from the %(kind)s") % {
            "kind": rule.get_recommendation_kind_display().lower()
        }
    return text
