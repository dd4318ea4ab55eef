"""Who sits where in the made-up municipality, and since when. Pure, like ``plan.py``.

Bodies are named by reference: the structure templates' slots for the bodies they create
(``ovre-eiker:lmu:E0001``, ``lunner:trepartsorgan`` …) and ``council`` / ``committee:N``
for the bodies the builder adds. The history is made to show what the platform checks: a
few LMUs break their rule and a few seats changed hands in the last twelve months, so
continuity is below 100 % for some bodies.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from trepart.demo import names, workplaces
from trepart.demo.plan import (
    HEAD_REP_UNIONS,
    UNIT,
    People,
    Preset,
    UnitRow,
    build_people,
    build_units,
    size_units,
)

PSU = "ovre-eiker:partssammensatt-utvalg"
COORDINATION = "ovre-eiker:koordineringsgruppe"
TRIPARTITE = "lunner:trepartsorgan"
REDEPLOYMENT = "lunner:stillingsbank"
COUNCIL = "council"

POLITICAL, ADMINISTRATION, EMPLOYEE, CITIZEN = "POLITICAL", "ADMINISTRATION", "EMPLOYEE", "CITIZEN"
CHAIR, DEPUTY_CHAIR, MEMBER, DEPUTY, SECRETARY, OBSERVER = (
    "CHAIR",
    "DEPUTY_CHAIR",
    "MEMBER",
    "DEPUTY",
    "SECRETARY",
    "OBSERVER",
)
ELECTED, LEADER, UNION_REP, SAFETY_REP, OTHER = (
    "ELECTED",
    "LEADER",
    "UNION_REP",
    "SAFETY_REP",
    "OTHER",
)
DAY = datetime.timedelta(days=1)
STABLE_BEFORE = datetime.timedelta(days=400)  # seats older than this count as stable
CHANGED_SHARE = 0.12  # LMUs where a representative was replaced in the last year
BROKEN_SHARE = 0.02  # LMUs left without a required member (at least two)


def lmu(unit_code: str) -> str:
    return f"ovre-eiker:lmu:{unit_code}"


@dataclass(frozen=True)
class BodyRow:
    """A body the structure templates do not create."""

    ref: str
    name: str
    kind: str
    established: datetime.date
    mandate: str = ""


@dataclass(frozen=True)
class SeatRow:
    body: str
    person: int
    party: str
    role: str = MEMBER
    capacity: str = OTHER
    voting: bool = True
    start: datetime.date = datetime.date.min
    end: datetime.date | None = None


@dataclass
class Plan:
    preset: Preset
    seed: int
    today: datetime.date
    units: list[UnitRow]
    people: People
    bodies: list[BodyRow] = field(default_factory=list)
    established: dict[str, datetime.date] = field(default_factory=dict)
    seats: list[SeatRow] = field(default_factory=list)
    logins: dict[str, int] = field(default_factory=dict)
    broken_lmus: list[str] = field(default_factory=list)


def municipality_plan(*, preset: Preset, seed: int, today: datetime.date) -> Plan:
    """Everything the builder writes, decided by ``seed`` and ``today`` alone."""
    rng = random.Random(seed)
    units = build_units(rng, preset)
    size_units(rng, units, preset.employees)
    people = build_people(rng, preset, units)
    plan = Plan(preset=preset, seed=seed, today=today, units=units, people=people)
    _council(rng, plan)
    _lmus(rng, plan)
    _central_bodies(rng, plan)
    _committees(rng, plan)
    _logins(plan)
    return plan


def _years_ago(rng: random.Random, today: datetime.date, low: float, high: float) -> datetime.date:
    return today - datetime.timedelta(days=rng.randint(int(low * 365), int(high * 365)))


def _stable_start(
    rng: random.Random, established: datetime.date, today: datetime.date
) -> datetime.date:
    """A start between the body's founding and 400 days ago."""
    span = (today - STABLE_BEFORE - established).days
    return established + datetime.timedelta(days=rng.randint(0, max(0, span)))


