"""Who may do what: plain predicates used by views, templates and the API alike."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trepart.organisation.models import Body, Person


def is_municipal_admin(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.municipality_id is not None
        and (user.is_municipal_admin or user.is_superuser)
    )


def same_municipality(user: Any, obj: Any) -> bool:
    return bool(user.is_authenticated and user.municipality_id == obj.municipality_id)


def can_view_body(user: Any, body: Body) -> bool:
    return same_municipality(user, body)


def can_manage_body(user: Any, body: Body) -> bool:
    """Administrators, and the body's own chair and secretary, manage its membership."""
    from trepart.organisation.selectors import user_roles_in_body

    if not same_municipality(user, body):
        return False
    if is_municipal_admin(user):
        return True
    return bool(user_roles_in_body(user=user, body=body) & {"CHAIR", "SECRETARY"})


def can_view_person(user: Any, person: Person) -> bool:
    """Employees and politicians are visible within the municipality; citizens less so."""
    from trepart.organisation.models import Person as PersonModel
    from trepart.organisation.selectors import shares_body

    if not same_municipality(user, person):
        return False
    if person.kind != PersonModel.Kind.CITIZEN or is_municipal_admin(user):
        return True
    own = getattr(user, "person", None)
    return own is not None and (own.pk == person.pk or shares_body(own, person))


def can_view_contact_details(user: Any, person: Person) -> bool:
    """E-mail and phone: the person, administrators, and people who sit with them."""
    from trepart.organisation.selectors import shares_body

    if not same_municipality(user, person):
        return False
    if is_municipal_admin(user):
        return True
    own = getattr(user, "person", None)
    return own is not None and (own.pk == person.pk or shares_body(own, person))


def can_import(user: Any) -> bool:
    return is_municipal_admin(user)


def can_view_audit(user: Any) -> bool:
    return is_municipal_admin(user)
