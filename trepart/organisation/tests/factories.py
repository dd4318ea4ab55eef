"""Factories for the organisation: units, people, bodies, rules and memberships."""

from __future__ import annotations

import datetime

import factory

from trepart.accounts.tests.factories import MunicipalityFactory
from trepart.organisation.models import Body, CompositionRule, Membership, Person, Unit


class UnitFactory(factory.django.DjangoModelFactory[Unit]):
    class Meta:
        model = Unit

    municipality = factory.SubFactory(MunicipalityFactory)
    code = factory.Sequence(lambda n: f"E{n:04d}")
    name = factory.Sequence(lambda n: f"Enhet {n}")
    kind = Unit.Kind.UNIT
    employee_count = 20


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    municipality = factory.SubFactory(MunicipalityFactory)
    first_name = factory.Sequence(lambda n: f"Ola{n}")
    last_name = factory.Sequence(lambda n: f"Hansen{n}")
    email = factory.LazyAttribute(lambda p: f"{p.first_name.lower()}@kommune.invalid")
    kind = Person.Kind.EMPLOYEE


class BodyFactory(factory.django.DjangoModelFactory[Body]):
    class Meta:
        model = Body

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Organ {n}")
    kind = Body.Kind.TRIPARTITE
    established = datetime.date(2020, 1, 1)


class CompositionRuleFactory(factory.django.DjangoModelFactory[CompositionRule]):
    class Meta:
        model = CompositionRule

    body = factory.SubFactory(BodyFactory)
    kind = CompositionRule.Kind.PARITY


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    municipality = factory.SelfAttribute("body.municipality")
    person = factory.SubFactory(
        PersonFactory, municipality=factory.SelfAttribute("..body.municipality")
    )
    party = "EMPLOYEE"
    role = Membership.Role.MEMBER
    capacity = Membership.Capacity.OTHER
    start = datetime.date(2020, 1, 1)


def seat_body(
    body: Body, party: str, count: int, *, kind: str = Person.Kind.EMPLOYEE, **membership: object
) -> list[Membership]:
    """Give ``count`` new people a seat in ``body`` for ``party``."""
    return [
        MembershipFactory.create(
            body=body,
            party=party,
            person=PersonFactory.create(municipality=body.municipality, kind=kind),
            **membership,
        )
        for _ in range(count)
    ]
