"""Reads of the organisation that filter by user, join or prefetch."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from trepart.audit.cache import cached_figure
from trepart.organisation import rules
from trepart.organisation.models import (
    Body,
    CompositionRule,
    Membership,
    Municipality,
    Party,
    Person,
    Unit,
)
from trepart.organisation.tree import UnitTree
from trepart.platform.tenancy import is_municipal_admin


def today() -> datetime.date:
    return timezone.localdate()


def active_q(day: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}start__lte": day}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day})
    )


def council_person_ids(*, municipality_id: int, day: datetime.date) -> set[int]:
    """People with a seat in the municipal council on ``day``."""
    return set(
        Membership.objects.filter(
            active_q(day),
            municipality_id=municipality_id,
            body__kind=Body.Kind.COUNCIL,
        ).values_list("person_id", flat=True)
    )


SEAT_COLUMNS = ("body_id", "person_id", "party", "role", "capacity", "voting", "start", "end")


@dataclass(frozen=True)
class BodyStatus:
    composition: rules.CompositionReport
    continuity: rules.Continuity


@dataclass(frozen=True)
class _BodyFacts:
    """What the rules need to judge a set of bodies, read as plain values."""

    established: dict[int, datetime.date]
    seats: dict[int, list[rules.Seat]]
    rules: dict[int, list[rules.Rule]]


def _body_facts(bodies: Sequence[Body] | QuerySet[Body], day: datetime.date) -> _BodyFacts:
    """Seats and rules of many bodies in four queries, without model instances, so judging
    every body of a large municipality (the "breaking their rules" filter) stays fast."""
    columns = ("pk", "established", "municipality_id", "is_statutory_5_11")
    if isinstance(bodies, QuerySet):
        rows = list(bodies.order_by().values_list(*columns))
        body_ids: Any = bodies.order_by().values("pk")
    else:
        rows = [tuple(getattr(b, column) for column in columns) for b in bodies]
        body_ids = [row[0] for row in rows]
    facts = _BodyFacts(established={row[0]: row[1] for row in rows}, seats={}, rules={})
    if not rows:
        return facts
    council = council_person_ids(municipality_id=rows[0][2], day=day)
    memberships = Membership.objects.filter(body_id__in=body_ids).values_list(*SEAT_COLUMNS)
    for body_id, person_id, party, role, capacity, voting, start, end in memberships:
        facts.seats.setdefault(body_id, []).append(
            rules.Seat(
                person_id=person_id,
                party=party,
                role=role,
                capacity=capacity,
                voting=voting,
                start=start,
                end=end,
                sits_in_council=person_id in council,
            )
        )
    body_rules = CompositionRule.objects.filter(body_id__in=body_ids).values_list(
        "body_id", "kind", "seats_per_party"
    )
    for body_id, kind, seats_per_party in body_rules:
        facts.rules.setdefault(body_id, []).append(rules.Rule(kind, seats_per_party))
    # The law applies to the statutory joint committee whether or not a rule row says so.
    for pk, *_facts, statutory in rows:
        own = facts.rules.setdefault(pk, [])
        if statutory and all(rule.kind != rules.STATUTORY_5_11 for rule in own):
            own.append(rules.Rule(rules.STATUTORY_5_11))
    return facts


def body_compositions(
    bodies: Sequence[Body] | QuerySet[Body], *, day: datetime.date | None = None
) -> dict[int, rules.CompositionReport]:
    """Each body's composition check on ``day`` (today)."""
    day = day or today()
    facts = _body_facts(bodies, day)
    return {
        pk: rules.check_composition(facts.seats.get(pk, []), facts.rules.get(pk, []), day)
        for pk in facts.established
    }


def body_statuses(
    bodies: Sequence[Body] | QuerySet[Body], *, day: datetime.date | None = None
) -> dict[int, BodyStatus]:
    """Composition check and 12-month continuity for many bodies, in four queries."""
    day = day or today()
    facts = _body_facts(bodies, day)
    return {
        pk: BodyStatus(
            composition=rules.check_composition(
                facts.seats.get(pk, []), facts.rules.get(pk, []), day
            ),
            continuity=rules.continuity(facts.seats.get(pk, []), day, established),
        )
        for pk, established in facts.established.items()
    }


def body_status(body: Body, *, day: datetime.date | None = None) -> BodyStatus:
    return body_statuses([body], day=day)[body.pk]


