"""The shapes of the organisation API's input and output (checked by ninja, shown in OpenAPI).

The choice fields are spelt out as ``Literal`` types rather than the models' ``TextChoices``:
the models' enums are all called ``Kind``, and OpenAPI components are keyed by name, so they
would overwrite each other. A test keeps these lists equal to the models' choices.
"""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Schema

from trepart.platform.api import Id, Offset
from trepart.platform.text import Title

UnitKind = Literal["SECTOR", "UNIT"]
PersonKind = Literal["EMPLOYEE", "POLITICIAN", "CITIZEN"]
BodyKind = Literal[
    "TRIPARTITE",
    "COORDINATION",
    "LMU",
    "CITIZEN_COMMITTEE",
    "PROJECT_GROUP",
    "REDEPLOYMENT",
    "COUNCIL",
]
RuleKind = Literal["PARITY", "LMU_ROLES", "STATUTORY_5_11"]
PartyName = Literal["POLITICAL", "ADMINISTRATION", "EMPLOYEE", "CITIZEN", "SERVICE_USER"]
MemberRole = Literal["CHAIR", "DEPUTY_CHAIR", "MEMBER", "DEPUTY", "SECRETARY", "OBSERVER"]
MemberCapacity = Literal[
    "ELECTED", "LEADER", "UNION_REP", "SAFETY_REP", "EMPLOYEE", "CITIZEN", "USER_REP", "OTHER"
]

MAX_LIMIT = 500


class Error(Schema):
    detail: str


class PageQuery(Schema):
    limit: int = Field(100, ge=1, le=MAX_LIMIT, description="Items per page, at most 500.")
    offset: Offset = Field(0, description="Items to skip.")


class UnitQuery(PageQuery):
    parent_id: Id | None = Field(None, description="Only the units directly under this one.")


class PersonQuery(PageQuery):
    q: Title = Field("", description="Words to find in name or position.")
    kind: PersonKind | None = None
    unit_id: Id | None = None


class BodyQuery(PageQuery):
    q: Title = Field("", description="Words to find in the body's or unit's name.")
    kind: BodyKind | None = None


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: UnitKind
    parent_id: int | None
    employee_count: int


class UnitPage(Schema):
    count: int
    items: list[UnitOut]


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    kind: PersonKind
    unit_id: int | None
    position: str
    is_leader: bool
    email: str | None = Field(
        description="Null unless the caller may see contact details (the person themself, "
        "an administrator, or someone who sits in a body with them)."
    )
    phone: str | None


class PersonPage(Schema):
    count: int
    items: list[PersonOut]


class ContinuityOut(Schema):
    seats: int = Field(description="Voting and chairing seats held today.")
    stable: int = Field(description="Of these, held by the same person for the whole period.")
    percent: int | None = Field(description="stable / seats in per cent; null with no seats.")
    period_start: datetime.date
    period_end: datetime.date


class BodyOut(Schema):
    id: int
    name: str
    kind: BodyKind
    unit_id: int | None
    parent_id: int | None
    is_statutory_5_11: bool
    composition_ok: bool = Field(description="True when the body meets all its rules today.")
    problems: list[str] = Field(description="What breaks the rules, in the request's language.")
    continuity: ContinuityOut


class BodyPage(Schema):
    count: int
    items: list[BodyOut]


class RuleOut(Schema):
    kind: RuleKind
    seats_per_party: int | None


class MemberPersonOut(Schema):
    id: int
    first_name: str
    last_name: str


class MemberOut(Schema):
    id: int = Field(description="The membership's id.")
    person: MemberPersonOut | None = Field(
        description="Null for a citizen the caller may not see; the seat itself is still shown."
    )
    party: PartyName
    role: MemberRole
    capacity: MemberCapacity
    voting: bool
    start: datetime.date
    end: datetime.date | None


class BodyDetailOut(BodyOut):
    mandate: str
    established: datetime.date
    rules: list[RuleOut]
    members: list[MemberOut] = Field(description="Today's members, grouped by party.")
