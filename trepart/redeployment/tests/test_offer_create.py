"""An offer outside a round starts from the person's case and offers only the open vacancies
suitable for them, so the page stays short however many vacancies the bank holds."""

from __future__ import annotations

import pytest
from django.urls import reverse

from trepart.redeployment.models import CaseStatus, Offer, RedeploymentCase
from trepart.redeployment.tests.helpers import client_for
from trepart.redeployment.tests.world import build_bank_world

pytestmark = pytest.mark.django_db

URL = "redeployment:offer_create"


def test_the_offer_page_offers_the_persons_suitable_vacancies_and_makes_the_offer() -> None:
    world = build_bank_world()
    client = client_for(world.members["chair"])
    anne = world.cases["anne"]
    page = client.get(reverse(URL), {"case": anne.pk})
    assert page.status_code == 200
    offered = [value for value, _label in page.context["form"].fields["vacancy"].choices if value]
    # Anne has a full position: the 30 % night shift is outside the tolerance.
    assert world.vacancies["sykepleie"].pk in offered
    assert world.vacancies["natt"].pk not in offered
    refused = client.post(f"{reverse(URL)}?case={anne.pk}", {"vacancy": world.vacancies["natt"].pk})
    assert refused.status_code == 400 and not Offer.objects.exists()
    made = client.post(
        f"{reverse(URL)}?case={anne.pk}",
        {"vacancy": world.vacancies["sykepleie"].pk, "suitable": "on"},
    )
    offer = Offer.objects.get()
    assert made.status_code == 302 and made["Location"] == reverse(
        "redeployment:offer_detail", args=[offer.pk]
    )
    assert (offer.case_id, offer.suitable) == (anne.pk, True)


def test_the_offer_page_without_a_person_leads_to_the_register_and_hides_other_banks() -> None:
    world = build_bank_world()
    client = client_for(world.members["chair"])
    page = client.get(reverse(URL))
    assert page.status_code == 200 and page.context["form"] is None
    assert reverse("redeployment:case_list") in page.content.decode()
    case_page = client.get(reverse("redeployment:case_detail", args=[world.cases["anne"].pk]))
    assert f"{reverse(URL)}?case={world.cases['anne'].pk}" in case_page.content.decode()
    stranger = build_bank_world()
    assert client.get(reverse(URL), {"case": stranger.cases["anne"].pk}).status_code == 404
    RedeploymentCase.objects.filter(pk=world.cases["bjorn"].pk).update(status=CaseStatus.PLACED)
    placed = client.get(reverse(URL), {"case": world.cases["bjorn"].pk})
    assert placed.context["offerable"] is False
    assert client_for(world.hiring).get(reverse(URL)).status_code == 403
