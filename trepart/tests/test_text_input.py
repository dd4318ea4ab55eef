"""Text that lies is refused the same way by the forms, the API and the CSV imports: a title
of invisible characters is no title, a bidirectional override cannot disguise a file name,
a NUL byte is an error rather than a database failure, and descriptions have a limit."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from trepart.analysis.models import AbsenceRecord
from trepart.analysis.services.absence import absence_import
from trepart.organisation.imports.services import people_import, units_import
from trepart.organisation.models import Person, Unit
from trepart.platform.text import TEXT_MAX
from trepart.proposals.models import Proposal
from trepart.proposals.tests.api_world import Api, World, make_world, proposal_body

pytestmark = pytest.mark.django_db

INVISIBLE_TITLE = "\u200b\u200c\u200d\u2060\ufeff\u3000\u00a0"
DISGUISED = "Forslag \u202egnp.exe"
ONE_MEGABYTE = "Lang tekst. " * (1_000_000 // 12)


@pytest.fixture
def world() -> World:
    return make_world()


def form_post(world: World, **changes: Any) -> Any:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.proposer)
    data = {
        "title": "Felles lunsjrom for lærerne",
        "description": "Lærerne spiser i klasserommene. Et lunsjrom gir pause og fellesskap.",
        "units": [str(world.school.pk)],
        **changes,
    }
    return client.post(reverse("proposals:new"), data)


# ---------------------------------------------------------------------------------------
# Forms


def test_the_form_refuses_a_title_of_invisible_characters(world: World) -> None:
    response = form_post(world, title=INVISIBLE_TITLE)
    assert response.status_code == 400  # the form again, with its errors
    assert response.context["form"].errors["title"] == ["Give the proposal a title."]
    assert not Proposal.objects.exists()


def test_the_form_refuses_a_bidirectional_override(world: World) -> None:
    response = form_post(world, title=DISGUISED)
    assert response.status_code == 400  # the form again, with its errors
    assert "reorders how text is displayed" in response.context["form"].errors["title"][0]
    assert not Proposal.objects.filter(title__contains="gnp.exe").exists()


def test_the_form_refuses_a_nul_byte(world: World) -> None:
    response = form_post(world, description="Lunsjrom\x00 for alle.")
    assert response.status_code == 400  # the form again, with its errors
    assert "control character" in response.context["form"].errors["description"][0]
    assert not Proposal.objects.exists()


def test_the_form_refuses_a_megabyte_description_and_keeps_what_was_typed(world: World) -> None:
    response = form_post(world, description=ONE_MEGABYTE)
    assert response.status_code == 400  # the form again, with its errors
    error = response.context["form"].errors["description"][0]
    assert f"at most {TEXT_MAX:,}".replace(",", "\u00a0") in error
    assert "Shorten it" in error
    assert ONE_MEGABYTE[:1000] in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_form_stores_text_normalised(world: World) -> None:
    response = form_post(world, title="  \u200bA\u0301pen skole\u200b  ")
    assert response.status_code == 302
    assert Proposal.objects.get().title == "\u00c1pen skole"


# ---------------------------------------------------------------------------------------
# API


def test_the_api_refuses_a_title_of_invisible_characters(world: World) -> None:
    api = Api(world.proposer)
    refused = api.post("/proposals", proposal_body(world, title=INVISIBLE_TITLE), expect=400)
    assert refused["errors"]["title"] == ["Give the proposal a title."]
    assert not Proposal.objects.exists()


def test_the_api_refuses_a_bidirectional_override(world: World) -> None:
    api = Api(world.proposer)
    refused = api.post("/proposals", proposal_body(world, title=DISGUISED), expect=422)
    assert refused["detail"][0]["loc"] == ["body", "payload", "title"]
    assert "U+202E" in refused["detail"][0]["msg"]
    assert not Proposal.objects.exists()


def test_the_api_refuses_a_megabyte_description(world: World) -> None:
    api = Api(world.proposer)
    refused = api.post("/proposals", proposal_body(world, description=ONE_MEGABYTE), expect=422)
    assert "at most" in refused["detail"][0]["msg"]
    assert not Proposal.objects.exists()


# ---------------------------------------------------------------------------------------
# CSV imports


def test_an_import_refuses_a_unit_named_only_by_invisible_characters(world: World) -> None:
    data = f"kode;navn;overordnet_kode;type;antall_ansatte\n9000;{INVISIBLE_TITLE};;enhet;3\n"
    result = units_import(actor=world.admin, municipality=world.municipality, data=data.encode())
    assert [(e.line, e.column) for e in result.errors] == [(2, "navn")]
    assert not Unit.objects.filter(code="9000").exists()


@pytest.mark.parametrize(
    ("cell", "words"),
    [("Ola\x00", "control character"), (DISGUISED, "reorders how text is displayed")],
)
def test_an_import_reports_a_bad_character_on_its_row_and_writes_nothing(
    world: World, cell: str, words: str
) -> None:
    data = (
        "ansattnummer;fornavn;etternavn;type;enhetskode\n"
        "20001;Kari;Nordmann;ansatt;\n"
        f"20002;{cell};Hansen;ansatt;\n"
    )
    result = people_import(actor=world.admin, municipality=world.municipality, data=data.encode())
    assert [(e.line, e.column) for e in result.errors] == [(3, "fornavn")]
    assert words in result.errors[0].message
    assert not Person.objects.filter(last_name__in=["Nordmann", "Hansen"]).exists()


def test_the_sick_leave_import_reports_a_nul_byte_on_its_row_and_writes_nothing(
    world: World,
) -> None:
    world.school.code = "1200"
    world.school.save()
    data = (
        "enhet;periode;avtalte_dagsverk;tapte_dagsverk_legemeldt;tapte_dagsverk_egenmeldt;ansatte\n"
        "1200;2026-01;1580,5;112,4;18,5;85\n"
        "1200\x00;2026-02;1490;101,2;20,3;85\n"
    )
    result = absence_import(actor=world.admin, municipality=world.municipality, data=data.encode())
    assert [(e.line, e.column) for e in result.errors] == [(3, "enhet")]
    assert "control character" in result.errors[0].message
    assert not AbsenceRecord.objects.exists()