def body_queryset(*, user: Any) -> QuerySet[Body]:
    return Body.objects.for_user(user).select_related("unit", "parent")


def body_list(*, user: Any, kind: str = "", query: str = "") -> QuerySet[Body]:
    bodies = body_queryset(user=user)
    if kind:
        bodies = bodies.filter(kind=kind)
    if query:
        bodies = bodies.filter(Q(name__icontains=query) | Q(unit__name__icontains=query))
    return bodies.order_by("kind", "name", "pk")


def body_get(*, user: Any, pk: int) -> Body:
    return body_queryset(user=user).get(pk=pk)


def body_members(*, body: Body, day: datetime.date | None = None) -> dict[str, list[Membership]]:
    """Current members grouped by party, in the parties' order."""
    day = day or today()
    members = (
        body.memberships.filter(active_q(day))
        .select_related("person", "person__unit")
        .order_by("role", "person__last_name", "person__first_name")
    )
    grouped: dict[str, list[Membership]] = {}
    order = [party.value for party in Party]
    for membership in sorted(members, key=lambda m: order.index(m.party)):
        grouped.setdefault(membership.party, []).append(membership)
    return grouped


def body_past_members(*, body: Body, day: datetime.date | None = None) -> QuerySet[Membership]:
    day = day or today()
    return (
        body.memberships.filter(end__lt=day)
        .select_related("person")
        .order_by("-end", "person__last_name")
    )


def user_roles_in_body(*, user: Any, body: Body) -> set[str]:
    person = getattr(user, "person", None)
    if person is None:
        return set()
    return set(
        Membership.objects.filter(active_q(today()), body=body, person=person).values_list(
            "role", flat=True
        )
    )


def shares_body(a: Person, b: Person) -> bool:
    day = today()
    return Membership.objects.filter(
        active_q(day),
        person=b,
        body__memberships__in=Membership.objects.filter(active_q(day), person=a),
    ).exists()


def people_sharing_a_body(*, user: Any, among: list[int]) -> set[int] | None:
    """Which of ``among`` the user sits with today (themself included); None means all.

    One query for a whole page, where ``can_view_contact_details`` would cost one per person;
    it answers the same question (administrators see all, others see those they sit with).
    """
    if is_municipal_admin(user):
        return None
    own = getattr(user, "person", None)
    if own is None:
        return set()
    day = today()
    my_bodies = Membership.objects.filter(active_q(day), person=own).values("body_id")
    shared = set(
        Membership.objects.filter(
            active_q(day), body_id__in=my_bodies, person_id__in=among
        ).values_list("person_id", flat=True)
    )
    return shared | {own.pk}


def hidden_members(*, user: Any, members: Iterable[Membership]) -> set[int]:
    """Citizens among a body's members whose names the user may not see.

    A seat is shown to everyone in the municipality, but a citizen or service user's name
    only to administrators and to those who sit with them (``can_view_person``).
    """
    citizens = [m.person_id for m in members if m.person.kind == Person.Kind.CITIZEN]
    if not citizens:
        return set()
    visible = people_sharing_a_body(user=user, among=citizens)
    return set() if visible is None else set(citizens) - visible


def my_memberships(*, user: Any) -> QuerySet[Membership]:
    person = getattr(user, "person", None)
    if person is None:
        return Membership.objects.none()
    return (
        Membership.objects.filter(active_q(today()), person=person)
        .select_related("body", "body__unit")
        .order_by("body__name")
    )


def person_list(
    *, user: Any, query: str = "", kind: str = "", unit_id: int | None = None
) -> QuerySet[Person]:
    """People the user may see: citizens only for administrators or those who sit with them."""
    people = Person.objects.for_user(user).select_related("unit")
    if not is_municipal_admin(user):
        own = getattr(user, "person", None)
        visible_citizens = Q(pk=own.pk) if own else Q(pk__in=[])
        if own is not None:
            day = today()
            mine = Membership.objects.filter(active_q(day), person=own).values("body_id")
            sits_with_me = Membership.objects.filter(
                active_q(day), person_id=OuterRef("pk"), body_id__in=mine
            )
            visible_citizens = visible_citizens | Q(Exists(sits_with_me))
        people = people.filter(~Q(kind=Person.Kind.CITIZEN) | visible_citizens)
    if query:
        for word in query.split():
            people = people.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(position__icontains=word)
            )
    if kind:
        people = people.filter(kind=kind)
    if unit_id:
        people = people.filter(unit_id=unit_id)
    return people.order_by("last_name", "first_name", "pk")


