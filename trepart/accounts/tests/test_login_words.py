"""The sign-in page's words in bokmål, nynorsk and English."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from trepart.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")

LABELS = {
    "nb": "Brukernavn eller e-postadresse",
    "nn": "Brukarnamn eller e-postadresse",
    "en": "User name or e-mail address",
}
FORGOT = {"nb": "Glemt passordet?", "nn": "Gløymt passordet?", "en": "Forgot your password?"}
WRONG = {
    "nb": "Brukernavnet eller passordet er feil.",
    "nn": "Brukarnamnet eller passordet er feil.",
    "en": "The user name or the password is wrong.",
}


def _page(client: Client, language: str, data: dict[str, str] | None = None) -> str:
    client.cookies["trepart_language"] = language
    response = client.post(LOGIN, data) if data else client.get(LOGIN)
    assert response.status_code == 200
    return response.content.decode()


def _label_of_login_field(html: str) -> str:
    match = re.search(r'<label[^>]*for="id_login"[^>]*>([^<]*)</label>', html)
    assert match
    return match.group(1).strip()


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_user_name_field_says_what_to_type_and_reset_link_shows_once(
    client: Client, language: str
) -> None:
    html = _page(client, language)

    assert _label_of_login_field(html) == LABELS[language]
    assert html.count(FORGOT[language]) == 1
    assert html.count(reverse("account_reset_password")) == 1


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_wrong_password_is_told_in_the_readers_language(client: Client, language: str) -> None:
    UserFactory.create(username="kari")

    html = _page(client, language, {"login": "kari", "password": "feil-passord"})

    assert WRONG[language] in html
    # allauth's own bokmål text must not reach a nynorsk or English reader.
    assert "Brukernavnet og/eller passordet du oppgav er feil" not in html
