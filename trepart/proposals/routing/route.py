"""Routing one proposal: the municipality's table read as rows for ``match.route``, and the
body that match names found (a unit's LMU up the unit tree, the first body of a kind, the
fallback when nothing matched)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from trepart.organisation.models import Body, Municipality, Unit
from trepart.organisation.selectors import unit_tree
from trepart.proposals.models import (
    RoutingRule,
)
from trepart.proposals.routing import match as rules
from trepart.proposals.routing.table import routing_rules_ensure


def _rule_rows(municipality: Municipality) -> list[rules.RuleRow]:
    """The municipality's active rules; the sources' table if it has never had any."""
    routing_rules_ensure(actor=None, municipality=municipality)
    rows = RoutingRule.objects.filter(municipality=municipality, active=True).values(
        "id",
        "priority",
        "effect",
        "when_source",
        "when_units",
        "when_needs_money",
        "when_service_users",
        "target",
        "target_kind",
        "target_body_id",
        "recommendation_kind",
    )
    return [rules.RuleRow(**row) for row in rows]


def _first_of_kind(municipality_id: int, kind: str) -> Body | None:
    return Body.objects.filter(municipality_id=municipality_id, kind=kind).order_by("pk").first()


def _unit_lmu(unit: Unit) -> Body | None:
    """The LMU of the unit, or of the nearest unit above it that has one."""
    tree = unit_tree(municipality_id=unit.municipality_id)
    nearest_first = tree.path(unit.pk)[::-1] if unit.pk in tree else [unit.pk]
    lmus: dict[int | None, Body] = {}
    for body in Body.objects.filter(unit_id__in=nearest_first, kind=Body.Kind.LMU).order_by("pk"):
        lmus.setdefault(body.unit_id, body)
    return next((lmus[pk] for pk in nearest_first if pk in lmus), None)


def _fallback_body(municipality_id: int) -> Body | None:
    for kind in (Body.Kind.COORDINATION, Body.Kind.TRIPARTITE):
        body = _first_of_kind(municipality_id, kind)
        if body is not None:
            return body
    return None


def resolve_route(
    *,
    municipality: Municipality,
    source: str,
    units: list[Unit],
    needs_money: bool,
    service_users: bool,
) -> tuple[Body, Body | None, bool, dict[str, Any]]:
    """The handling body, the body whose recommendation it needs, whether a service-user
    member is needed, and why (a code and its values, for the history to show in the
    reader's language: ``reasons.routing_reason_text``)."""
    facts = rules.Facts(
        source=source,
        unit_count=len(units),
        needs_money=needs_money,
        service_users=service_users,
    )
    chosen = rules.route(facts, _rule_rows(municipality))
    body: Body | None = None
    why: dict[str, Any] = {}
    recommendation: Body | None = None
    if chosen is not None:
        rule = RoutingRule.objects.get(pk=chosen.rule_id)
        why = {"code": "rule", "note": rule.note, "priority": rule.priority}
        if chosen.target == RoutingRule.Target.UNIT_LMU and units:
            body = _unit_lmu(units[0])
            if body is None:
                why = {"code": "no_lmu", "unit": units[0].name}
        elif chosen.target == RoutingRule.Target.BODY and chosen.target_body_id:
            body = Body.objects.filter(
                pk=chosen.target_body_id, municipality_id=municipality.pk
            ).first()
        elif chosen.target_kind:
            body = _first_of_kind(municipality.pk, chosen.target_kind)
        if chosen.recommendation_kind and body is not None:
            recommendation = _first_of_kind(municipality.pk, chosen.recommendation_kind)
            if recommendation is not None and recommendation.pk == body.pk:
                recommendation = None
    if body is None:
        body = _fallback_body(municipality.pk)
        if body is None:
            raise ValidationError(
                _(
                    "The municipality has no body that can receive proposals yet. "
                    "Please contact the municipality."
                )
            )
        if not why:
            why = {"code": "no_rule", "body": str(body)}
    requires_service_user = bool(chosen and chosen.requires_service_user)
    return body, recommendation, requires_service_user, why
