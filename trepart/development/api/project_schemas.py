"""The shapes of the projects API (checked by ninja, shown in OpenAPI). Class names are
unique across the whole API, as OpenAPI keys its components by name.

What a reader gets is cut before these shapes are filled (``trepart.development.privacy``):
a visitor or an employee outside the project gets no group, no people kept informed and no
reports, and on a public project no employee's name."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Schema

ProjectKindName = Literal["DEVELOPMENT", "LEAN", "SERVICE_REVIEW", "SAVINGS_PROGRAMME"]
ProjectStatusName = Literal["ACTIVE", "RECOMMENDED", "DECIDED", "CLOSED"]
ProjectAccessName = Literal["PUBLIC", "SUMMARY", "FULL"]
PhaseKindName = Literal["CURRENT", "USERS", "DESIRED", "PROPOSAL", "OTHER"]


class ProjectQuery(Schema):
    kind: ProjectKindName | None = Field(None, description="Only projects of this kind.")
    status: ProjectStatusName | None = Field(None, description="Only projects in this status.")


class LeanSumsOut(Schema):
    count: int = Field(description="Problems and ideas on the board.")
    done: int = Field(description="Of them, done.")
    hours_saved_per_month: float
    errors_avoided_per_month: int
    waiting_days_avoided_per_month: float


class ProjectOut(Schema):
    id: int
    kind: ProjectKindName
    title: str
    status: ProjectStatusName = Field(description="Reads the innstilling item's outcome.")
    visibility: Literal["INTERNAL", "PUBLIC"]
    access: ProjectAccessName = Field(description="How much of the project the caller sees.")
    mandating_body: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    savings_target: int | None = Field(description="NOK a year; none for Lean.")
    url: str = Field(description="The project's page for this caller.")


class ProjectPageOut(Schema):
    count: int
    items: list[ProjectOut]


class SeatOut(Schema):
    party: str
    name: str = Field(description="Empty where the caller may not see the name.")
    role: str


class PhaseOut(Schema):
    id: int
    kind: PhaseKindName
    title: str
    goal: str
    starts_on: datetime.date
    ends_on: datetime.date
    done_on: datetime.date | None


class DecisionOut(Schema):
    recommended_on: datetime.date | None = Field(description="The body's meeting.")
    recommendation_outcome: str
    decision_maker: str
    adopted: bool | None
    text: str
    votes: str
    decided_on: datetime.date | None


class ProjectDetailOut(ProjectOut):
    summary: str
    mandate: str = Field(description="Empty for a summary.")
    leader: str = Field(description="Empty where the caller may not see the name.")
    units: list[str]
    group: list[SeatOut] = Field(description="Only with full access.")
    informed: list[str] = Field(description="Only with full access.")
    phases: list[PhaseOut]
    decision: DecisionOut
    lean: LeanSumsOut | None = Field(description="The improvement board's totals (Lean).")


class ReportOut(Schema):
    id: int
    text: str
    created_at: datetime.datetime
    meeting_starts_at: datetime.datetime | None
    item_number: str = Field(description="The case number on the body's agenda, like 12/26.")
