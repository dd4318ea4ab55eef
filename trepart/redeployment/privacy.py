"""Who sees what of the stillingsbank: the one place every output reads through (pages,
API, CSV, PDF, e-mail, figures).

Everything about a person (the register, offers, proposals, the case history) is seen only
by the stillingsbank's members and the municipality's administrators (HR); the person sees
their own case and every offer made to them, but not the bank's note on adapted work.
Vacancies are not personal: the hiring authorities (unit leaders) register and see their
units' vacancies, but never who they are proposed or offered to. The public sees nothing:
the bank's meetings handle its cases as closed items (offentleglova § 13 with
forvaltningsloven § 13), and its figures leave the bank only as aggregates with small
groups suppressed.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from trepart.organisation.models import Body, Membership, Person, Unit
from trepart.organisation.selectors import active_q, today, unit_tree
from trepart.platform.tenancy import is_municipal_admin, same_municipality
from trepart.redeployment.models import Offer, RedeploymentCase, Vacancy

# The legal basis the bank's agenda items are closed on (personal matters).
CLOSED_BASIS = "OFFL_13"


def person_of(user: Any) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "person", None)


def bank_ids(user: Any) -> list[int]:
    """The stillingsbank bodies of the user's municipality the user sits in today."""
    person = person_of(user)
    if person is None:
        return []
    return list(
        Membership.objects.filter(
            active_q(today()),
            person_id=person.pk,
            body__kind=Body.Kind.REDEPLOYMENT,
            body__municipality_id=user.municipality_id,
        ).values_list("body_id", flat=True)
    )


def municipal_bank(municipality_id: int) -> Body | None:
    """The municipality's stillingsbank (the first one, if it keeps several)."""
    return (
        Body.objects.filter(municipality_id=municipality_id, kind=Body.Kind.REDEPLOYMENT)
        .order_by("pk")
        .first()
    )


def bank_for(user: Any) -> Body | None:
    """The stillingsbank a member works for: the one they sit in, or (an administrator)
    the municipality's; None for anyone else."""
    if not is_member(user):
        return None
    ids = bank_ids(user)
    if not ids:
        return municipal_bank(user.municipality_id)
    return Body.objects.filter(pk__in=ids).order_by("pk").first()


def is_member(user: Any) -> bool:
    """Sees the whole register: a member of a stillingsbank, or an administrator (HR)."""
    if not getattr(user, "is_authenticated", False) or user.municipality_id is None:
        return False
    return is_municipal_admin(user) or bool(bank_ids(user))


def cases_for(user: Any) -> QuerySet[RedeploymentCase]:
    """The cases the user may see: all for members, their own for a person, none else."""
    rows = RedeploymentCase.objects.for_user(user)
    if is_member(user):
        return rows
    person = person_of(user)
    if person is None:
        return rows.none()
    return rows.filter(person_id=person.pk)


def can_see_case(user: Any, case: RedeploymentCase) -> bool:
    if not same_municipality(user, case):
        return False
    if is_member(user):
        return True
    person = person_of(user)
    return person is not None and person.pk == case.person_id


def is_own_case(user: Any, case: RedeploymentCase) -> bool:
    person = person_of(user)
    return person is not None and person.pk == case.person_id and same_municipality(user, case)


def shows_adapted_note(user: Any, case: RedeploymentCase) -> bool:
    """The free text about adapted work: the bank only (not even the person's own view)."""
    return same_municipality(user, case) and is_member(user)


def offers_for(user: Any) -> QuerySet[Offer]:
    rows = Offer.objects.for_user(user)
    if is_member(user):
        return rows
    person = person_of(user)
    if person is None:
        return rows.none()
    return rows.filter(case__person_id=person.pk)


def hiring_units(user: Any) -> QuerySet[Unit]:
    """The units the user registers vacancies for: a leader's own unit and every unit
    below it, however deep; every unit for members and administrators."""
    if not getattr(user, "is_authenticated", False) or user.municipality_id is None:
        return Unit.objects.none()
    units = Unit.objects.filter(municipality_id=user.municipality_id)
    if is_member(user):
        return units
    person = person_of(user)
    if person is None or not person.is_leader or person.unit_id is None:
        return units.none()
    below = unit_tree(municipality_id=user.municipality_id).subtree_ids([person.unit_id])
    return units.filter(pk__in=below)


def is_hiring_authority(user: Any) -> bool:
    return hiring_units(user).exists()


def vacancies_for(user: Any) -> QuerySet[Vacancy]:
    """Members see every vacancy; a hiring authority those of their units; others none."""
    rows = Vacancy.objects.for_user(user)
    if is_member(user):
        return rows
    return rows.filter(unit__in=hiring_units(user))


def can_edit_vacancy(user: Any, vacancy: Vacancy) -> bool:
    return vacancies_for(user).filter(pk=vacancy.pk).exists()


def can_edit_settings(user: Any) -> bool:
    """The agreed rules, the qualifications and the locations: changed by the municipality's
    administrators and the chair of a stillingsbank; read by every member."""
    if not is_member(user):
        return False
    if is_municipal_admin(user):
        return True
    person = person_of(user)
    return (
        person is not None
        and Membership.objects.filter(
            active_q(today()),
            person_id=person.pk,
            role=Membership.Role.CHAIR,
            body__kind=Body.Kind.REDEPLOYMENT,
            body__municipality_id=user.municipality_id,
        ).exists()
    )


def sees_bank(user: Any) -> bool:
    """Whether the site's menu leads the user to the stillingsbank: its members, the hiring
    authorities and the people with a case of their own (at most two queries)."""
    if not getattr(user, "is_authenticated", False) or user.municipality_id is None:
        return False
    if is_municipal_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    if person.is_leader and person.unit_id is not None:
        return True
    return (
        Person.objects.filter(pk=person.pk)
        .filter(
            (
                Q(
                    memberships__body__kind=Body.Kind.REDEPLOYMENT,
                    memberships__body__municipality_id=user.municipality_id,
                )
                & active_q(today(), "memberships__")
            )
            | Q(redeployment_cases__municipality_id=user.municipality_id)
        )
        .exists()
    )
