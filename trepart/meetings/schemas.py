"""The shapes of the meetings API's output and filters (checked by ninja, shown in OpenAPI).

As in the other apps' APIs, choices are spelt out as ``Literal`` types (a test keeps them
equal to the models' choices) and every class name is unique across the whole API, because
OpenAPI components are keyed by name.

What an outsider gets is decided before these shapes are filled (``meetings.privacy``): a
closed item reaches them as its case number, a neutral title and its legal basis, with
every other field empty or null.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from ninja import Field, Schema

from trepart.organisation.schemas import PageQuery, PartyName
from trepart.platform.api import Day, Id
from trepart.platform.text import Code
from trepart.proposals.api.schemas import BodyRef, ProposalStatus

MeetingStatusName = Literal["PLANNED", "PUBLISHED", "HELD", "CANCELLED"]
AgendaItemKindName = Literal[
    "ORIENTATION", "DISCUSSION", "RECOMMENDATION", "DECISION", "PROPOSALS", "RESULT_REPORT"
]
ItemOutcomeName = Literal["NOTED", "CONSENSUS", "DECISION", "DISAGREEMENT", "POSTPONED"]
ItemStanceName = Literal["AGREE", "CAN_LIVE_WITH", "OBJECT", "NO_VIEW"]
LegalBasisName = Literal[
    "KL_11_5_2_A",
    "KL_11_5_2_B",
    "KL_11_5_3_A",
    "KL_11_5_3_B",
    "OFFL_13",
    "OFFL_14",
    "OFFL_15",
    "OFFL_23",
    "OFFL_24",
    "OFFL_25",
]


class MeetingQuery(PageQuery):
    body: Id | None = Field(None, description="Only this body's meetings (its id).")
    start: Day | None = Field(
        None, alias="from", description="Meetings on or after this day (local time)."
    )
    end: Day | None = Field(
        None, alias="to", description="Meetings on or before this day (local time)."
    )
    kommune: Code | None = Field(
        None,
        description="The municipality's organisation number. Needed without a login when "
        "the installation serves several municipalities; a login's own municipality "
        "otherwise.",
    )


class MeetingOut(Schema):
    id: int
    body: BodyRef
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    place: str
    status: MeetingStatusName
    status_label: str
    is_open: bool = Field(description="Open to the public (kommuneloven § 11-5).")
    published_at: datetime.datetime | None = Field(description="When the agenda went out.")
    release_due_on: datetime.date = Field(description="The day the agenda was due.")
    released_late: bool
    video_url: str | None = Field(description="Only for the body's own people.")
    internal: bool = Field(
        description="True when the caller sees the body's own view: closed items and "
        "exempt documents included."
    )
    url: str = Field(description="The meeting's page.")


class MeetingPage(Schema):
    count: int
    items: list[MeetingOut]


class MeetingDocumentOut(Schema):
    id: int
    title: str = Field(description="A neutral title when the document is exempt.")
    exempt: bool
    late: bool = Field(description="Added or revised after the agenda was published.")
    released_at: datetime.datetime | None
    version: int
    file_name: str
    size: int
    content_type: str
    url: str | None = Field(description="Where to download it; null when the caller may not.")


class ItemStandOut(Schema):
    party: PartyName
    party_label: str
    stance: ItemStanceName
    stance_label: str
    statement: str


class ItemMotionOut(Schema):
    tabled_by: str
    text: str
    votes_for: int | None
    votes_against: int | None
    adopted: bool | None


class ItemProposalOut(Schema):
    id: int
    title: str
    status: ProposalStatus
    status_label: str


class AgendaItemOut(Schema):
    id: int
    case_number: str = Field(description="The body's number for the case, e.g. 12/26.")
    position: int
    kind: AgendaItemKindName | None = Field(description="Null for a closed item (outsiders).")
    kind_label: str
    title: str = Field(description="A neutral title for a closed item (outsiders).")
    closed: bool
    legal_basis: LegalBasisName | None = Field(description="The basis for closing the item.")
    legal_basis_label: str
    description: str
    case_officer: str
    added_late: bool
    outcome: ItemOutcomeName | None = Field(description="Null for a closed item (outsiders).")
    outcome_label: str
    outcome_text: str
    result_report: dict[str, Any] | None = Field(
        description="A standing result report as frozen when the agenda went out."
    )
    analysis: dict[str, Any] | None = Field(
        default=None,
        description=(
            "An analysis (survey results, sick leave, 10-FAKTOR) frozen onto the item when "
            "it was sent to the meeting, with the same suppression as the analysis pages."
        ),
    )
    documents: list[MeetingDocumentOut]
    stands: list[ItemStandOut] = Field(description="How each party stood.")
    motions: list[ItemMotionOut] = Field(description="Motions put forward, with votes.")
    proposals: list[ItemProposalOut] = Field(description="Proposals the item brings.")


class MeetingDetailOut(MeetingOut):
    items: list[AgendaItemOut]
