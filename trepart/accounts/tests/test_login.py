"""The sign-in page, closed sign-up and the limit on failed sign-ins."""

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.test import Client
from django.urls import reverse

from trepart.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
SIGNUP = reverse("account_signup")


def test_login_page_is_shown(client: Client) -> None:
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert 'name="login"' in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_correct_password_signs_in(client: Client) -> None:
    user = UserFactory.create(username="kari")
    response = client.post(LOGIN, {"login": "kari", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_sign_up_is_closed(client: Client) -> None:
    users_before = get_user_model().objects.count()

    page = client.get(SIGNUP)
    posted = client.post(
        SIGNUP,
        {
            "username": "inntrenger",
            "email": "inntrenger@example.invalid",
            "password1": "Et-langt-passord-2026",
            "password2": "Et-langt-passord-2026",
        },
    )

    assert page.status_code == 200
    assert "account/signup_closed.html" in [t.name for t in page.templates]
    assert posted.status_code == 200
    assert get_user_model().objects.count() == users_before
    assert not get_user_model().objects.filter(username="inntrenger").exists()
    assert SESSION_KEY not in client.session


def test_sixth_sign_in_after_five_failures_is_refused_even_with_the_right_password(
    client: Client,
) -> None:
    UserFactory.create(username="kari")
    for _attempt in range(5):
        response = client.post(LOGIN, {"login": "kari", "password": "feil-passord"})
        assert response.status_code == 200
        assert response.context["form"].errors
    assert SESSION_KEY not in client.session

    response = client.post(LOGIN, {"login": "kari", "password": DEFAULT_PASSWORD})

    # allauth refuses it with its "too many failed login attempts" form error (HTTP 200
    # with the form, not 429: the 429 page is for the per-IP "login" limit).
    assert SESSION_KEY not in client.session
    codes = {error.code for error in response.context["form"].errors.as_data()["__all__"]}
    assert codes == {"too_many_login_attempts"}


def test_failures_for_one_user_do_not_lock_out_another(client: Client) -> None:
    UserFactory.create(username="kari")
    other = UserFactory.create(username="ola")
    for _attempt in range(5):
        client.post(LOGIN, {"login": "kari", "password": "feil-passord"})

    client.post(LOGIN, {"login": "ola", "password": DEFAULT_PASSWORD})

    assert client.session[SESSION_KEY] == str(other.pk)
