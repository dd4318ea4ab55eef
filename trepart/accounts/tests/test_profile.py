import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from trepart.accounts.models import ApiToken, User, hash_token
from trepart.accounts.services import api_token_create
from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts:profile")
TOKEN_CREATE = reverse("accounts:token-create")
LANGUAGE = reverse("accounts:language-set")


@pytest.fixture
def user() -> User:
    return UserFactory.create(
        username="kari",
        first_name="Kari",
        last_name="Nordmann",
        municipality=MunicipalityFactory.create(name="Lunner kommune"),
    )


@pytest.fixture
def client_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def test_profile_needs_login(client: Client) -> None:
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_profile_shows_who_you_are_and_where_to_manage_security(client_in: Client) -> None:
    response = client_in.get(PROFILE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "kari" in html
    assert "Kari Nordmann" in html
    assert "Lunner kommune" in html
    assert f'href="{reverse("mfa_index")}"' in html
    assert f'href="{reverse("account_change_password")}"' in html
    assert f'action="{LANGUAGE}"' in html
    assert f'action="{TOKEN_CREATE}"' in html


def test_profile_lists_own_tokens_only(client_in: Client, user: User) -> None:
    mine, _raw = api_token_create(user=user, name="Lønnssystem")
    api_token_create(user=UserFactory.create(municipality=user.municipality), name="Someone else's")

    html = client_in.get(PROFILE).content.decode()

    assert "Lønnssystem" in html
    assert mine.hint in html
    assert "Someone else" not in html
    assert reverse("accounts:token-revoke", args=[mine.pk]) in html


def test_new_token_is_shown_once(client_in: Client, user: User) -> None:
    response = client_in.post(TOKEN_CREATE, {"name": "Rapportverktøy"})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    match = re.search(r'<code id="new-token"[^>]*>(tp_[^<]+)</code>', html)
    assert match, html
    raw = match.group(1)
    token = ApiToken.objects.get(user=user)
    assert token.name == "Rapportverktøy"
    assert token.token_hash == hash_token(raw)
    assert "will not be shown again" in html

    assert raw not in client_in.get(PROFILE).content.decode()


def test_token_without_a_name_is_refused_with_a_message(client_in: Client) -> None:
    response = client_in.post(TOKEN_CREATE, {"name": ""})

    assert response.status_code == 200
    assert response.context["token_form"].errors["name"]
    assert 'aria-invalid="true"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_token_create_is_post_only(client_in: Client) -> None:
    assert client_in.get(TOKEN_CREATE).status_code == 405
    assert not ApiToken.objects.exists()


def test_forms_need_a_csrf_token(user: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(TOKEN_CREATE, {"name": "x"}).status_code == 403
    assert client.post(LANGUAGE, {"language": "en"}).status_code == 403


def test_revoking_own_token(client_in: Client, user: User) -> None:
    token, _raw = api_token_create(user=user, name="Gammel")

    response = client_in.post(reverse("accounts:token-revoke", args=[token.pk]), follow=True)

    assert response.redirect_chain[-1][0] == PROFILE
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert "Gammel" not in response.content.decode().split("</main>")[0].split("<main")[1]


def test_revoking_someone_elses_token_is_404(client_in: Client, user: User) -> None:
    token, _raw = api_token_create(
        user=UserFactory.create(municipality=user.municipality), name="x"
    )

    response = client_in.post(reverse("accounts:token-revoke", args=[token.pk]))

    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_language_choice_is_saved_and_applies_at_once(client_in: Client, user: User) -> None:
    response = client_in.post(LANGUAGE, {"language": "en"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "en"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    page = client_in.get(PROFILE)
    assert page["Content-Language"] == "en"
    assert '<html lang="en">' in page.content.decode()


def test_choosing_the_municipalitys_language_clears_the_cookie(
    client_in: Client, user: User
) -> None:
    client_in.post(LANGUAGE, {"language": "en"})

    response = client_in.post(LANGUAGE, {"language": ""})

    user.refresh_from_db()
    assert user.language == ""
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == ""
    assert cookie["max-age"] == 0
    # With no cookie, the municipality's language (bokmål by default) applies.
    assert user.municipality is not None
    assert client_in.get(PROFILE)["Content-Language"] == user.municipality.language


def test_unknown_language_is_refused(client_in: Client, user: User) -> None:
    response = client_in.post(LANGUAGE, {"language": "de"})

    assert response.status_code == 200
    assert response.context["language_form"].errors["language"]
    user.refresh_from_db()
    assert user.language == "en"  # unchanged
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
