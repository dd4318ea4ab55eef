"""Two-factor authentication: required for municipal administrators, asked for at login."""

import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from trepart.accounts.models import User
from trepart.accounts.tests.factories import (
    DEFAULT_PASSWORD,
    MunicipalAdminFactory,
    MunicipalityFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TOTP_SETUP = reverse("mfa_activate_totp")


def current_code(secret: str) -> str:
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def activate_totp(user: User) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.mark.parametrize("path", ["/", "/admin/", reverse("accounts:profile")])
def test_admin_without_totp_is_sent_to_set_it_up(client: Client, path: str) -> None:
    admin = MunicipalAdminFactory.create()
    assert admin.municipality is not None
    assert admin.municipality.require_mfa_for_admins  # the default
    client.force_login(admin)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == TOTP_SETUP


def test_totp_setup_page_itself_is_reachable(client: Client) -> None:
    client.force_login(MunicipalAdminFactory.create())

    response = client.get("/", follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/accounts/")


@pytest.mark.parametrize("path", ["/", "/admin/"])
def test_admin_with_totp_is_let_through(client: Client, path: str) -> None:
    admin = MunicipalAdminFactory.create()
    activate_totp(admin)
    client.force_login(admin)

    assert client.get(path).status_code == 200


def test_ordinary_user_is_not_forced(client: Client) -> None:
    client.force_login(UserFactory.create())
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("path", ["/", "/admin/"])
def test_admin_is_not_forced_when_the_municipality_does_not_require_it(
    client: Client, path: str
) -> None:
    admin = MunicipalAdminFactory.create(
        municipality=MunicipalityFactory.create(require_mfa_for_admins=False)
    )
    client.force_login(admin)
    assert client.get(path).status_code == 200


def test_totp_is_stored_the_way_allauth_reads_it() -> None:
    user = UserFactory.create()
    secret = activate_totp(user)
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    assert TOTP(authenticator).validate_code(current_code(secret))


def test_login_with_totp_asks_for_the_code_and_a_correct_code_signs_in(client: Client) -> None:
    user = UserFactory.create(username="kari")
    secret = activate_totp(user)

    response = client.post(
        reverse("account_login"), {"login": "kari", "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert SESSION_KEY not in client.session
    assert client.get(reverse("accounts:profile")).status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})

    assert response.status_code == 302
    assert response["Location"] == reverse("organisation:home")
    assert client.session[SESSION_KEY] == str(user.pk)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_wrong_totp_code_does_not_sign_in(client: Client) -> None:
    user = UserFactory.create(username="kari")
    secret = activate_totp(user)
    client.post(reverse("account_login"), {"login": "kari", "password": DEFAULT_PASSWORD})
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    valid = {format_hotp_value(hotp_value(secret, counter + i)) for i in range(-2, 3)}
    wrong = next(code for code in ("000000", "111111", "222222") if code not in valid)

    response = client.post(reverse("mfa_authenticate"), {"code": wrong})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert SESSION_KEY not in client.session
