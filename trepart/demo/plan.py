"""The made-up municipality as plain data: units, people and the people with special roles.

Pure and deterministic: ``random.Random(seed)`` and the given ``today`` decide everything,
and nothing here touches the database. ``seats.py`` seats these people in bodies and
``builder.py`` writes the result.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from trepart.demo import names, workplaces

EMAIL_DOMAIN = "eikvik.kommune.example"


@dataclass(frozen=True)
class Preset:
    """How big the municipality is; ``units`` and ``employees`` do not count the sectors."""

    key: str
    name: str
    units: int
    employees: int
    council_seats: int
    citizens: int
    citizen_committees: int

    def resized(self, *, units: int, employees: int) -> Preset:
        """The same municipality at another size (tests use a tiny one)."""
        return replace(self, units=units, employees=employees)


PRESETS = {
    "small": Preset("small", "Eikvik kommune", 40, 1_000, 27, 40, 3),
    "medium": Preset("medium", "Eikvik kommune", 300, 10_000, 43, 250, 6),
    "oslo": Preset("oslo", "Eikvik kommune", 1_500, 50_000, 59, 600, 15),
}

EMPLOYEE, POLITICIAN, CITIZEN = "EMPLOYEE", "POLITICIAN", "CITIZEN"
SECTOR, UNIT = "SECTOR", "UNIT"
SMALLEST_UNIT = 4  # a leader, a tillitsvalgt, a verneombud and one more


@dataclass
class UnitRow:
    index: int
    code: str
    name: str
    kind: str
    parent: int | None
    unit_type: str  # a key of workplaces.UNIT_TYPES; "" for a sector
    sector_kind: str
    employee_count: int = 0


@dataclass
class PersonRow:
    index: int
    kind: str
    first_name: str
    last_name: str
    email: str
    external_id: str = ""
    unit: int | None = None
    position: str = ""
    is_leader: bool = False
    political_party: str = ""
    union: str = ""


@dataclass
class People:
    """Everyone, and who holds the roles the bodies and the demo logins need."""

    rows: list[PersonRow] = field(default_factory=list)
    by_unit: dict[int, list[int]] = field(default_factory=dict)
    sector_leaders: list[int] = field(default_factory=list)
    council: list[int] = field(default_factory=list)  # mayor first, then deputy mayor
    council_deputies: list[int] = field(default_factory=list)
    citizens: list[int] = field(default_factory=list)
    special: dict[str, int] = field(default_factory=dict)  # role key -> person index
    # Union representatives for the central bodies (hovedtillitsvalgte), by union.
    head_reps: dict[str, int] = field(default_factory=dict)
    demo_unit: int = 0
    hr_unit: int = 0
    secretariat_unit: int | None = None
    reserved: set[int] = field(default_factory=set)  # hold central roles: no LMU seat

    def staff(self, unit: int) -> list[int]:
        """The unit's employees other than its leader and those with central roles."""
        return [p for p in self.by_unit[unit][1:] if p not in self.reserved]


