"""Which body handles a proposal, on plain values: a routing table's rows, the matching, and
the table a new municipality starts with.

Nothing here touches the database (``routing.route`` reads a municipality's rows and calls
``route``), so the rule can be tested on its own, exhaustively.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from trepart.proposals.models import RoutingRule
from trepart.proposals.routing import reasons as routing_reasons


@dataclass(frozen=True)
class Facts:
    """What routing looks at in a proposal."""

    source: str
    unit_count: int
    needs_money: bool
    service_users: bool


@dataclass(frozen=True)
class RuleRow:
    """A routing rule as plain values (see ``RoutingRule``)."""

    id: int
    priority: int
    effect: str = RoutingRule.Effect.ROUTE
    when_source: str = RoutingRule.SourceMatch.ANY
    when_units: str = RoutingRule.UnitMatch.ANY
    when_needs_money: str = RoutingRule.Match.ANY
    when_service_users: str = RoutingRule.Match.ANY
    target: str = ""
    target_kind: str = ""
    target_body_id: int | None = None
    recommendation_kind: str = ""


@dataclass(frozen=True)
class Route:
    """Where a proposal goes and what must happen there before the body decides."""

    rule_id: int
    target: str
    target_kind: str = ""
    target_body_id: int | None = None
    recommendation_kind: str = ""
    requires_service_user: bool = False
    service_user_rule_id: int | None = None


def _yes_no(condition: str, value: bool) -> bool:
    if condition == RoutingRule.Match.ANY:
        return True
    return (condition == RoutingRule.Match.YES) == value


def _units(condition: str, count: int) -> bool:
    return {
        RoutingRule.UnitMatch.ANY: True,
        RoutingRule.UnitMatch.ONE: count == 1,
        RoutingRule.UnitMatch.SEVERAL: count > 1,
        RoutingRule.UnitMatch.NONE: count == 0,
    }[RoutingRule.UnitMatch(condition)]


def matches(rule: RuleRow, facts: Facts) -> bool:
    return (
        rule.when_source in (RoutingRule.SourceMatch.ANY, facts.source)
        and _units(rule.when_units, facts.unit_count)
        and _yes_no(rule.when_needs_money, facts.needs_money)
        and _yes_no(rule.when_service_users, facts.service_users)
    )


def route(facts: Facts, rules: Iterable[RuleRow]) -> Route | None:
    """The first matching ROUTE rule in priority order, plus any service-user requirement."""
    ordered = sorted(rules, key=lambda r: (r.priority, r.id))
    chosen = next(
        (r for r in ordered if r.effect == RoutingRule.Effect.ROUTE and matches(r, facts)), None
    )
    if chosen is None:
        return None
    service = next(
        (r for r in ordered if r.effect == RoutingRule.Effect.SERVICE_USERS and matches(r, facts)),
        None,
    )
    return Route(
        rule_id=chosen.id,
        target=chosen.target,
        target_kind=chosen.target_kind,
        target_body_id=chosen.target_body_id,
        recommendation_kind=chosen.recommendation_kind,
        requires_service_user=service is not None,
        service_user_rule_id=service.id if service else None,
    )


# The sources' routing (Øvre Eiker): what a new municipality starts with.
DEFAULT_RULES: list[dict[str, str | int]] = [
    {
        "priority": 10,
        "when_needs_money": RoutingRule.Match.YES,
        "target": RoutingRule.Target.BODY_KIND,
        "target_kind": "TRIPARTITE",
        "recommendation_kind": "COORDINATION",
        "note": routing_reasons.NOTE_MONEY,
    },
    {
        "priority": 20,
        "when_source": RoutingRule.SourceMatch.CITIZEN,
        "target": RoutingRule.Target.BODY_KIND,
        "target_kind": "COORDINATION",
        "note": routing_reasons.NOTE_CITIZEN,
    },
    {
        "priority": 30,
        "when_units": RoutingRule.UnitMatch.SEVERAL,
        "target": RoutingRule.Target.BODY_KIND,
        "target_kind": "COORDINATION",
        "note": routing_reasons.NOTE_SEVERAL_UNITS,
    },
    {
        "priority": 40,
        "when_units": RoutingRule.UnitMatch.ONE,
        "target": RoutingRule.Target.UNIT_LMU,
        "note": routing_reasons.NOTE_ONE_UNIT,
    },
    {
        "priority": 90,
        "target": RoutingRule.Target.BODY_KIND,
        "target_kind": "COORDINATION",
        "note": routing_reasons.NOTE_OTHERWISE,
    },
    {
        "priority": 100,
        "effect": RoutingRule.Effect.SERVICE_USERS,
        "when_service_users": RoutingRule.Match.YES,
        "note": routing_reasons.NOTE_SERVICE_USERS,
    },
]
