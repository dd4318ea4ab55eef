"""The organisation in the JSON API: units, people and bodies, read-only.

Everything is scoped to the caller's municipality; an id from another municipality, or a
person the caller may not see, answers 404 so the API does not confirm that it exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Query, Router

from trepart.organisation import selectors
from trepart.organisation.models import Body, Person
from trepart.organisation.permissions import can_view_contact_details
from trepart.organisation.schemas import (
    BodyDetailOut,
    BodyPage,
    BodyQuery,
    Error,
    PageQuery,
    PersonOut,
    PersonPage,
    PersonQuery,
    UnitOut,
    UnitPage,
    UnitQuery,
)
from trepart.platform.api import Id, caller, one_or_404

router = Router(tags=["organisation"])

M = TypeVar("M", bound=Model)


def _page(
    items: QuerySet[M], filters: PageQuery, out: Callable[[list[M]], list[Any]] = list
) -> dict[str, Any]:
    """The page of ``items`` that ``filters`` asks for, each row made an item by ``out``."""
    page = out(list(items[filters.offset : filters.offset + filters.limit]))
    return {"count": items.count(), "items": page}


def _person_out(person: Person, *, show_contact: bool) -> dict[str, Any]:
    """A person as ``PersonOut``, with e-mail and phone only when the caller may see them."""
    return {
        "id": person.pk,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "kind": person.kind,
        "unit_id": person.unit_id,
        "position": person.position,
        "is_leader": person.is_leader,
        "email": person.email if show_contact else None,
        "phone": person.phone if show_contact else None,
    }


def _body_out(body: Body, status: selectors.BodyStatus) -> dict[str, Any]:
    """A body as ``BodyOut``, with its composition check and continuity."""
    return {
        "id": body.pk,
        "name": body.name,
        "kind": body.kind,
        "unit_id": body.unit_id,
        "parent_id": body.parent_id,
        "is_statutory_5_11": body.is_statutory_5_11,
        "composition_ok": status.composition.ok,
        "problems": status.composition.problems,
        "continuity": status.continuity,
    }


@router.get(
    "/units",
    response={200: UnitPage, 403: Error},
    operation_id="unit_list",
    summary="List units",
)
def unit_list(request: HttpRequest, filters: Query[UnitQuery]) -> dict[str, Any]:
    """The municipality's units (sectors and workplaces), by name."""
    user = caller(request)
    units = selectors.unit_queryset(user=user).order_by("name", "pk")
    if filters.parent_id is not None:
        units = units.filter(parent_id=filters.parent_id)
    return _page(units, filters)


@router.get(
    "/units/{unit_id}",
    response={200: UnitOut, 403: Error, 404: Error},
    operation_id="unit_get",
    summary="Get a unit",
)
def unit_get(request: HttpRequest, unit_id: Id) -> Any:
    user = caller(request)
    return one_or_404(selectors.unit_queryset(user=user), unit_id)


@router.get(
    "/people",
    response={200: PersonPage, 403: Error},
    operation_id="person_list",
    summary="List people",
)
def person_list(request: HttpRequest, filters: Query[PersonQuery]) -> dict[str, Any]:
    """The people the caller may see; citizens only for administrators and those who sit
    with them. E-mail and phone are null unless the caller may see them."""
    user = caller(request)
    people = selectors.person_list(
        user=user, query=filters.q, kind=filters.kind or "", unit_id=filters.unit_id
    )

    def out(page: list[Person]) -> list[dict[str, Any]]:
        contact = selectors.people_sharing_a_body(user=user, among=[p.pk for p in page])
        return [_person_out(p, show_contact=contact is None or p.pk in contact) for p in page]

    return _page(people, filters, out)


@router.get(
    "/people/{person_id}",
    response={200: PersonOut, 403: Error, 404: Error},
    operation_id="person_get",
    summary="Get a person",
)
def person_get(request: HttpRequest, person_id: Id) -> Any:
    user = caller(request)
    person = one_or_404(selectors.person_list(user=user), person_id)
    return _person_out(person, show_contact=can_view_contact_details(user, person))


@router.get(
    "/bodies",
    response={200: BodyPage, 403: Error},
    operation_id="body_list",
    summary="List bodies with their rule checks",
)
def body_list(request: HttpRequest, filters: Query[BodyQuery]) -> dict[str, Any]:
    """Bodies with today's composition check and membership continuity over the last
    twelve months. The number of queries does not depend on the page size."""
    user = caller(request)
    bodies = selectors.body_list(user=user, kind=filters.kind or "", query=filters.q)

    def out(page: list[Body]) -> list[dict[str, Any]]:
        statuses = selectors.body_statuses(page)
        return [_body_out(body, statuses[body.pk]) for body in page]

    return _page(bodies, filters, out)


@router.get(
    "/bodies/{body_id}",
    response={200: BodyDetailOut, 403: Error, 404: Error},
    operation_id="body_get",
    summary="Get a body with its rules and members",
)
def body_get(request: HttpRequest, body_id: Id) -> Any:
    user = caller(request)
    body = one_or_404(selectors.body_queryset(user=user), body_id)
    members = [m for group in selectors.body_members(body=body).values() for m in group]
    hidden = selectors.hidden_members(user=user, members=members)
    return {
        **_body_out(body, selectors.body_status(body)),
        "mandate": body.mandate,
        "established": body.established,
        "rules": list(body.rules.all()),
        "members": [
            {
                "id": m.pk,
                "person": None if m.person_id in hidden else m.person,
                "party": m.party,
                "role": m.role,
                "capacity": m.capacity,
                "voting": m.voting,
                "start": m.start,
                "end": m.end,
            }
            for m in members
        ],
    }
