"""The case's history as a tagged PDF for the employee and their union, and in the API:
members see every event with the bank's note; the person their own, without the note;
nobody else anything."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pypdf
import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.redeployment.models import CaseEvent, Offer, OfferPart, RedeploymentCase
from trepart.redeployment.services.outcomes import case_outcome_record
from trepart.redeployment.tests.world import BankWorld, build_bank_world

pytestmark = pytest.mark.django_db

WHY = "Omstilling i pleie og omsorg."
CONSEQUENCES = "Saken går videre til drøfting om oppsigelse."


@pytest.fixture
def world() -> BankWorld:
    world = build_bank_world()
    case = world.cases["bjorn"]
    offer = Offer.objects.create(
        municipality=world.municipality,
        case=case,
        made_on=datetime.date(2026, 10, 1),
        deadline=datetime.date(2026, 10, 15),
        status=Offer.Status.DECLINED,
        answered_on=datetime.date(2026, 10, 10),
        answer_note="For lang reisevei.",
    )
    OfferPart.objects.create(
        municipality=world.municipality,
        offer=offer,
        vacancy=world.vacancies["natt"],
        is_open=False,
    )
    case_outcome_record(
        actor=world.members["union"],
        case=case,
        version=case.version,
        kind=CaseEvent.Kind.DECLINED_SUITABLE,
        on=datetime.date(2026, 10, 10),
        why=WHY,
        consequences=CONSEQUENCES,
    )
    return world


def client_for(user: Any = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def pdf_of(response: Any) -> tuple[pypdf.PdfReader, str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    return reader, " ".join(text.split())


def url(world: BankWorld, key: str = "bjorn") -> str:
    return reverse("redeployment:case_pdf", args=[world.cases[key].pk])


def test_the_pdf_holds_every_event_offer_and_rule_and_is_tagged(world: BankWorld) -> None:
    reader, text = pdf_of(client_for(world.members["chair"]).get(url(world)))
    assert WHY in text and CONSEQUENCES in text
    assert world.members["union"].person.full_name in text  # who recorded it
    assert "For lang reisevei." in text and "Helsefagarbeider (natt)" in text
    assert "Months of preferential right after notice" in text
    assert "Fagbrev helsefagarbeider" in text  # the qualifications
    assert "Tåler ikke tunge løft." in text  # the bank's own copy holds its note
    root: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert "pdfuaid:part" in root["/Metadata"].get_object().get_data().decode()
    assert reader.metadata is not None
    assert world.people["bjorn"].person.full_name in str(reader.metadata.title)


def test_the_person_gets_their_own_pdf_without_the_banks_note(world: BankWorld) -> None:
    _reader, text = pdf_of(client_for(world.people["bjorn"]).get(url(world)))
    assert WHY in text and CONSEQUENCES in text
    assert "Tåler ikke" not in text


def test_nobody_else_gets_the_pdf(world: BankWorld) -> None:
    assert client_for().get(url(world)).status_code == 302
    stranger = UserFactory.create(municipality=MunicipalityFactory.create())
    for user in (world.outsider, world.hiring, world.people["anne"], stranger):
        assert client_for(user).get(url(world)).status_code == 404


def api(world: BankWorld, key: str = "bjorn") -> str:
    return f"/api/v1/redeployment/cases/{world.cases[key].pk}/history"


def test_the_api_gives_the_history_with_the_same_rules(world: BankWorld) -> None:
    member = client_for(world.members["leader"]).get(api(world)).json()
    assert member["case"]["adapted_work_note"] == "Tåler ikke tunge løft."
    assert [event["kind"] for event in member["events"]] == ["DECLINED_SUITABLE"]
    assert member["offers"][0]["vacancies"] == ["Helsefagarbeider (natt)"]
    own = client_for(world.people["bjorn"]).get(api(world)).json()
    assert own["case"]["adapted_work_note"] is None
    assert own["events"][0]["consequences"] == CONSEQUENCES
    assert client_for().get(api(world)).status_code == 401
    for user in (world.outsider, world.hiring, world.people["anne"]):
        assert client_for(user).get(api(world)).status_code == 404


def test_the_api_records_an_outcome_for_members_only(world: BankWorld) -> None:
    path = f"/api/v1/redeployment/cases/{world.cases['anne'].pk}/outcomes"
    body = {"kind": "RETRAINING", "on": "2026-10-20", "why": "Kurs i barnehage.", "version": 1}
    for user in (world.outsider, world.hiring, world.people["anne"]):
        refused = client_for(user).post(path, body, content_type="application/json")
        assert refused.status_code == 403
    client = client_for(world.members["chair"])
    made = client.post(path, body, content_type="application/json")
    assert made.status_code == 201, made.content
    assert made.json()["case"]["status"] == "RETRAINING"
    stale = client.post(path, body, content_type="application/json")
    assert stale.status_code == 409
    bad = client.post(
        path, {**body, "why": "", "on": "2020-01-01", "version": 2}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"why", "on"}
    assert RedeploymentCase.objects.get(pk=world.cases["anne"].pk).version == 2


def test_the_api_figures_are_for_members_only(world: BankWorld) -> None:
    found = client_for(world.members["chair"]).get("/api/v1/redeployment/figures")
    assert found.status_code == 200
    assert found.json()["total"] is None  # three people: hidden
    assert client_for().get("/api/v1/redeployment/figures").status_code == 401
    for user in (world.outsider, world.hiring, world.people["anne"]):
        assert client_for(user).get("/api/v1/redeployment/figures").status_code == 403


def test_the_api_offers_the_outcomes_the_service_knows() -> None:
    from typing import get_args

    from trepart.redeployment.api.rights import OutcomeKind
    from trepart.redeployment.services.outcomes import OUTCOMES

    assert set(get_args(OutcomeKind)) == {str(kind.value) for kind in OUTCOMES}


def test_the_pdf_speaks_the_readers_language(world: BankWorld) -> None:
    bjorn = world.people["bjorn"]
    bjorn.language = "nn"
    bjorn.save()
    client = Client()
    client.force_login(bjorn)
    reader, text = pdf_of(client.get(url(world)))
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "nn"
    assert reader.metadata is not None
    assert str(reader.metadata.title).startswith("Sakshistorikk")
    assert "Hendingar i saka" in text


def test_the_persons_page_links_each_offer_where_it_is_answered(world: BankWorld) -> None:
    offer = Offer.objects.get(case=world.cases["bjorn"])
    page = client_for(world.people["bjorn"]).get(reverse("redeployment:my_case"))
    text = page.content.decode()
    try:
        link = reverse("redeployment:offer_detail", args=[offer.pk])
    except NoReverseMatch:
        link = f"/stillingsbank/tilbud/{offer.pk}/"
    assert f'href="{link}"' in text
    assert WHY in text and "For lang reisevei." in text
    assert "Tåler ikke" not in text


def test_the_outcome_form_offers_the_positions_offered_to_the_employee(world: BankWorld) -> None:
    url = reverse("redeployment:outcome_record", args=[world.cases["bjorn"].pk])
    response = client_for(world.members["chair"]).get(url)
    choices = list(response.context["form"].fields["vacancy"].queryset)
    assert choices == [world.vacancies["natt"]]
