"""Factories for municipalities and users, shared by every app's tests."""

from __future__ import annotations

import functools
from typing import Any

import factory
from django.contrib.auth.hashers import make_password

from trepart.accounts.models import User
from trepart.organisation.models import Municipality

# Strong enough for every password validator; tests that log in use it.
DEFAULT_PASSWORD = "Fjordblå-stier-2026"


@functools.cache
def _default_password_hash() -> str:
    # Argon2 is slow on purpose; hash the shared test password once per run.
    return make_password(DEFAULT_PASSWORD)


class MunicipalityFactory(factory.django.DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Testkommune {n}")
    organisation_number = factory.Sequence(lambda n: f"{900000000 + n:09d}")


class UserFactory(factory.django.DjangoModelFactory[User]):
    """A user of a new municipality, with ``DEFAULT_PASSWORD`` unless ``password=`` is given."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    first_name = "Kari"
    last_name = factory.Sequence(lambda n: f"Nordmann {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@kommune.invalid")
    municipality = factory.SubFactory(MunicipalityFactory)
    # Tests read the English source texts; tests of Norwegian pages choose nb or nn.
    language = "en"

    @factory.post_generation
    def password(self: User, create: bool, extracted: str | None, **kwargs: Any) -> None:
        if extracted:
            self.set_password(extracted)
        else:
            self.password = _default_password_hash()
        if create:
            self.save(update_fields=["password"])


class MunicipalAdminFactory(UserFactory):
    is_municipal_admin = True
