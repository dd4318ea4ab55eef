"""The course's API schemas (named ``Course…`` so they clash with no other app's)."""

from __future__ import annotations

import datetime

from ninja import Field, Schema


class CourseDayOut(Schema):
    number: int
    date: datetime.date


class CourseRunOut(Schema):
    id: int
    title: str
    place: str
    capacity: int
    starts_on: datetime.date
    ends_on: datetime.date
    enrolled: int = Field(description="Places taken.")
    waiting: int = Field(description="People on the waiting list.")
    days: list[CourseDayOut]
    url: str


class CourseRunPage(Schema):
    count: int
    items: list[CourseRunOut]


class CourseRunQuery(Schema):
    upcoming: bool = Field(False, description="Only runs that have not ended.")
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)


class CourseEnrolIn(Schema):
    person_id: int | None = Field(
        None, description="Whom to enrol: left out, the caller; else someone the caller leads."
    )


class CourseEnrolmentOut(Schema):
    id: int
    run_id: int
    person_id: int
    status: str = Field(description="ENROLLED, WAITING (past capacity) or CANCELLED.")
    days_attended: int
    completed_on: datetime.date | None
    version: int


class CourseRecordOut(Schema):
    person_id: int
    name: str
    completed_on: datetime.date | None
    enrolments: list[CourseEnrolmentOut]


class CourseGroupOut(Schema):
    key: str
    name: str
    depth: int
    people: int = Field(description="People the course is mandatory for.")
    completed: int
    share: float = Field(description="Percent completed.")


class CourseCompletionOut(Schema):
    mandatory: bool
    threshold: int = Field(description="Groups smaller than this are never shown.")
    whole: CourseGroupOut | None = Field(description="Null when everyone together is too few.")
    sectors: list[CourseGroupOut]
    units: list[CourseGroupOut]
    parties: list[CourseGroupOut]
    political_parties: list[CourseGroupOut]
    hidden: int = Field(description="Groups left out (too small, or giving a small one away).")