class _Names:
    """Fresh, plausible names and unique e-mail addresses."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.emails: dict[str, int] = {}

    def person(self) -> tuple[str, str]:
        first = self.rng.choice(names.WOMEN if self.rng.random() < 0.6 else names.MEN)
        last = self.rng.choice(names.LAST_NAMES)
        if self.rng.random() < 0.07:
            other = self.rng.choice(names.LAST_NAMES)
            last = last if other == last else f"{other} {last}"
        return first, last

    def email(self, first: str, last: str) -> str:
        local = f"{_ascii(first)}.{_ascii(last)}"
        seen = self.emails.get(local, 0) + 1
        self.emails[local] = seen
        return f"{local}{seen if seen > 1 else ''}@{EMAIL_DOMAIN}"


@cache
def _ascii(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in text).strip("-")


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder), summing exactly."""
    scale = sum(weights)
    exact = [total * w / scale for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _weighted(rng: random.Random, rows: Sequence[tuple[str, int, str]]) -> tuple[str, int, str]:
    return rng.choices(rows, weights=[row[1] for row in rows])[0]


def build_units(rng: random.Random, preset: Preset) -> list[UnitRow]:
    """Sectors (one per district for the larger presets) with their units beneath."""
    districts = names.DISTRICTS[: max(1, min(len(names.DISTRICTS), preset.units // 100))]
    per_kind = apportion(preset.units, [kind.unit_share for kind in workplaces.SECTOR_KINDS])
    rows: list[UnitRow] = []
    used: set[str] = set()
    for kind, count in zip(workplaces.SECTOR_KINDS, per_kind, strict=True):
        places = [""] if kind.central or len(districts) == 1 else list(districts)
        sectors = []
        for place in places:
            sectors.append(len(rows))
            rows.append(
                UnitRow(
                    index=len(rows),
                    code="",
                    name=f"{kind.name} {place}".strip(),
                    kind=SECTOR,
                    parent=None,
                    unit_type="",
                    sector_kind=kind.key,
                )
            )
        for n in range(count):
            if n < len(kind.fixed):
                name, unit_type = kind.fixed[n]
            else:
                unit_type = rng.choices(
                    [t for t, _w in kind.types], weights=[w for _t, w in kind.types]
                )[0]
                name = _unit_name(rng, workplaces.UNIT_TYPES[unit_type].pattern, used)
            used.add(name)
            rows.append(
                UnitRow(
                    index=len(rows),
                    code="",
                    name=name,
                    kind=UNIT,
                    parent=sectors[n % len(sectors)],
                    unit_type=unit_type,
                    sector_kind=kind.key,
                )
            )
    for prefix, unit_kind in (("S", SECTOR), ("E", UNIT)):
        for number, row in enumerate((r for r in rows if r.kind == unit_kind), start=1):
            row.code = f"{prefix}{number:04d}"
    return rows


def _unit_name(rng: random.Random, pattern: str, used: set[str]) -> str:
    for _attempt in range(40):
        name = pattern.format(place=rng.choice(names.PLACES))
        if name not in used:
            return name
    base = pattern.format(place=rng.choice(names.PLACES))
    number = 2
    while f"{base} {number}" in used:
        number += 1
    return f"{base} {number}"


def size_units(rng: random.Random, units: list[UnitRow], employees: int) -> None:
    """Give sectors a small staff and share the other employees out by workplace type."""
    for row in units:
        if row.kind == SECTOR:
            row.employee_count = rng.randint(2, 4) + (
                2 if row.sector_kind == "administrasjon" else 0
            )
    work_units = [row for row in units if row.kind == UNIT]
    left = employees - sum(row.employee_count for row in units) - SMALLEST_UNIT * len(work_units)
    if left < 0:
        raise ValueError(
            f"{employees} employees are too few for {len(work_units)} units "
            f"(each needs at least {SMALLEST_UNIT})."
        )
    weights = [workplaces.UNIT_TYPES[r.unit_type].size * rng.uniform(0.5, 1.5) for r in work_units]
    for row, extra in zip(work_units, apportion(left, weights), strict=True):
        row.employee_count = SMALLEST_UNIT + extra


def build_people(rng: random.Random, preset: Preset, units: list[UnitRow]) -> People:
    """Employees in every unit, the council's politicians, and some citizens."""
    people = People()
    namer = _Names(rng)

    def add(kind: str, **fields: object) -> int:
        first, last = namer.person()
        index = len(people.rows)
        people.rows.append(
            PersonRow(
                index=index,
                kind=kind,
                first_name=first,
                last_name=last,
                email=namer.email(first, last),
                **fields,  # type: ignore[arg-type]
            )
        )
        return index

    for unit in units:
        members = people.by_unit.setdefault(unit.index, [])
        for n in range(unit.employee_count):
            number = f"A{len(people.rows) + 1:06d}"
            if unit.kind == SECTOR:
                position, union = _sector_position(rng, unit, n)
            else:
                unit_type = workplaces.UNIT_TYPES[unit.unit_type]
                if n == 0:
                    position, _w, union = (
                        unit_type.leader,
                        0,
                        rng.choice(("Lederne", "Akademikerne", unit_type.staff[0][2], "")),
                    )
                else:
                    position, _w, union = _weighted(rng, unit_type.staff)
                    union = _maybe_union(rng, union)
            members.append(
                add(
                    EMPLOYEE,
                    external_id=number,
                    unit=unit.index,
                    position=position,
                    is_leader=n == 0 or position == "Avdelingsleder",
                    union=union,
                )
            )
        if unit.kind == SECTOR:
            people.sector_leaders.append(members[0])

    seats = apportion(preset.council_seats, [w for _p, w in names.COUNCIL_PARTIES])
    ranked = sorted(range(len(seats)), key=lambda i: (-seats[i], i))
    for i in ranked:
        party = names.COUNCIL_PARTIES[i][0]
        for _seat in range(seats[i]):
            people.council.append(
                add(POLITICIAN, political_party=party, position="Kommunestyremedlem")
            )
        for _deputy in range((seats[i] + 1) // 2):
            people.council_deputies.append(
                add(POLITICIAN, political_party=party, position="Vararepresentant")
            )
    # The largest party holds the mayor, the second the deputy mayor.
    mayor, deputy = people.council[0], people.council[seats[ranked[0]]]
    people.council.remove(deputy)
    people.council.insert(1, deputy)
    people.rows[mayor].position = "Ordfører"
    people.rows[deputy].position = "Varaordfører"
    people.special.update(mayor=mayor, deputy_mayor=deputy)

    for _citizen in range(preset.citizens):
        people.citizens.append(add(CITIZEN))
    _pick_special(rng, units, people)
    return people


def _sector_position(rng: random.Random, unit: UnitRow, n: int) -> tuple[str, str]:
    if unit.sector_kind == "administrasjon" and n < 2:
        return (
            ("Kommunedirektør", "Akademikerne")
            if n == 0
            else ("Assisterende kommunedirektør", "Lederne")
        )
    if n == 0:
        return workplaces.SECTOR_LEADER, rng.choice(("Lederne", "Akademikerne", ""))
    position, _w, union = _weighted(rng, workplaces.SECTOR_STAFF)
    return position, _maybe_union(rng, union)


def _maybe_union(rng: random.Random, usual: str) -> str:
    draw = rng.random()
    if draw < 0.65:
        return usual
    if draw < 0.75:
        return rng.choice((names.FAGFORBUNDET, names.DELTA, names.FO))
    return ""


HEAD_REP_UNIONS = (names.FAGFORBUNDET, names.UTDANNINGSFORBUNDET, names.NSF, names.DELTA, names.FO)


def _pick_special(rng: random.Random, units: list[UnitRow], people: People) -> None:
    """Choose who holds the central roles and which unit the demo logins work in."""
    rows = people.rows
    work_units = [u for u in units if u.kind == UNIT]
    admin = next(u for u in units if u.kind == SECTOR and u.sector_kind == "administrasjon")
    people.special["director"] = people.by_unit[admin.index][0]
    admin_units = [u for u in work_units if u.sector_kind == "administrasjon"]
    hr = next((u for u in admin_units if u.name == workplaces.HR_UNIT), admin_units[0])
    people.hr_unit = hr.index
    people.special["hr_chief"] = people.by_unit[hr.index][0]
    people.special["admin"] = people.by_unit[hr.index][1]
    secretariat = next((u for u in admin_units if u.name == "Politisk sekretariat"), None)
    if secretariat is not None:
        people.secretariat_unit = secretariat.index
        people.special["secretary"] = people.by_unit[secretariat.index][1]
    people.reserved.update(people.special.values())

    candidates = [
        u
        for u in work_units
        if u.unit_type in ("sykehjem", "hjemmetjeneste", "bolig") and u.employee_count >= 12
    ]
    candidates = candidates or sorted(work_units, key=lambda u: -u.employee_count)[:1]
    people.demo_unit = rng.choice(candidates).index

    # Central roles come from larger units, so every LMU still finds its two representatives.
    elsewhere = [
        p
        for u in work_units
        if u.index not in (people.demo_unit, hr.index) and u.employee_count >= 8
        for p in people.by_unit[u.index][1:]
        if not rows[p].is_leader and p not in people.reserved
    ]
    for union in HEAD_REP_UNIONS:
        members = [p for p in elsewhere if rows[p].union == union and p not in people.reserved]
        chosen = rng.choice(members or [p for p in elsewhere if p not in people.reserved])
        rows[chosen].union = union
        rows[chosen].position = f"Hovedtillitsvalgt, {union}"
        people.head_reps[union] = chosen
        people.reserved.add(chosen)
    safety = rng.choice([p for p in elsewhere if p not in people.reserved])
    rows[safety].position = "Hovedverneombud"
    people.special["head_safety_rep"] = safety
    people.reserved.add(safety)
