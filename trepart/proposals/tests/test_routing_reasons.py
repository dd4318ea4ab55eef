"""Why a proposal went where it did: stored as a code and values, read in each reader's
language on the proposal's page, the tracking page and in the API."""

from __future__ import annotations

import importlib
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from trepart.proposals.models import Event
from trepart.proposals.tests.world import World, build_world, submit

pytestmark = pytest.mark.django_db

ONE_WORKPLACE = {
    "nb": "Forslag som berører én arbeidsplass behandles i arbeidsplassens LMU.",
    "nn": "Forslag som gjeld éin arbeidsplass, blir handsama i LMU-et på arbeidsplassen.",
    "en": "Proposals that concern one workplace are handled by the workplace's LMU.",
}
NO_LMU = {
    "nb": "Solsikken barnehage har ikke noe LMU, så forslaget sendes videre.",
    "nn": "Solsikken barnehage har ikkje noko LMU, så forslaget blir sendt vidare.",
    "en": "Solsikken barnehage has no LMU, so the proposal goes on.",
}


@pytest.fixture
def world() -> World:
    return build_world()


def page(world: World, pk: int, language: str) -> str:
    client = Client()
    user = world.lmu_chair.person.user
    assert user is not None
    client.force_login(user)
    client.cookies["trepart_language"] = language
    response = client.get(reverse("proposals:detail", args=[pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_history_gives_the_routing_rule_in_the_readers_language(
    world: World, language: str
) -> None:
    # Sent by someone reading English: the reason is not frozen in the sender's language.
    with translation.override("en"):
        proposal = submit(world)

    html = unescape(page(world, proposal.pk, language))

    assert ONE_WORKPLACE[language] in html
    for other in set(ONE_WORKPLACE) - {language}:
        assert ONE_WORKPLACE[other] not in html


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_a_unit_without_an_lmu_is_told_in_the_readers_language(world: World, language: str) -> None:
    with translation.override("nb"):
        proposal = submit(world, unit_ids=[world.kindergarten.pk])
    routed = proposal.events.get(kind=Event.Kind.ROUTED)

    with translation.override(language):
        assert routed.shown_reason == NO_LMU[language]
    assert routed.reason == ""
    assert routed.data["why"] == {"code": "no_lmu", "unit": "Solsikken barnehage"}


def test_the_stored_sentences_of_earlier_versions_become_codes() -> None:
    migration = importlib.import_module(
        "trepart.proposals.migrations.0003_routing_reasons_as_codes"
    )

    assert migration._why(ONE_WORKPLACE["nb"]) == {"code": "rule", "note": ONE_WORKPLACE["nb"]}
    assert migration._why(NO_LMU["nb"]) == {"code": "no_lmu", "unit": "Solsikken barnehage"}
    assert migration._why("Rutingsregel 40.") == {"code": "rule", "note": "", "priority": 40}
    assert migration._why(
        "Ingen rutingsregel passa, så forslaget går til Koordineringsgruppa."
    ) == {"code": "no_rule", "body": "Koordineringsgruppa"}
    assert migration._why("Vår egen regel for skolene.") is None
