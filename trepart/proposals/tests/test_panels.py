"""The proposals app puts its panels on the organisation's pages through their registry."""

from typing import Any

import pytest
from django.urls import reverse

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.organisation import panels
from trepart.organisation.tests.factories import BodyFactory, PersonFactory
from trepart.proposals.panels import body_panel, home_panel

pytestmark = pytest.mark.django_db


def _ours(registered: list[panels.Panel]) -> list[tuple[str, Any]]:
    # Apps above proposals register panels of their own too.
    return [(p.template, p.context) for p in registered if p.template.startswith("proposals/")]


def test_the_proposals_app_registers_one_panel_for_each_page_at_start_up() -> None:
    assert _ours(panels.HOME_PANELS) == [("proposals/partials/_home_panel.html", home_panel)]
    assert _ours(panels.BODY_PANELS) == [("proposals/partials/_body_panel.html", body_panel)]


def test_the_body_page_and_the_start_page_show_the_proposals_panels(client: Any) -> None:
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False)
    user = UserFactory.create(municipality=municipality)
    PersonFactory.create(municipality=municipality, user=user)
    body = BodyFactory.create(municipality=municipality)
    client.force_login(user)
    html = client.get(reverse("organisation:body-detail", args=[body.pk])).content.decode()
    assert reverse("proposals:inbox", args=[body.pk]) in html
    assert "Proposals inbox: 0 open, 0 past the answer date" in html
    home = client.get(reverse("organisation:home")).content.decode()
    assert 'id="overdue-proposals"' in home and 'id="my-proposals"' in home
    assert "You have not sent any proposals." in home
