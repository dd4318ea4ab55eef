"""Tenancy predicates read only the user's own fields: no query, no domain model. The
tenant queryset scopes rows to the user's municipality, directly or through a relation."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.organisation.models import CompositionRule
from trepart.organisation.tests.factories import BodyFactory, CompositionRuleFactory
from trepart.platform.models import Notification
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


def message(municipality, subject="Hello") -> Notification:
    return Notification.objects.create(
        municipality=municipality,
        email="a@example.org",
        subject=subject,
        body="",
        day=datetime.date(2026, 1, 5),
    )


@pytest.mark.django_db
def test_for_user_gives_only_the_rows_of_the_users_municipality():
    user = UserFactory()
    own = message(user.municipality)
    message(MunicipalityFactory())
    assert list(Notification.objects.for_user(user)) == [own]


@pytest.mark.django_db
def test_a_stranger_from_another_municipality_gets_nothing():
    message(MunicipalityFactory())
    assert not Notification.objects.for_user(UserFactory()).exists()


@pytest.mark.django_db
def test_a_visitor_and_a_user_without_a_municipality_get_nothing():
    row = message(MunicipalityFactory())
    homeless = UserFactory(municipality=None)
    assert not Notification.objects.for_user(AnonymousUser()).exists()
    assert not Notification.objects.for_user(homeless).exists()
    assert not Notification.objects.for_municipality(None).exists()
    assert list(Notification.objects.for_municipality(row.municipality_id)) == [row]


@pytest.mark.django_db
def test_scoping_keeps_the_querysets_own_methods_and_filters():
    user = UserFactory()
    message(user.municipality, subject="Kept")
    message(user.municipality, subject="Other")
    found = Notification.objects.filter(subject="Kept").for_user(user)
    assert [n.subject for n in found] == ["Kept"]


@pytest.mark.django_db
def test_a_model_reaches_its_municipality_through_a_relation():
    user = UserFactory()
    own = CompositionRuleFactory(body=BodyFactory(municipality=user.municipality))
    CompositionRuleFactory(body=BodyFactory(municipality=MunicipalityFactory()))
    assert list(CompositionRule.objects.for_user(user)) == [own]
    assert list(CompositionRule.objects.for_municipality(user.municipality)) == [own]
    assert not CompositionRule.objects.for_user(AnonymousUser()).exists()
