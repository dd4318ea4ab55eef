"""Tenancy predicates read only the user's own fields: no query, no domain model."""

from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from trepart.platform.tenancy import is_municipal_admin, same_municipality

User = get_user_model()


def test_a_municipal_admin_administers_only_with_a_municipality():
    assert is_municipal_admin(User(municipality_id=1, is_municipal_admin=True))
    assert not is_municipal_admin(User(municipality_id=None, is_municipal_admin=True))
    assert not is_municipal_admin(User(municipality_id=1))


def test_a_superuser_without_a_municipality_is_no_municipal_admin():
    assert is_municipal_admin(User(municipality_id=1, is_superuser=True))
    assert not is_municipal_admin(User(municipality_id=None, is_superuser=True))


def test_a_visitor_is_no_admin_and_in_no_municipality():
    row = SimpleNamespace(municipality_id=None)
    assert not is_municipal_admin(AnonymousUser())
    assert not same_municipality(AnonymousUser(), row)


def test_same_municipality_compares_the_row_with_the_user():
    user = User(municipality_id=1)
    assert same_municipality(user, SimpleNamespace(municipality_id=1))
    assert not same_municipality(user, SimpleNamespace(municipality_id=2))
