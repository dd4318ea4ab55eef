"""Who may do what: plain predicates used by views, templates and the API alike."""

from __future__ import annotations

from typing import Any

from trepart.organisation.models import Body, Person
from trepart.organisation.selectors import shares_body, user_roles_in_body
from trepart.platform.tenancy import is_municipal_admin, same_municipality


def can_view_body(user: Any, body: Body) -> bool:
    return same_municipality(user, body)


def can_manage_body(user: Any, body: Body) -> bool:
    """Administrators, and the body's own chair and secretary, manage its membership."""
    if not same_municipality(user, body):
        return False
    if is_municipal_admin(user):
        return True
    return bool(user_roles_in_body(user=user, body=body) & {"CHAIR", "SECRETARY"})


def can_view_person(user: Any, person: Person) -> bool:
    """Employees and politicians are visible within the municipality; citizens less so."""
    if not same_municipality(user, person):
        return False
    if person.kind != Person.Kind.CITIZEN or is_municipal_admin(user):
        return True
    own = getattr(user, "person", None)
    return own is not None and (own.pk == person.pk or shares_body(own, person))


def can_view_contact_details(user: Any, person: Person) -> bool:
    """E-mail and phone: the person, administrators, and people who sit with them."""
    if not same_municipality(user, person):
        return False
    if is_municipal_admin(user):
        return True
    own = getattr(user, "person", None)
    return own is not None and (own.pk == person.pk or shares_body(own, person))


def can_import(user: Any) -> bool:
    return is_municipal_admin(user)
