"""Password rules: at least 8 characters, not a common password, long passphrases welcome."""

from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from trepart.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PASSPHRASE = "tre parter rundt samme bord, og ingen går før saken er godt nok drøftet"[:64]
CHANGE = reverse("account_change_password")


def test_passphrase_is_64_characters() -> None:
    assert len(PASSPHRASE) == 64


def test_eight_character_uncommon_password_is_accepted() -> None:
    validate_password("Tind8ørn", UserFactory.create(username="kari"))


def test_seven_character_password_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        validate_password("Tind8ør", UserFactory.create(username="kari"))
    assert "password_too_short" in {e.code for e in error.value.error_list}


def test_common_password_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        validate_password("password1", UserFactory.create(username="kari"))
    assert "password_entirely_numeric" not in {e.code for e in error.value.error_list}
    assert "password_too_common" in {e.code for e in error.value.error_list}


def test_64_character_passphrase_is_accepted() -> None:
    validate_password(PASSPHRASE, UserFactory.create(username="kari"))


def test_absurdly_long_password_is_refused() -> None:
    with pytest.raises(ValidationError):
        validate_password("x" * 5000, UserFactory.create(username="kari"))


@pytest.mark.usefixtures("real_password_hasher")
def test_stored_hash_is_argon2() -> None:
    assert settings.PASSWORD_HASHERS[0].endswith(".Argon2PasswordHasher")
    user = UserFactory.create()
    user.set_password(PASSPHRASE)
    user.save()
    user.refresh_from_db()
    assert user.password.startswith("argon2")


def change_password(client: Client, new: str) -> Any:
    return client.post(
        CHANGE, {"oldpassword": DEFAULT_PASSWORD, "password1": new, "password2": new}
    )


@pytest.mark.usefixtures("real_password_hasher")
def test_passphrase_set_through_allauth_is_argon2_and_signs_in(client: Client) -> None:
    user = UserFactory.create(username="kari")
    client.force_login(user)

    response = change_password(client, PASSPHRASE)

    assert response.status_code == 302, response.context["form"].errors
    user.refresh_from_db()
    assert user.password.startswith("argon2")
    assert user.check_password(PASSPHRASE)

    fresh = Client()
    response = fresh.post(reverse("account_login"), {"login": "kari", "password": PASSPHRASE})
    assert response.status_code == 302
    assert fresh.session[SESSION_KEY] == str(user.pk)


@pytest.mark.parametrize(("password", "code"), [("Tind8ør", "min_length"), ("password1", "")])
def test_allauth_refuses_short_and_common_passwords(
    client: Client, password: str, code: str
) -> None:
    user = UserFactory.create(username="kari")
    client.force_login(user)

    response = change_password(client, password)

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)


def test_allauth_accepts_an_eight_character_password(client: Client) -> None:
    user = UserFactory.create(username="kari")
    client.force_login(user)

    assert change_password(client, "Tind8ørn").status_code == 302
    user.refresh_from_db()
    assert user.check_password("Tind8ørn")
