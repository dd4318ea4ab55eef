"""The routing table's page: only administrators edit it; rules are checked, saved and
audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from trepart.audit.models import AuditEntry
from trepart.organisation.tests.factories import (
    BodyFactory,
)
from trepart.proposals.models import RoutingRule
from trepart.proposals.tests.views_town import (
    Town,
    build_town,
    client_for,
    page,
    submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def town() -> Town:
    return build_town()


# ---------------------------------------------------------------------------------------
# Routing rules


def test_only_administrators_edit_the_routing_table(town: Town) -> None:
    assert page(town, "chair", "proposals:routing").status_code == 403
    response = page(town, "admin", "proposals:routing")
    assert response.status_code == 200
    assert "The LMU of the affected unit" in response.content.decode()
    client = client_for(town.users["chair"])
    assert client.post(reverse("proposals:routing"), {"op": "save"}).status_code == 403


def rule_data(**changes: Any) -> dict[str, Any]:
    data = {
        "op": "save",
        "priority": 5,
        "effect": "ROUTE",
        "when_source": "ANY",
        "when_units": "ANY",
        "when_needs_money": "ANY",
        "when_service_users": "YES",
        "target": "BODY",
        "target_body": "",
        "target_kind": "",
        "recommendation_kind": "",
        "note": "Brukere først",
        "active": "on",
    }
    data.update(changes)
    return data


def test_routing_rules_are_checked_saved_and_audited(town: Town) -> None:
    client = client_for(town.users["admin"])
    url = reverse("proposals:routing")
    client.get(url)
    before = RoutingRule.objects.count()
    response = client.post(url, rule_data())
    assert response.status_code == 400
    assert "Choose the body." in response.content.decode()
    response = client.post(url, rule_data(target=""))
    assert "Say where a matching proposal goes." in response.content.decode()
    elsewhere = BodyFactory.create()
    response = client.post(url, rule_data(target_body=elsewhere.pk))
    assert response.status_code == 400
    response = client.post(url, rule_data(target="BODY_KIND"))
    assert "Choose the kind of body." in response.content.decode()
    assert RoutingRule.objects.count() == before

    assert client.post(url, rule_data(target_body=town.tripartite.pk)).status_code == 302
    rule = RoutingRule.objects.get(priority=5)
    assert AuditEntry.objects.filter(object_id=str(rule.pk), action="CREATE").exists()
    proposal = submit(town, service_users_affected=True)
    assert proposal.body_id == town.tripartite.pk

    changed = rule_data(rule=rule.pk, version=rule.version, target_body=town.group.pk)
    assert client.post(url, changed).status_code == 302
    rule.refresh_from_db()
    assert rule.target_body_id == town.group.pk
    assert rule.version == 2
    assert AuditEntry.objects.filter(object_id=str(rule.pk), action="UPDATE").exists()
    stale = client.post(url, changed)
    assert "Someone else saved this" in stale.content.decode()

    deleted = {"op": "delete", "rule": rule.pk, "version": rule.version}
    assert client.post(url, deleted).status_code == 302
    assert not RoutingRule.objects.filter(pk=rule.pk).exists()
    assert AuditEntry.objects.filter(
        object_type="proposals.RoutingRule", object_id=str(rule.pk), action="DELETE"
    ).exists()
