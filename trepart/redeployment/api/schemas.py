"""The shapes of the stillingsbank's register and vacancies in the API. Class names are
unique across the whole API (OpenAPI keys its components by name). Codes are the
municipality's: qualification and location codes; units and people by id."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Schema

from trepart.organisation.schemas import PageQuery
from trepart.platform.api import INT_MAX, Day, Id
from trepart.platform.text import Text, Title
from trepart.redeployment.models import CaseKind, CaseStatus

Codes = list[Title]


class CaseQuery(PageQuery):
    status: CaseStatus | None = Field(None, description="Only cases in this status.")
    kind: CaseKind | None = Field(None, description="Only cases of this kind.")
    unit: Id | None = Field(None, description="Only cases from this unit.")


VacancyStatus = Literal["HELD", "CONSIDERED", "OFFERED", "FILLED", "RELEASED", "WITHDRAWN"]


class VacancyQuery(PageQuery):
    status: VacancyStatus | None = Field(None, description="Only vacancies in this status.")
    unit: Id | None = Field(None, description="Only this unit's vacancies.")


class RefOut(Schema):
    id: int
    code: str
    name: str


class CaseOut(Schema):
    id: int
    kind: str
    status: str
    person: RefOut = Field(description="The person; code is their employee number.")
    from_unit: RefOut
    position: str
    percent: int
    wanted_percent: int | None
    wage_level: int
    qualifications: Codes
    qualifications_note: str
    location: str = Field(description="The work location's code.")
    seniority_date: datetime.date
    social_priority: int
    preferred_unit_ids: list[int]
    preferred_locations: Codes
    max_travel_minutes: int | None
    needs_adapted_work: bool
    adapted_work_note: str = Field(description="Seen only by the stillingsbank.")
    redundant_on: datetime.date
    notice_on: datetime.date | None
    preferential_until: datetime.date | None
    placed_on: datetime.date | None
    version: int
    url: str


class CasePage(Schema):
    count: int
    items: list[CaseOut]


class _CaseFields(Schema):
    kind: CaseKind = CaseKind.REDUNDANT
    from_unit_id: Id
    position: Title
    percent: int = Field(ge=0, le=INT_MAX, description="Position %, 1 to 100.")
    wanted_percent: int | None = Field(
        None, ge=0, le=INT_MAX, description="The wished position %, above ``percent``."
    )
    wage_level: int = Field(ge=0, le=INT_MAX, description="Yearly wage, NOK.")
    qualifications: Codes = Field(default_factory=list, max_length=200)
    qualifications_note: Text = ""
    location: Title = Field(description="The work location's code.")
    seniority_date: Day
    social_priority: int = Field(0, ge=0, le=INT_MAX, description="0 to 10.")
    preferred_unit_ids: list[Id] = Field(default_factory=list, max_length=500)
    preferred_locations: Codes = Field(default_factory=list, max_length=200)
    max_travel_minutes: int | None = Field(None, ge=1, le=1440)
    needs_adapted_work: bool = False
    adapted_work_note: Text = ""
    redundant_on: Day


class CaseIn(_CaseFields):
    person_id: Id


class CaseEditIn(_CaseFields):
    version: Id = Field(description="The version the change was made from.")


class VacancyOut(Schema):
    id: int
    unit: RefOut
    title: str
    percent: int
    required: Codes
    wanted: Codes
    location: str
    wage_min: int
    wage_max: int
    starts_on: datetime.date
    status: str
    held: bool = Field(description="Held for the stillingsbank: not to be advertised yet.")
    version: int
    url: str


class VacancyPage(Schema):
    count: int
    items: list[VacancyOut]


class VacancyIn(Schema):
    unit_id: Id
    title: Title
    percent: int = Field(ge=0, le=INT_MAX, description="Position %, 1 to 100.")
    required: Codes = Field(default_factory=list, max_length=200)
    wanted: Codes = Field(default_factory=list, max_length=200)
    location: Title = Field(description="The work location's code.")
    wage_min: int = Field(ge=0, le=INT_MAX)
    wage_max: int = Field(ge=0, le=INT_MAX)
    starts_on: Day


class VacancyEditIn(VacancyIn):
    version: Id = Field(description="The version the change was made from.")
