"""The routing table's matching on plain values: the sources' table in every combination,
priority order, and each kind of condition."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from trepart.proposals.models import RoutingRule, Source
from trepart.proposals.routing import match
from trepart.proposals.routing.match import Facts, RuleRow


def _row(index: int, values: dict[str, Any]) -> RuleRow:
    return RuleRow(id=index + 1, **{k: v for k, v in values.items() if k != "note"})


DEFAULTS = [_row(index, dict(values)) for index, values in enumerate(match.DEFAULT_RULES)]


def default_route(source: str, units: int, money: bool, users: bool) -> match.Route:
    found = match.route(
        Facts(source=source, unit_count=units, needs_money=money, service_users=users), DEFAULTS
    )
    assert found is not None
    return found


# --- The sources' routing table, every combination ---------------------------------------


def expected_target(source: str, units: int, money: bool) -> tuple[str, str, str]:
    """What the sources say, written out independently of the rule rows."""
    if money:  # "krever økonomisk tilskudd" → partssammensatt utvalg, with a recommendation
        return (RoutingRule.Target.BODY_KIND, "TRIPARTITE", "COORDINATION")
    if source == Source.CITIZEN:  # innbyggerforslag → koordineringsgruppa
        return (RoutingRule.Target.BODY_KIND, "COORDINATION", "")
    if units > 1:  # flere arbeidsplasser → koordineringsgruppa
        return (RoutingRule.Target.BODY_KIND, "COORDINATION", "")
    if units == 1:  # én arbeidsplass → LMU
        return (RoutingRule.Target.UNIT_LMU, "", "")
    return (RoutingRule.Target.BODY_KIND, "COORDINATION", "")


@pytest.mark.parametrize(
    ("source", "units", "money", "users"),
    list(itertools.product(Source.values, [0, 1, 2, 5], [False, True], [False, True])),
)
def test_default_routing_follows_the_sources(
    source: str, units: int, money: bool, users: bool
) -> None:
    route = default_route(source, units, money, users)
    assert (route.target, route.target_kind, route.recommendation_kind) == expected_target(
        source, units, money
    )
    assert route.requires_service_user is users


def test_first_matching_rule_in_priority_order_wins() -> None:
    late = RuleRow(id=1, priority=50, target=RoutingRule.Target.BODY_KIND, target_kind="LMU")
    early = RuleRow(
        id=2, priority=5, target=RoutingRule.Target.BODY, target_body_id=77, when_units="ONE"
    )
    facts = Facts(source="EMPLOYEE", unit_count=1, needs_money=False, service_users=False)
    assert match.route(facts, [late, early]) == match.Route(
        rule_id=2, target=RoutingRule.Target.BODY, target_body_id=77
    )
    several = Facts(source="EMPLOYEE", unit_count=3, needs_money=False, service_users=False)
    assert match.route(several, [late, early]).rule_id == 1  # type: ignore[union-attr]


def test_same_priority_is_decided_by_id() -> None:
    a = RuleRow(id=9, priority=10, target="BODY_KIND", target_kind="TRIPARTITE")
    b = RuleRow(id=3, priority=10, target="BODY_KIND", target_kind="COORDINATION")
    facts = Facts(source="CITIZEN", unit_count=0, needs_money=False, service_users=False)
    assert match.route(facts, [a, b]).rule_id == 3  # type: ignore[union-attr]


def test_no_route_rule_means_no_route() -> None:
    only_service = [RuleRow(id=1, priority=1, effect="SERVICE_USERS")]
    facts = Facts(source="EMPLOYEE", unit_count=1, needs_money=False, service_users=True)
    assert match.route(facts, only_service) is None


@pytest.mark.parametrize(
    ("condition", "value", "expected"),
    [
        ("ANY", True, True),
        ("ANY", False, True),
        ("YES", True, True),
        ("YES", False, False),
        ("NO", True, False),
        ("NO", False, True),
    ],
)
def test_yes_no_conditions(condition: str, value: bool, expected: bool) -> None:
    rule = RuleRow(
        id=1, priority=1, when_needs_money=condition, target="BODY_KIND", target_kind="COORDINATION"
    )
    facts = Facts(source="EMPLOYEE", unit_count=1, needs_money=value, service_users=False)
    assert match.matches(rule, facts) is expected


@pytest.mark.parametrize(
    ("condition", "count", "expected"),
    [
        ("ANY", 0, True),
        ("ONE", 1, True),
        ("ONE", 2, False),
        ("SEVERAL", 2, True),
        ("SEVERAL", 1, False),
        ("NONE", 0, True),
        ("NONE", 1, False),
    ],
)
def test_unit_conditions(condition: str, count: int, expected: bool) -> None:
    rule = RuleRow(id=1, priority=1, when_units=condition)
    facts = Facts(source="CITIZEN", unit_count=count, needs_money=False, service_users=False)
    assert match.matches(rule, facts) is expected


def test_source_condition() -> None:
    rule = RuleRow(id=1, priority=1, when_source="CITIZEN")
    assert match.matches(rule, Facts("CITIZEN", 0, False, False))
    assert not match.matches(rule, Facts("EMPLOYEE", 0, False, False))
