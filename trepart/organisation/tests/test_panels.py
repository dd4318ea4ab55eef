"""Panels on the start page and a body's page come from the registry, not from the apps
the organisation app would otherwise have to import."""

from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.organisation import panels
from trepart.organisation.tests.factories import BodyFactory, PersonFactory

pytestmark = pytest.mark.django_db

INBOX_PANEL = "proposals/partials/_body_panel.html"


@pytest.fixture
def signed_in(client: Any) -> Any:
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False)
    user = UserFactory.create(municipality=municipality)
    PersonFactory.create(municipality=municipality, user=user)
    client.force_login(user)
    return user


def test_a_registered_body_panel_appears_with_what_its_function_gives(
    client: Any, signed_in: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = BodyFactory.create(municipality=signed_in.municipality)
    calls = []

    def context(*, user: Any, body: Any) -> dict[str, Any]:
        calls.append((user.pk, body.pk))
        return {"inbox": SimpleNamespace(open=7, overdue=3)}

    monkeypatch.setattr(panels, "BODY_PANELS", [panels.Panel(INBOX_PANEL, context)])
    html = client.get(reverse("organisation:body-detail", args=[body.pk])).content.decode()
    assert "Proposals inbox: 7 open, 3 past the answer date" in html
    assert calls == [(signed_in.pk, body.pk)]


def test_without_registered_panels_the_pages_show_none(
    client: Any, signed_in: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = BodyFactory.create(municipality=signed_in.municipality)
    monkeypatch.setattr(panels, "BODY_PANELS", [])
    monkeypatch.setattr(panels, "HOME_PANELS", [])
    html = client.get(reverse("organisation:body-detail", args=[body.pk])).content.decode()
    assert "Proposals inbox" not in html
    home = client.get(reverse("organisation:home")).content.decode()
    assert "Your proposals" not in home and "My bodies and roles" in home
