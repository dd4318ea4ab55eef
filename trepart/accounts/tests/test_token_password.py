"""A personal API token stops working when its user's password changes, whichever way it
changes; the profile page says so."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from trepart.accounts.models import User
from trepart.accounts.services import api_token_create
from trepart.accounts.tests.factories import DEFAULT_PASSWORD, MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db

UNITS = "/api/v1/units"
NEW_PASSWORD = "Nye-fjellstier-2027"


def _user() -> User:
    return UserFactory.create(
        username="kari",
        language="en",
        municipality=MunicipalityFactory.create(require_mfa_for_admins=False),
    )


def _works(raw: str) -> bool:
    status = Client().get(UNITS, headers={"Authorization": f"Bearer {raw}"}).status_code
    assert status in (200, 401)
    return status == 200


def test_changing_the_password_on_the_change_form_ends_the_token(client: Client) -> None:
    user = _user()
    _token, raw = api_token_create(user=user, name="script")
    assert _works(raw)
    client.force_login(user)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": DEFAULT_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert not _works(raw)


def test_resetting_the_password_by_e_mail_ends_the_token(client: Client) -> None:
    user = _user()
    _token, raw = api_token_create(user=user, name="script")
    assert _works(raw)

    client.post(reverse("account_reset_password"), {"email": user.email})
    body = str(mail.outbox[-1].body)
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", body)
    assert link is not None, body
    form_url = client.get(link.group(1))["Location"]
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not _works(raw)


def test_a_password_set_anywhere_else_ends_the_token_too() -> None:
    # The admin, `trepart changepassword` and any service end in set_password + save.
    user = _user()
    _token, raw = api_token_create(user=user, name="script")
    user.set_password(NEW_PASSWORD)
    user.save()

    assert not _works(raw)


def test_a_token_made_after_the_change_works(client: Client) -> None:
    user = _user()
    api_token_create(user=user, name="before")
    user.set_password(NEW_PASSWORD)
    user.save()

    _token, raw = api_token_create(user=user, name="after")

    assert _works(raw)


def test_the_profile_marks_the_tokens_that_stopped(client: Client) -> None:
    user = _user()
    api_token_create(user=user, name="old script")
    user.set_password(NEW_PASSWORD)
    user.save()
    api_token_create(user=user, name="new script")
    client.force_login(user)

    page = client.get(reverse("accounts:profile")).content.decode()

    rows = re.findall(r"<tr>.*?</tr>", page, re.DOTALL)
    old = next(row for row in rows if "old script" in row)
    new = next(row for row in rows if "new script" in row)
    assert "Stopped working" in old
    assert "Stopped working" not in new
