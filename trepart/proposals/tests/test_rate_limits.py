"""The public proposal form and its similar-proposals lookup are rate-limited per client
address, by the public API's mechanism; a submission by form and one by API count together."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from trepart.accounts.tests.factories import MunicipalityFactory
from trepart.organisation.models import Municipality
from trepart.organisation.tests.factories import BodyFactory
from trepart.proposals.models import Proposal

pytestmark = pytest.mark.django_db

TYPED = {
    "title": "Benker langs elvestien",
    "description": "Eldre som går tur langs elva trenger steder å hvile underveis.",
    "proposer_name": "Per Innbygger",
    "proposer_email": "",
}


@pytest.fixture
def municipality() -> Municipality:
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False, name="Eikvik")
    BodyFactory.create(municipality=municipality, kind="COORDINATION", name="Koordineringsgruppa")
    return municipality


@pytest.fixture
def low_limits(settings: Any) -> None:
    # Lowered, so a test reaches them in a few requests.
    settings.TREPART_PUBLIC_RATE_LIMITS = {"public-proposal": "2/h", "public-similar": "3/h"}


def _citizen(language: str = "en", address: str = "192.0.2.10") -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE=language, REMOTE_ADDR=address)


@pytest.mark.usefixtures("low_limits")
def test_over_the_limit_the_form_answers_429_and_keeps_what_was_typed(
    municipality: Municipality,
) -> None:
    citizen = _citizen()
    url = reverse("proposals:public_new")
    for n in range(2):
        assert citizen.post(url, TYPED | {"title": f"Forslag {n}"}).status_code == 302

    response = citizen.post(url, TYPED)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "Many proposals have been sent from your address" in page
    assert "Benker langs elvestien" in page
    assert "Eldre som går tur langs elva" in page
    assert Proposal.objects.count() == 2
    # Another address is not held back.
    assert _citizen(address="192.0.2.99").post(url, TYPED).status_code == 302


@pytest.mark.usefixtures("low_limits")
def test_a_forged_forwarded_for_header_does_not_reset_the_count(
    municipality: Municipality,
) -> None:
    citizen = _citizen()
    url = reverse("proposals:public_new")
    for n in range(2):
        sent = citizen.post(
            url, TYPED | {"title": f"Forslag {n}"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
        )
        assert sent.status_code == 302

    response = citizen.post(url, TYPED, HTTP_X_FORWARDED_FOR="203.0.113.77")

    assert response.status_code == 429


@pytest.mark.usefixtures("low_limits")
def test_behind_a_proxy_the_client_is_the_address_it_added(
    municipality: Municipality, settings: Any
) -> None:
    settings.TREPART_PROXIES = 1
    proxy = _citizen(address="10.0.0.2")
    url = reverse("proposals:public_new")
    # The client sent its own header; the proxy appended the address it saw.
    for n in range(2):
        sent = proxy.post(
            url,
            TYPED | {"title": f"Forslag {n}"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7",
        )
        assert sent.status_code == 302

    held = proxy.post(url, TYPED, HTTP_X_FORWARDED_FOR="203.0.113.99, 198.51.100.7")
    other = proxy.post(url, TYPED, HTTP_X_FORWARDED_FOR="198.51.100.8")

    assert held.status_code == 429
    assert other.status_code == 302


@pytest.mark.usefixtures("low_limits")
def test_the_limit_page_is_in_the_citizens_language(municipality: Municipality) -> None:
    citizen = _citizen(language="nn")
    url = reverse("proposals:public_new")
    for _n in range(2):
        citizen.post(url, TYPED)

    response = citizen.post(url, TYPED)

    assert response.status_code == 429
    assert '<html lang="nn">' in response.content.decode()
    assert "Mange forslag er sende frå adressa di" in response.content.decode()


@pytest.mark.usefixtures("low_limits")
def test_the_form_and_the_public_api_count_together(municipality: Municipality) -> None:
    citizen = _citizen()
    api = "/api/v1/public/proposals"
    payload = {"title": TYPED["title"], "description": TYPED["description"]}
    for n in range(2):
        if n % 2:
            assert citizen.post(api, payload, content_type="application/json").status_code == 201
        else:
            assert citizen.post(reverse("proposals:public_new"), TYPED).status_code == 302

    assert citizen.post(api, payload, content_type="application/json").status_code == 429
    assert citizen.post(reverse("proposals:public_new"), TYPED).status_code == 429


@pytest.mark.usefixtures("low_limits")
def test_similar_lookups_are_limited(municipality: Municipality) -> None:
    citizen = _citizen()
    url = reverse("proposals:public_similar") + "?title=benker+langs+elva"
    for _n in range(3):
        assert citizen.get(url).status_code == 200

    response = citizen.get(url)

    assert response.status_code == 429
    assert "Too many look-ups for similar proposals" in response.content.decode()
    # The form's own check (without JavaScript) counts as a lookup too, and keeps the text.
    checked = citizen.post(reverse("proposals:public_new"), TYPED | {"check_similar": "1"})
    assert checked.status_code == 429
    assert "Benker langs elvestien" in checked.content.decode()
