"""Who sees and does what with the citizen committees: the one place every page, API and
figure reads through.

Public (anyone, also without a login): the committees' names, kinds and areas, their grant
figures per year (granted, spent, balance) and their dugnad figures. No person's name is
ever on a public page: the members, the contact persons and who registered what are shown
only to signed-in users of the same municipality.

A committee's members report for it: they register dugnad, write the plan and the report,
record spending with receipts and send proposals. The committee's contact person in the
administration approves the grant's report; the municipality's administrators set the
grant years and the valuation of dugnad, create committees and change their area and
contacts, and may do what a member does (a member may also take back a dugnad entry, and
remove a spending line until the grant's report is approved).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from trepart.community.models import Committee, Grant
from trepart.organisation.models import Body, Membership, Municipality, Party, Person
from trepart.organisation.selectors import active_q, today
from trepart.platform.tenancy import is_municipal_admin


def person_of(user: Any) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "person", None)


def is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and is_municipal_admin(user)


def committees_public(municipality: Municipality | int) -> QuerySet[Committee]:
    """Every committee of a municipality: public, names and areas only."""
    return Committee.objects.for_municipality(municipality).select_related("body")


def committees_for(user: Any) -> QuerySet[Committee]:
    """The committees of the user's municipality (none for a visitor)."""
    return Committee.objects.for_user(user).select_related("body")


def member_committee_ids(user: Any) -> set[int]:
    """The committees the user sits in today."""
    person = person_of(user)
    if person is None:
        return set()
    return set(
        Committee.objects.filter(
            municipality_id=user.municipality_id,
            body__memberships__person_id=person.pk,
        )
        .filter(active_q(today(), "body__memberships__"))
        .values_list("pk", flat=True)
    )


def sees_names(user: Any, committee: Committee) -> bool:
    """Members' and contacts' names: signed-in users of the committee's municipality."""
    return bool(getattr(user, "is_authenticated", False)) and (
        user.municipality_id == committee.municipality_id
    )


def can_report(user: Any, committee: Committee) -> bool:
    """Register dugnad (and take an entry back), spending (and remove a line before the
    approval), the plan and the report; send proposals."""
    if not sees_names(user, committee):
        return False
    return is_admin(user) or committee.pk in member_committee_ids(user)


def can_approve(user: Any, grant: Grant) -> bool:
    """The committee's contact person in the administration (or an administrator)."""
    if (
        not getattr(user, "is_authenticated", False)
        or user.municipality_id != grant.municipality_id
    ):
        return False
    if is_admin(user):
        return True
    person = person_of(user)
    return person is not None and person.pk == grant.committee.admin_contact_id


def can_manage(user: Any) -> bool:
    """Create committees and change their area and contacts, set grant years and the
    valuation of dugnad."""
    return is_admin(user)


def elected_person_ids(*, municipality_id: int, person_ids: set[int]) -> set[int]:
    """Of ``person_ids``, those who hold an elected office: a politician, or someone with a
    seat for the politicians in any body (the council among them) today."""
    if not person_ids:
        return set()
    day = today()
    seated = Membership.objects.filter(
        active_q(day),
        municipality_id=municipality_id,
        person_id__in=person_ids,
    ).filter(Q(party=Party.POLITICAL) | Q(body__kind=Body.Kind.COUNCIL))
    politicians = Person.objects.filter(
        municipality_id=municipality_id, pk__in=person_ids, kind=Person.Kind.POLITICIAN
    )
    return set(seated.values_list("person_id", flat=True)) | set(
        politicians.values_list("pk", flat=True)
    )