def person_memberships(*, person: Person) -> QuerySet[Membership]:
    return person.memberships.select_related("body").order_by("-start")


def unit_roots(*, user: Any) -> QuerySet[Unit]:
    """The top of the unit tree (sectors, and units outside any sector) with counts."""
    return (
        Unit.objects.for_user(user)
        .filter(parent__isnull=True)
        .annotate(child_count=Count("children", distinct=True))
        .order_by("name")
    )


def unit_tree(*, municipality_id: int) -> UnitTree:
    """The municipality's unit tree, in one query: children by name, then id."""
    return UnitTree(
        Unit.objects.filter(municipality_id=municipality_id)
        .order_by("name", "pk")
        .values_list("pk", "parent_id", "name", "code", "kind")
    )


def unit_search(*, user: Any, query: str) -> QuerySet[Unit]:
    units = Unit.objects.for_user(user).select_related("parent")
    for word in query.split():
        units = units.filter(Q(name__icontains=word) | Q(code__iexact=word))
    return units.order_by("name", "pk")


def unit_get(*, user: Any, pk: int) -> Unit:
    return Unit.objects.for_user(user).select_related("parent").get(pk=pk)


def municipality_of(user: Any) -> Municipality:
    return Municipality.objects.get(pk=user.municipality_id)


def unit_queryset(*, user: Any) -> QuerySet[Unit]:
    return Unit.objects.for_user(user).select_related("parent")


def bodies_breaking_rules(bodies: QuerySet[Body], *, municipality_id: int) -> QuerySet[Body]:
    """The bodies whose composition breaks a rule today.

    Judging every body of a large municipality takes a while, so the answer is cached. It
    depends only on the data and the day, and every change to memberships and rules is
    audited, so the newest audit entry and the date make a key that is never stale.
    """
    day = today()

    def compute() -> list[int]:
        everything = Body.objects.filter(
            Q(rules__isnull=False) | Q(is_statutory_5_11=True), municipality_id=municipality_id
        )
        reports = body_compositions(everything.distinct(), day=day)
        return [pk for pk, report in reports.items() if not report.ok]

    breaking = cached_figure(
        topic="organisation-breaking",
        key=day.isoformat(),
        municipality_id=municipality_id,
        compute=compute,
    )
    return bodies.filter(pk__in=breaking)


def person_candidates(
    *, user: Any, query: str, chosen_id: Any = None, limit: int = 20
) -> list[Person]:
    """People to pick from by search (a seat, a case officer): at most ``limit`` matches of
    ``person_list``'s search, plus the one already chosen; never everybody."""
    return person_matches(user=user, query=query, chosen_id=chosen_id, limit=limit)[0]


def person_matches(
    *,
    user: Any,
    query: str,
    chosen_id: Any = None,
    limit: int = 20,
    kinds: Collection[str] | None = None,
) -> tuple[list[Person], int]:
    """``person_candidates`` and how many of them the search found (the chosen one may
    not match it); with ``kinds``, people of those kinds only (``Person.Kind`` values)."""

    def visible(people: QuerySet[Person]) -> QuerySet[Person]:
        return people if kinds is None else people.filter(kind__in=list(kinds))

    query = query.strip()
    found = list(visible(person_list(user=user, query=query))[:limit]) if query else []
    matched = len(found)
    if chosen_id and str(chosen_id).isdigit() and all(str(p.pk) != str(chosen_id) for p in found):
        chosen = visible(person_list(user=user)).filter(pk=chosen_id).first()
        if chosen is not None:
            found.insert(0, chosen)
    return found, matched


def units_by_sector(*, municipality_id: int) -> list[tuple[str, list[tuple[int, str]]]]:
    """Every unit as (id, name), grouped under its sector (a sector heads its own group),
    sectors by name: plain pairs, since a large municipality has 1,500 units."""
    tree = unit_tree(municipality_id=municipality_id)
    groups: dict[int, tuple[str, list[tuple[int, str]]]] = {}
    for sector in tree.roots:
        groups[sector] = (tree.unit(sector).name, [])
    for unit in tree.units.values():  # by name
        if unit.pk in tree:
            groups[tree.sector(unit.pk)][1].append((unit.pk, unit.name))
    for sector, (_title, members) in groups.items():
        members.sort(key=lambda member: member[0] != sector)  # the sector first in its group
    return sorted(groups.values(), key=lambda group: (group[0].casefold(), group[0]))
