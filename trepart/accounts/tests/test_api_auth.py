"""The API accepts a personal bearer token or the browser session, and nothing else."""

import datetime

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone

from trepart.accounts.api import BearerToken
from trepart.accounts.models import ApiToken
from trepart.accounts.services import api_token_create, api_token_revoke
from trepart.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

UNITS = "/api/v1/units"


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def test_bearer_token_authenticates_as_its_user() -> None:
    user = UserFactory.create()
    _token, raw = api_token_create(user=user, name="script")
    request = RequestFactory().get(UNITS)

    assert BearerToken().authenticate(request, raw) == user
    assert request.user == user


def test_bearer_token_records_when_it_was_last_used() -> None:
    user = UserFactory.create()
    token, raw = api_token_create(user=user, name="script")

    BearerToken().authenticate(RequestFactory().get(UNITS), raw)

    token.refresh_from_db()
    assert token.last_used_at is not None
    assert timezone.now() - token.last_used_at < datetime.timedelta(minutes=1)


def test_unknown_revoked_and_inactive_tokens_do_not_authenticate() -> None:
    user = UserFactory.create()
    revoked, revoked_raw = api_token_create(user=user, name="old")
    api_token_revoke(user=user, token_id=revoked.pk)
    inactive = UserFactory.create(is_active=False)
    _token, inactive_raw = api_token_create(user=inactive, name="left")
    auth = BearerToken()

    for raw in ["tp_nonsense", revoked_raw, inactive_raw, ""]:
        assert auth.authenticate(RequestFactory().get(UNITS), raw) is None


def test_api_request_with_bearer_token_is_answered_for_that_user(client: Client) -> None:
    user = UserFactory.create()
    _token, raw = api_token_create(user=user, name="script")

    response = client.get(UNITS, headers=bearer(raw))

    assert response.status_code == 200
    assert "items" in response.json()
    assert ApiToken.objects.get(user=user).last_used_at is not None


def test_api_request_without_credentials_is_401(client: Client) -> None:
    assert client.get(UNITS).status_code == 401


def test_api_request_with_unknown_token_is_401(client: Client) -> None:
    assert client.get(UNITS, headers=bearer("tp_not-a-real-token")).status_code == 401


def test_api_request_with_revoked_token_is_401(client: Client) -> None:
    user = UserFactory.create()
    token, raw = api_token_create(user=user, name="script")
    assert client.get(UNITS, headers=bearer(raw)).status_code == 200

    api_token_revoke(user=user, token_id=token.pk)

    assert client.get(UNITS, headers=bearer(raw)).status_code == 401


def test_the_hash_itself_is_not_a_token(client: Client) -> None:
    token, _raw = api_token_create(user=UserFactory.create(), name="script")
    assert client.get(UNITS, headers=bearer(token.token_hash)).status_code == 401


def test_signed_in_browser_user_can_use_the_api(client: Client) -> None:
    client.force_login(UserFactory.create())
    assert client.get(UNITS).status_code == 200
