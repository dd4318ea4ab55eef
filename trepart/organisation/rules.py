"""Composition rules and membership continuity, as pure functions.

No ORM here: selectors turn memberships into ``Seat`` values, these functions judge them,
and views, the API and services show or store the result.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trepart.platform import formatting

POLITICAL, ADMINISTRATION, EMPLOYEE = "POLITICAL", "ADMINISTRATION", "EMPLOYEE"
THREE_PARTIES = (POLITICAL, ADMINISTRATION, EMPLOYEE)
SEAT_ROLES = frozenset({"CHAIR", "DEPUTY_CHAIR", "MEMBER"})
STATUTORY_EMPLOYEE_TERM_DAYS = 2 * 366

PARITY, LMU_ROLES, STATUTORY_5_11 = "PARITY", "LMU_ROLES", "STATUTORY_5_11"


@dataclass(frozen=True)
class Seat:
    """One membership, as the rules see it."""

    person_id: int
    party: str
    role: str
    capacity: str
    voting: bool
    start: datetime.date
    end: datetime.date | None
    sits_in_council: bool = False

    def active_on(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


@dataclass(frozen=True)
class Rule:
    kind: str
    seats_per_party: int | None = None


@dataclass(frozen=True)
class Finding:
    """The outcome of one rule: ``ok`` and, when broken, the problems in plain words."""

    rule: str
    ok: bool
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompositionReport:
    findings: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        return all(finding.ok for finding in self.findings)

    @property
    def problems(self) -> list[str]:
        return [problem for finding in self.findings for problem in finding.problems]


def party_label(party: str) -> str:
    return {
        POLITICAL: _("elected politicians"),
        ADMINISTRATION: _("administration"),
        EMPLOYEE: _("employees"),
    }.get(party, party)


def _voting_seats(seats: Iterable[Seat], day: datetime.date) -> Counter[str]:
    return Counter(
        seat.party
        for seat in seats
        if seat.voting and seat.role in SEAT_ROLES and seat.active_on(day)
    )


def check_parity(seats: Sequence[Seat], day: datetime.date, seats_per_party: int | None) -> Finding:
    counts = _voting_seats(seats, day)
    numbers = [counts.get(party, 0) for party in THREE_PARTIES]
    if len(set(numbers)) == 1 and numbers[0] > 0 and seats_per_party in (None, numbers[0]):
        return Finding(rule=PARITY, ok=True)
    distribution = ", ".join(
        f"{party_label(party)} {counts.get(party, 0)}" for party in THREE_PARTIES
    )
    problems: list[str] = []
    if seats_per_party is not None and any(n != seats_per_party for n in numbers):
        problems.append(
            _(
                "Each party must have %(n)d voting seats (%(n)d + %(n)d + %(n)d); "
                "now: %(distribution)s."
            )
            % {"n": seats_per_party, "distribution": distribution}
        )
    elif len(set(numbers)) > 1 or numbers[0] == 0:
        problems.append(
            _("The three parties must have the same number of voting seats; now: %(d)s.")
            % {"d": distribution}
        )
    return Finding(rule=PARITY, ok=not problems, problems=tuple(problems))


LMU_REQUIRED = ((ADMINISTRATION, "LEADER"), (EMPLOYEE, "UNION_REP"), (EMPLOYEE, "SAFETY_REP"))


def _lmu_role_label(role: tuple[str, str]) -> str:
    return {
        "LEADER": _("a leader for the administration"),
        "UNION_REP": _("a union representative (tillitsvalgt)"),
        "SAFETY_REP": _("a safety representative (verneombud)"),
    }[role[1]]


def check_lmu_roles(seats: Sequence[Seat], day: datetime.date) -> Finding:
    active = [seat for seat in seats if seat.active_on(day)]
    present = {(s.party, s.capacity) for s in active}
    missing = [role for role in LMU_REQUIRED if role not in present]
    # Messages are translated only for what is missing: most LMUs are complete.
    problems = tuple(
        _("An LMU must have %(who)s, but has none.") % {"who": _lmu_role_label(role)}
        for role in missing
    )
    return Finding(rule=LMU_ROLES, ok=not problems, problems=problems)


def check_statutory_5_11(seats: Sequence[Seat], day: datetime.date) -> Finding:
    counts = _voting_seats(seats, day)
    employer = counts.get(POLITICAL, 0) + counts.get(ADMINISTRATION, 0)
    employees = counts.get(EMPLOYEE, 0)
    problems: list[str] = []
    if employer <= employees:
        problems.append(
            _(
                "In a joint committee under kommuneloven § 5-11 the municipality's members "
                "must be in majority; now %(employer)d against %(employees)d employee members."
            )
            % {"employer": employer, "employees": employees}
        )
    chairs = [s for s in seats if s.role == "CHAIR" and s.active_on(day)]
    if not chairs:
        problems.append(_("The committee has no chair; the council picks one of its members."))
    elif not any(chair.sits_in_council for chair in chairs):
        problems.append(
            _("The chair must be a member of the municipal council (kommuneloven § 5-11).")
        )
    long_terms = [
        s
        for s in seats
        if s.party == EMPLOYEE
        and s.active_on(day)
        and s.role in SEAT_ROLES
        and (s.end is None or (s.end - s.start).days > STATUTORY_EMPLOYEE_TERM_DAYS)
    ]
    if long_terms:
        problems.append(
            ngettext(
                "%(count)d employee member has no two-year term; employee members are "
                "elected for two years at a time.",
                "%(count)d employee members have no two-year term; employee members are "
                "elected for two years at a time.",
                len(long_terms),
            )
            % {"count": len(long_terms)}
        )
    return Finding(rule=STATUTORY_5_11, ok=not problems, problems=tuple(problems))


def check_composition(
    seats: Sequence[Seat], rules: Iterable[Rule], day: datetime.date
) -> CompositionReport:
    """Judge a body's seats on ``day`` against each of its rules."""
    findings = []
    for rule in rules:
        if rule.kind == PARITY:
            findings.append(check_parity(seats, day, rule.seats_per_party))
        elif rule.kind == LMU_ROLES:
            findings.append(check_lmu_roles(seats, day))
        elif rule.kind == STATUTORY_5_11:
            findings.append(check_statutory_5_11(seats, day))
        else:
            raise ValueError(f"Unknown composition rule {rule.kind!r}")
    return CompositionReport(findings=tuple(findings))