def council_term(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The council's four-year term: constituted in October after the September election."""
    year = today.year - (today.year - 2023) % 4
    start = datetime.date(year, 10, 15)
    if start > today:
        start = start.replace(year=year - 4)
    return start, start.replace(year=start.year + 4) - DAY


def employee_term(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The two-year term of the employees' members of a § 5-11 committee."""
    year = today.year - (today.year % 2)
    return datetime.date(year, 1, 1), datetime.date(year + 1, 12, 31)


def _council(rng: random.Random, plan: Plan) -> None:
    people, today = plan.people, plan.today
    start, end = council_term(today)
    plan.bodies.append(
        BodyRow(
            ref=COUNCIL,
            name="Kommunestyret",
            kind="COUNCIL",
            established=datetime.date(1838, 1, 1),
            mandate="Kommunens øverste organ. Fatter vedtak på vegne av kommunen.",
        )
    )
    council = people.council
    roles = {council[0]: CHAIR, council[1]: DEPUTY_CHAIR}
    # One member was relieved of office a few months ago; a deputy of the same party
    # took the seat.
    leaving = council[-1]
    left = today - datetime.timedelta(days=rng.randint(60, 200))
    party = people.rows[leaving].political_party
    successor = next(
        (d for d in people.council_deputies if people.rows[d].political_party == party), None
    )
    for person in council:
        plan.seats.append(
            SeatRow(
                COUNCIL,
                person,
                POLITICAL,
                roles.get(person, MEMBER),
                ELECTED,
                True,
                start,
                left if person == leaving and successor is not None else end,
            )
        )
    for person in people.council_deputies:
        if person == successor:
            plan.seats.append(
                SeatRow(COUNCIL, person, POLITICAL, DEPUTY, ELECTED, False, start, left)
            )
            plan.seats.append(
                SeatRow(COUNCIL, person, POLITICAL, MEMBER, ELECTED, True, left + DAY, end)
            )
            people.rows[person].position = "Kommunestyremedlem"
        else:
            plan.seats.append(
                SeatRow(COUNCIL, person, POLITICAL, DEPUTY, ELECTED, False, start, end)
            )


def _lmus(rng: random.Random, plan: Plan) -> None:
    """One LMU per unit: the leader chairs, with a tillitsvalgt and a verneombud."""
    people, today, rows = plan.people, plan.today, plan.people.rows
    work_units = [u for u in plan.units if u.kind == UNIT]
    others = [u for u in work_units if u.index != people.demo_unit]
    broken = rng.sample(others, min(len(others), max(2, round(len(work_units) * BROKEN_SHARE))))
    broken_kind = {unit.index: n % 2 for n, unit in enumerate(broken)}
    for unit in work_units:
        ref = lmu(unit.code)
        established = _years_ago(rng, today, 3, 12)
        plan.established[ref] = established
        leader = people.by_unit[unit.index][0]
        staff = people.staff(unit.index)
        unionised = [p for p in staff if rows[p].union]
        rep = rng.choice(unionised or staff)
        if not rows[rep].union:
            rows[rep].union = workplaces.UNIT_TYPES[unit.unit_type].staff[0][2]
        safety = rng.choice([p for p in staff if p != rep])
        free = [p for p in staff if p not in (rep, safety)]

        def seat(
            person: int,
            capacity: str,
            start: datetime.date,
            end: datetime.date | None = None,
            ref: str = ref,
        ) -> SeatRow:
            party = ADMINISTRATION if capacity == LEADER else EMPLOYEE
            role = CHAIR if capacity == LEADER else MEMBER
            return SeatRow(ref, person, party, role, capacity, True, start, end)

        plan.seats.append(seat(leader, LEADER, _stable_start(rng, established, today)))
        if unit.index in broken_kind:
            plan.broken_lmus.append(ref)
            if broken_kind[unit.index] == 0:
                # The verneombud left a while ago and nobody has taken over.
                left = today - datetime.timedelta(days=rng.randint(30, 200))
                plan.seats.append(
                    seat(safety, SAFETY_REP, _stable_start(rng, established, today), left)
                )
                plan.seats.append(seat(rep, UNION_REP, _stable_start(rng, established, today)))
            else:
                # Nobody has been chosen as tillitsvalgt for the LMU.
                plan.seats.append(seat(safety, SAFETY_REP, _stable_start(rng, established, today)))
            continue
        # Now and then a representative was replaced within the last year.
        replaced = (
            rng.choice((UNION_REP, SAFETY_REP))
            if unit.index != people.demo_unit and free and rng.random() < CHANGED_SHARE
            else None
        )
        for person, capacity in ((rep, UNION_REP), (safety, SAFETY_REP)):
            if capacity == replaced:
                handover = today - datetime.timedelta(days=rng.randint(20, 300))
                before = _stable_start(rng, established, today)
                plan.seats.append(seat(rng.choice(free), capacity, before, handover - DAY))
                plan.seats.append(seat(person, capacity, handover))
            else:
                plan.seats.append(seat(person, capacity, _stable_start(rng, established, today)))
        if unit.index == people.demo_unit:
            people.special.update(leader=leader, union_rep=rep, safety_rep=safety, employee=free[0])


def _central_bodies(rng: random.Random, plan: Plan) -> None:
    """The § 5-11 committee, the coordination group, the 3+3+3 body and the stillingsbank."""
    people, today, special = plan.people, plan.today, plan.people.special
    council_start, council_end = council_term(today)
    term_start, term_end = employee_term(today)
    heads = people.head_reps
    secretary = special.get("secretary")
    sector_leaders = [p for p in people.sector_leaders if p != special["director"]]
    council = people.council

    def add(
        body: str,
        person: int,
        party: str,
        role: str,
        capacity: str,
        start: datetime.date,
        end: datetime.date | None = None,
        voting: bool = True,
    ) -> None:
        plan.seats.append(SeatRow(body, person, party, role, capacity, voting, start, end))

    def since(established: datetime.date) -> datetime.date:
        return _stable_start(rng, established, today)

    # The joint committee gets the proposals that need money (Øvre Eiker's routing), so the
    # mayor chairs it: the same person then chairs the council that makes the formal
    # decision, and the demo's `ordforer` login can take such a case all the way.
    psu = plan.established[PSU] = _years_ago(rng, today, 10, 20)
    elected = max(psu, council_start)
    add(PSU, special["mayor"], POLITICAL, CHAIR, ELECTED, elected, council_end)
    add(PSU, special["deputy_mayor"], POLITICAL, DEPUTY_CHAIR, ELECTED, elected, council_end)
    for person in council[2:4]:
        add(PSU, person, POLITICAL, MEMBER, ELECTED, elected, council_end)
    add(PSU, special["director"], ADMINISTRATION, MEMBER, LEADER, since(psu), voting=False)
    # Employee members serve two-year terms: two were re-elected, one is new this term.
    previous = (term_start.replace(year=term_start.year - 2), term_start - DAY)
    for union in HEAD_REP_UNIONS[:3]:
        add(PSU, heads[union], EMPLOYEE, MEMBER, UNION_REP, term_start, term_end)
    for union in (*HEAD_REP_UNIONS[:2], names.DELTA):
        add(PSU, heads[union], EMPLOYEE, MEMBER, UNION_REP, *previous)
    hvo = special["head_safety_rep"]
    add(PSU, hvo, EMPLOYEE, OBSERVER, SAFETY_REP, since(psu), voting=False)
    if secretary is not None:
        add(PSU, secretary, ADMINISTRATION, SECRETARY, OTHER, since(psu), voting=False)

    group = plan.established[COORDINATION] = _years_ago(rng, today, 5, 9)
    add(COORDINATION, special["hr_chief"], ADMINISTRATION, CHAIR, LEADER, since(group))
    add(COORDINATION, sector_leaders[0], ADMINISTRATION, MEMBER, LEADER, since(group))
    add(
        COORDINATION, council[5], POLITICAL, MEMBER, ELECTED, max(group, council_start), council_end
    )
    add(COORDINATION, heads[names.FAGFORBUNDET], EMPLOYEE, MEMBER, UNION_REP, since(group))
    add(COORDINATION, hvo, EMPLOYEE, MEMBER, SAFETY_REP, since(group))
    if people.citizens:
        add(COORDINATION, people.citizens[0], CITIZEN, MEMBER, CITIZEN, since(group))

    tripartite = plan.established[TRIPARTITE] = _years_ago(rng, today, 4, 8)
    elected = max(tripartite, council_start)
    add(TRIPARTITE, special["mayor"], POLITICAL, CHAIR, ELECTED, elected, council_end)
    for person in council[6:8]:
        add(TRIPARTITE, person, POLITICAL, MEMBER, ELECTED, elected, council_end)
    for person in (special["director"], special["hr_chief"], sector_leaders[1]):
        add(TRIPARTITE, person, ADMINISTRATION, MEMBER, LEADER, since(tripartite))
    fagforbundet, utdanning = heads[names.FAGFORBUNDET], heads[names.UTDANNINGSFORBUNDET]
    add(TRIPARTITE, fagforbundet, EMPLOYEE, DEPUTY_CHAIR, UNION_REP, since(tripartite))
    add(TRIPARTITE, utdanning, EMPLOYEE, MEMBER, UNION_REP, since(tripartite))
    # Delta's seat passed to the nurses' union a few months ago.
    handover = today - datetime.timedelta(days=rng.randint(60, 150))
    add(
        TRIPARTITE,
        heads[names.DELTA],
        EMPLOYEE,
        MEMBER,
        UNION_REP,
        since(tripartite),
        handover - DAY,
    )
    add(TRIPARTITE, heads[names.NSF], EMPLOYEE, MEMBER, UNION_REP, handover)
    if secretary is not None:
        add(
            TRIPARTITE, secretary, ADMINISTRATION, SECRETARY, OTHER, since(tripartite), voting=False
        )

    bank = tripartite + datetime.timedelta(days=rng.randint(100, 400))
    plan.established[REDEPLOYMENT] = bank
    add(REDEPLOYMENT, special["hr_chief"], ADMINISTRATION, CHAIR, LEADER, since(bank))
    for person in sector_leaders:
        add(REDEPLOYMENT, person, ADMINISTRATION, MEMBER, LEADER, since(bank))
    for union in (names.FAGFORBUNDET, names.FO):
        add(REDEPLOYMENT, heads[union], EMPLOYEE, MEMBER, UNION_REP, since(bank))


def _committees(rng: random.Random, plan: Plan) -> None:
    """Citizen committees (grendeutvalg), five citizens each."""
    citizens = plan.people.citizens[1:]
    places = rng.sample(names.PLACES, plan.preset.citizen_committees)
    for n, place in enumerate(places):
        members = citizens[n * 5 : n * 5 + 5]
        if len(members) < 3:
            break
        ref = f"committee:{n + 1}"
        established = _years_ago(rng, plan.today, 2, 15)
        plan.bodies.append(
            BodyRow(
                ref=ref,
                name=f"{place} grendeutvalg",
                kind="CITIZEN_COMMITTEE",
                established=established,
                mandate="Innbyggernes utvalg for grenda: dugnad, tilskudd og forslag til kommunen.",
            )
        )
        for k, person in enumerate(members):
            plan.seats.append(
                SeatRow(
                    ref,
                    person,
                    CITIZEN,
                    CHAIR if k == 0 else MEMBER,
                    "CITIZEN",
                    True,
                    _stable_start(rng, established, plan.today),
                )
            )


# The demo logins and the roles (keys of People.special) they belong to.
LOGINS = {
    "admin": "admin",
    "ordforer": "mayor",
    "kommunedirektor": "director",
    "personalsjef": "hr_chief",
    "hovedtillitsvalgt": "head_union_rep",
    "hovedverneombud": "head_safety_rep",
    "leder": "leader",
    "tillitsvalgt": "union_rep",
    "verneombud": "safety_rep",
    "ansatt": "employee",
    "overtallig": "redundant",
}


def _logins(plan: Plan) -> None:
    special = plan.people.special
    special["head_union_rep"] = plan.people.head_reps[names.FAGFORBUNDET]
    special["redundant"] = _redundant(plan)
    plan.logins = {username: special[role] for username, role in LOGINS.items()}


REORGANISED_TYPES = ("sykehjem", "hjemmetjeneste", "bolig")


def reorganised_unit(plan: Plan) -> UnitRow:
    """The unit whose reorganisation made the stillingsbank's eight redundant (the largest
    nursing home other than the demo logins' own unit; the largest unit if there is none)."""
    people = plan.people
    work = [
        u
        for u in plan.units
        if u.kind == UNIT and u.index not in (people.demo_unit, people.hr_unit)
    ]
    for types in (("sykehjem",), REORGANISED_TYPES, None):
        found = [u for u in work if types is None or u.unit_type in types]
        if found:
            return max(found, key=lambda u: (u.employee_count, -u.index))
    return plan.units[people.demo_unit]


def _redundant(plan: Plan) -> int:
    """The redundant employee with a login: the last employee of the reorganised unit who
    holds no seat and no other role (no draw from ``rng``, so the rest of the plan stays)."""
    people = plan.people
    seated = {seat.person for seat in plan.seats} | set(people.special.values())
    staff = people.staff(reorganised_unit(plan).index)
    free = [p for p in staff if p not in seated and not people.rows[p].is_leader]
    return (free or staff)[-1]
