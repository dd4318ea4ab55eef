"""The library's API schemas (named ``Library…`` so none clashes with another app's)."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Schema

from trepart.platform.api import Day, Id, Offset

KindName = Literal[
    "TRIPARTITE_AGREEMENT",
    "AGREEMENT_RULES",
    "VALUES_MANIFESTO",
    "EMPLOYER_POLICY",
    "PLAN",
    "UNION_AGREEMENT",
    "BODY_MANDATE",
    "OTHER",
]
StatusName = Literal["DRAFT", "APPROVED", "SUPERSEDED"]


class LibraryDocumentQuery(Schema):
    limit: int = Field(100, ge=1, le=500, description="Items per page, at most 500.")
    offset: Offset = Field(0, description="Items to skip.")
    kind: KindName | None = Field(None, description="Only documents of this kind.")
    kommune: str | None = Field(
        None,
        pattern=r"^\d{9}$",
        description="A visitor's municipality (organisation number); signed-in callers get "
        "their own.",
    )


class LibraryVersionBrief(Schema):
    id: int
    number: int
    applies_from: datetime.date | None
    url: str


class LibraryDocumentOut(Schema):
    id: int
    kind: KindName
    title: str
    summary: str
    current: LibraryVersionBrief | None = Field(description="The version in force today.")
    versions: int = Field(description="Approved versions the caller may read.")
    url: str


class LibraryDocumentPage(Schema):
    count: int = Field(description="All the documents that match, on every page.")
    items: list[LibraryDocumentOut]


class LibraryItemOut(Schema):
    id: int
    case_number: str
    meeting_id: int
    url: str


class LibraryVersionOut(Schema):
    id: int
    document_id: int
    number: int
    status: StatusName
    is_public: bool
    in_force: bool
    proposed_by: str = Field(description="Empty on public answers for employees.")
    approved_by: str
    approved_item: LibraryItemOut | None
    approved_on: datetime.date | None
    applies_from: datetime.date | None
    change_note: str
    has_file: bool
    url: str


class LibraryVersionTextOut(LibraryVersionOut):
    text: str


class LibraryDocumentDetailOut(LibraryDocumentOut):
    version_list: list[LibraryVersionOut]
    bodies: list[str] = Field(description="Bodies the document governs.")


class LibrarySegmentOut(Schema):
    kind: Literal["same", "added", "removed"]
    text: str


class LibraryParagraphOut(Schema):
    kind: Literal["same", "added", "removed", "changed"]
    segments: list[LibrarySegmentOut]


class LibraryComparisonOut(Schema):
    old: int
    new: int
    changed: int
    added: int
    removed: int
    unchanged: int
    words_added: int
    words_removed: int
    paragraphs: list[LibraryParagraphOut]


class LibraryCompareQuery(Schema):
    fra: int = Field(ge=1, le=32767, description="The older version's number.")
    til: int = Field(ge=1, le=32767, description="The newer version's number.")


class LibraryDraftIn(Schema):
    text: str = Field(max_length=20_000)
    change_note: str = Field("", max_length=300)
    is_public: bool = False


class LibraryDraftEditIn(LibraryDraftIn):
    version: int = Field(ge=1, le=2**31 - 1, description="The version number the caller read.")


class LibraryApproveIn(Schema):
    body_id: Id
    item_id: Id | None = None
    approved_on: Day
    applies_from: Day
    version: int = Field(ge=1, le=2**31 - 1)


class LibraryProblem(Schema):
    detail: str
    errors: dict[str, list[str]]