@dataclass(frozen=True)
class Continuity:
    """How many of today's seats were held by the same person for the whole period."""

    period_start: datetime.date
    period_end: datetime.date
    seats: int
    stable: int
    changed_person_ids: tuple[int, ...] = field(default=())

    @property
    def share(self) -> float | None:
        return self.stable / self.seats if self.seats else None

    @property
    def percent(self) -> int | None:
        # Half-up like every figure shown (round() would make 12.5 % read 12).
        shown = formatting.rounded(self.share * 100, 0) if self.share is not None else None
        return None if shown is None else int(shown)


def _covers(
    intervals: list[tuple[datetime.date, datetime.date]], start: datetime.date, end: datetime.date
) -> bool:
    """Whether the merged intervals cover every day from ``start`` to ``end``."""
    reached = start - datetime.timedelta(days=1)
    for first, last in sorted(intervals):
        if first > reached + datetime.timedelta(days=1):
            return False
        reached = max(reached, last)
        if reached >= end:
            return True
    return reached >= end


def continuity(
    seats: Sequence[Seat], today: datetime.date, established: datetime.date, months: int = 12
) -> Continuity:
    """Share of current seats held by the same person throughout the last ``months``.

    The period starts when the body was established if that is later: a new body is
    judged on the time it has existed.
    """
    period_start = max(today - datetime.timedelta(days=round(months * 365 / 12)), established)
    current = [s for s in seats if s.role in SEAT_ROLES and s.active_on(today)]
    by_person: dict[int, list[tuple[datetime.date, datetime.date]]] = {}
    for seat in seats:
        if seat.role in SEAT_ROLES:
            by_person.setdefault(seat.person_id, []).append(
                (seat.start, seat.end or datetime.date.max)
            )
    stable = 0
    changed = []
    for seat in current:
        if _covers(by_person[seat.person_id], period_start, today):
            stable += 1
        else:
            changed.append(seat.person_id)
    return Continuity(
        period_start=period_start,
        period_end=today,
        seats=len(current),
        stable=stable,
        changed_person_ids=tuple(changed),
    )
