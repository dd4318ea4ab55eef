"""A consensus objection reads "Innsigelse" (nb), "Innvending" (nn) and "Object" (en), as
meetings call it; the audit log's "object" (the thing changed) keeps its own word."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from trepart.proposals import services
from trepart.proposals.tests.world import World, build_world, submit

pytestmark = pytest.mark.django_db

OBJECTION = {"nb": "Innsigelse", "nn": "Innvending", "en": "Object"}


@pytest.fixture
def world() -> World:
    world = build_world()
    world.municipality.require_mfa_for_admins = False
    world.municipality.save(update_fields=["require_mfa_for_admins"])
    return world


def read(user: object, url: str, language: str) -> str:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    client.cookies["trepart_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    return unescape(response.content.decode())


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_an_objection_on_the_proposal_page_is_an_objection(world: World, language: str) -> None:
    proposal = submit(world)
    chair = world.lmu_chair.person.user
    services.proposal_take_up(actor=chair, proposal=proposal)
    services.position_record(
        actor=chair,
        proposal=proposal,
        membership=world.lmu_chair,
        stance="OBJECT",
        reason="Kjøkkenhagen tar plassen til uteskolen.",
    )

    html = read(chair, reverse("proposals:detail", args=[proposal.pk]), language)

    assert f"<td>{OBJECTION[language]}</td>" in html
    assert "Objekt" not in html


@pytest.mark.parametrize(
    ("language", "column"), [("nb", "Objekt"), ("nn", "Objekt"), ("en", "Object")]
)
def test_the_audit_logs_object_column_keeps_its_word(
    world: World, language: str, column: str
) -> None:
    from trepart.accounts.tests.factories import UserFactory

    admin = UserFactory.create(municipality=world.municipality, is_municipal_admin=True)
    submit(world)

    html = read(admin, "/logg/", language)

    assert f'<th scope="col">{column}</th>' in html
