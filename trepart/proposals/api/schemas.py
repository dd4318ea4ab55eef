"""The shapes of the proposals API's input and output (checked by ninja, shown in OpenAPI).

As in the organisation API, choices are spelt out as ``Literal`` types (a test keeps them
equal to the models' choices), and every class name is unique across the whole API,
because OpenAPI components are keyed by name.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from ninja import Field, Schema

from trepart.organisation.schemas import PageQuery, PartyName
from trepart.platform.api import Day, Id, PositiveInt
from trepart.platform.text import Code, Email, Text, Title

ProposalStatus = Literal[
    "SUBMITTED",
    "UNDER_CONSIDERATION",
    "ESCALATED",
    "RECOMMENDED",
    "FURTHER_EVALUATION",
    "ANSWERED",
    "DONE",
    "WITHDRAWN",
    "MERGED",
]
ProposalSource = Literal["EMPLOYEE", "CITIZEN"]
AnswerKindName = Literal["IMPLEMENTED", "FURTHER_EVALUATION", "REJECTED"]
DecisionMakerName = Literal["COUNCIL", "CHIEF_EXECUTIVE"]
EventKindName = Literal[
    "SUBMITTED",
    "ROUTED",
    "TAKEN_UP",
    "ESCALATED",
    "ADVICE",
    "WAIVED",
    "POSITION",
    "DISAGREEMENT",
    "RECOMMENDED",
    "DECIDED",
    "ANSWERED",
    "DONE",
    "WITHDRAWN",
    "MERGED",
    "SUPPORTED",
    "REMINDED",
]
StanceName = Literal["AGREE", "LIVE_WITH", "OBJECT"]
BlockerCode = Literal["RECOMMENDATION", "SERVICE_USER", "CONSENSUS_PENDING", "CONSENSUS_BLOCKED"]
ConsensusStateName = Literal["REACHED", "PENDING", "BLOCKED"]

SEARCH_COUNT_CAP = 1000

# ---------------------------------------------------------------------------------------
# Errors


class Problem(Schema):
    """What was wrong with a request the rules refused, in the caller's language."""

    detail: str = Field(description="Every message in one sentence or more, for display.")
    errors: dict[str, list[str]] = Field(
        description="Messages by input field; messages about the request as a whole are "
        'under "__all__".'
    )


# ---------------------------------------------------------------------------------------
# Input


class ProposalQuery(PageQuery):
    status: ProposalStatus | None = Field(None, description="Only proposals in this status.")
    body: Id | None = Field(None, description="Only proposals handled by this body (its id).")
    unit: Id | None = Field(None, description="Only proposals affecting this unit (its id).")
    overdue: bool = Field(False, description="Only open proposals past their answer date.")
    source: ProposalSource | None = Field(None, description="Only employees' or citizens'.")
    q: Title = Field(
        "",
        description="Words to find in title or description (every word; prefixes match).",
    )
    mine: bool = Field(False, description="Only proposals the caller submitted.")


class ProposalIn(Schema):
    title: Title = Field(description="A short title, at most 200 characters.")
    description: Text = Field(description="What is proposed and why, a sentence or more.")
    unit_ids: list[Id] = Field(
        default_factory=list,
        description="The units (workplaces) the proposal affects; at least one for employees. "
        "The handling body is chosen from these by the municipality's routing rules.",
    )
    service_users_affected: bool = Field(
        False, description="Service users are affected (brings in their representatives)."
    )
    needs_money: bool = Field(False, description="Carrying it out costs money.")
    cost_estimate: PositiveInt | None = Field(
        None, ge=1, description="Estimated cost in whole kroner; required when needs_money."
    )
    hide_name: bool = Field(
        False, description="Show the proposer's name only to the body that handles it."
    )


class PublicProposalIn(ProposalIn):
    municipality: Code | None = Field(
        None,
        description="The municipality's nine-digit organisation number; required when the "
        "installation serves more than one municipality.",
    )
    name: Title = Field("", description="The proposer's name (optional).")
    email: Email = Field(
        "",
        description="An e-mail address for news about the proposal (optional). Only the "
        "handling body sees it.",
    )


class VersionIn(Schema):
    version: PositiveInt = Field(
        description="The proposal's version the caller last saw; if it has moved on since, "
        "the action is refused with 409."
    )


class EscalateIn(VersionIn):
    reason: Text = Field(description="Why the proposal goes on, in a sentence or more.")
    to_body: Id | None = Field(
        None,
        description="The body it goes to; by default the body above, else the coordination "
        "group, else the tripartite body.",
    )


class AdviceIn(VersionIn):
    text: Text = Field(description="The recommendation, in a sentence or more.")


class WaiverIn(VersionIn):
    reason: Text = Field(
        description="Why the body may decide without a service-user member, in a sentence or more."
    )


class AttendanceIn(VersionIn):
    present: list[Id] = Field(
        description="Ids of the memberships (voting seats) present for this round; every "
        "other voting seat is recorded as absent."
    )


class PositionIn(VersionIn):
    membership: Id = Field(description="The id of the voting member's membership.")
    stance: StanceName = Field(description="Agree, can live with it, or object.")
    reason: Text = Field("", description="Why; required for an objection.")


class DisagreementIn(VersionIn):
    views: dict[PartyName, Text] = Field(
        description="Each party's view in its own words, keyed by party "
        "(POLITICAL, ADMINISTRATION, EMPLOYEE, …); every party with a voting seat is required."
    )


class RecommendationIn(VersionIn):
    decision_maker: DecisionMakerName = Field(description="Who makes the formal decision.")
    text: Text = Field(description="The recommendation (innstilling), in a sentence or more.")


class AnswerIn(VersionIn):
    kind: AnswerKindName = Field(description="Implemented, further evaluation or rejected.")
    reason: Text = Field(
        description="The reason the proposer reads: at least four words; a one-word answer "
        "is refused."
    )
    new_due_on: Day | None = Field(
        None, description="For FURTHER_EVALUATION: the future date it will be answered by."
    )


class DoneIn(VersionIn):
    note: Text = Field("", description="How it was carried out (optional).")


class WithdrawIn(VersionIn):
    reason: Text = Field("", description="Why the proposer takes it back (optional).")


class MergeIn(VersionIn):
    into: Id = Field(description="The id of the open proposal this one joins.")
    reason: Text = Field(description="Why they are the same, in a sentence or more.")


# ---------------------------------------------------------------------------------------
# Output


class BodyRef(Schema):
    id: int = Field(description="The body's id (see /bodies/{body_id}).")
    name: str = Field(description="The body's name.")


class UnitRef(Schema):
    id: int = Field(description="The unit's id (see /units/{unit_id}).")
    name: str = Field(description="The unit's name.")


class ProposalOut(Schema):
    id: int = Field(description="The proposal's id.")
    title: str = Field(description="Its title.")
    status: ProposalStatus = Field(description="Where it stands.")
    status_label: str = Field(description="The status in the caller's language.")
    body: BodyRef = Field(description="The body handling it now.")
    units: list[UnitRef] = Field(description="The units it affects.")
    source: ProposalSource = Field(description="Whether an employee or a citizen sent it.")
    due_on: datetime.date = Field(description="The date the answer is due.")
    overdue: bool = Field(description="Open and past its answer date.")
    answer: AnswerKindName | None = Field(description="The latest answer, if any.")
    support_count: int = Field(description="How many others back it.")
    proposer: str = Field(
        description='Who proposed it. A name the proposer asked to hide reads "Name withheld" '
        "to everyone but the proposer and the handling body."
    )
    created_at: datetime.datetime = Field(description="When it was submitted.")


class ProposalPage(Schema):
    count: int = Field(
        description=f"How many proposals match; for a search (q), counted up to "
        f"{SEARCH_COUNT_CAP} only (see count_capped)."
    )
    count_capped: bool = Field(
        description=f"True when a search matches more than {SEARCH_COUNT_CAP}: narrow it "
        "to page through all of them."
    )
    items: list[ProposalOut] = Field(description="This page, newest first.")


class ProposalEventOut(Schema):
    id: int = Field(description="The event's id.")
    kind: EventKindName = Field(description="What happened.")
    kind_label: str = Field(description="What happened, in the caller's language.")
    at: datetime.datetime = Field(description="When.")
    actor: str | None = Field(
        description="Who did it; null for a citizen or the system. A proposer's hidden name "
        "is withheld here too."
    )
    body: BodyRef | None = Field(description="The body where it happened.")
    from_status: ProposalStatus | None = Field(description="The status before, if known.")
    to_status: ProposalStatus | None = Field(description="The status after.")
    reason: str = Field(description="The reason or text given with it.")
    data: dict[str, Any] = Field(
        description="Details of the step, by kind: e.g. from_body/to_body for ESCALATED, "
        "stance/party/round for POSITION, views for DISAGREEMENT."
    )


class ProposalAnswerOut(Schema):
    kind: AnswerKindName = Field(description="Implemented, further evaluation or rejected.")
    reason: str = Field(description="The written reason.")
    body: BodyRef | None = Field(description="The body that answered.")
    decision_maker: DecisionMakerName | None = Field(
        description="Set when this is a formal decision (vedtak) by the council or the "
        "chief executive on the body's recommendation."
    )
    new_due_on: datetime.date | None = Field(description="For FURTHER_EVALUATION: new due date.")
    at: datetime.datetime = Field(description="When it was recorded.")


class ProposalPositionOut(Schema):
    round: int = Field(description="The consensus round (a new one starts at each body).")
    membership_id: int = Field(description="The member's membership id.")
    party: PartyName = Field(description="The member's party.")
    person: str | None = Field(
        description="The member's name; null for a citizen member the caller may not see."
    )
    stance: StanceName = Field(description="Agree, can live with it, or object.")
    reason: str = Field(description="The member's reason.")
    at: datetime.datetime = Field(description="When it was recorded.")


class ProposalAttachmentOut(Schema):
    id: int = Field(description="The attachment's id.")
    name: str = Field(description="The file name.")
    size: int = Field(description="Size in bytes.")
    content_type: str = Field(description="The type found from the file's content.")
    url: str = Field(description="Where to download it (with the same login).")


class ProposalBlockerOut(Schema):
    code: BlockerCode = Field(description="What must happen before the body may decide.")
    message: str = Field(description="The same, in the caller's language.")


class ProposalConsensusOut(Schema):
    state: ConsensusStateName = Field(
        description="REACHED: every voting member present agrees or can live with it; "
        "PENDING: positions are missing; BLOCKED: someone objects."
    )
    round: int = Field(description="The current round.")
    missing: list[int] = Field(description="Membership ids of present members without a position.")
    objections: list[int] = Field(description="Membership ids of members who object.")


class ProposalDetailOut(ProposalOut):
    description: str = Field(description="The proposal in full.")
    service_users_affected: bool = Field(description="Service users are affected.")
    needs_money: bool = Field(description="Carrying it out costs money.")
    cost_estimate: int | None = Field(description="Estimated cost in whole kroner.")
    arrived_on: datetime.date = Field(description="When it reached the handling body.")
    answered_on: datetime.date | None = Field(description="The date of the latest answer.")
    done_on: datetime.date | None = Field(description="When it was marked as done.")
    merged_into: int | None = Field(description="The proposal it was merged into.")
    recommendation_body: BodyRef | None = Field(
        description="The body whose recommendation the handling body needs before deciding."
    )
    recommendation_recorded: bool = Field(description="That recommendation is recorded.")
    requires_service_user: bool = Field(
        description="The handling body needs a service-user member before it decides."
    )
    service_user_waiver: str = Field(
        description="The coordination group's reason for waiving that requirement, if any."
    )
    decision_maker: DecisionMakerName | None = Field(
        description="Who makes the formal decision, once the body has recommended it."
    )
    proposer_email: str | None = Field(
        description="The proposer's e-mail address: only for the handling body and the "
        "proposer, null for everyone else."
    )
    events: list[ProposalEventOut] = Field(description="The full history, oldest first.")
    answers: list[ProposalAnswerOut] = Field(description="Every answer, oldest first.")
    positions: list[ProposalPositionOut] = Field(
        description="Every position recorded, in every round, oldest first."
    )
    attachments: list[ProposalAttachmentOut] = Field(description="Files sent with it.")
    blockers: list[ProposalBlockerOut] = Field(
        description="What must happen before the handling body may answer or recommend; "
        "empty when nothing stands in the way (or the proposal is no longer open)."
    )
    consensus: ProposalConsensusOut | None = Field(
        description="The current round's consensus, for a body that decides by consensus."
    )
    version: int = Field(description="Send this back with an action (see VersionIn).")


class PublicSubmittedOut(Schema):
    tracking_code: str = Field(description="The secret code to follow the proposal by.")
    tracking_url: str = Field(description="The page where the proposer follows it.")
    status: ProposalStatus = Field(description="Where it stands (SUBMITTED).")
    body: str = Field(description="The name of the body that handles it.")
    due_on: datetime.date = Field(description="The date the answer is due.")


class PublicAnswerOut(Schema):
    kind: AnswerKindName = Field(description="Implemented, further evaluation or rejected.")
    reason: str = Field(description="The written reason.")
    decision_maker: DecisionMakerName | None = Field(
        description="Set when this is a formal decision by the council or chief executive."
    )
    new_due_on: datetime.date | None = Field(description="For FURTHER_EVALUATION: new due date.")
    at: datetime.datetime = Field(description="When it was given.")


class PublicEventOut(Schema):
    kind: EventKindName = Field(description="What happened.")
    kind_label: str = Field(description="What happened, in the reader's language.")
    at: datetime.datetime = Field(description="When.")
    body: str | None = Field(description="The name of the body where it happened.")
    to_status: ProposalStatus | None = Field(description="The status after.")
    reason: str = Field(description="The reason given with it.")


class PublicProposalOut(Schema):
    title: str = Field(description="Its title.")
    description: str = Field(description="The proposal in full.")
    status: ProposalStatus = Field(description="Where it stands.")
    status_label: str = Field(description="The status in the reader's language.")
    body: str = Field(description="The name of the body handling it now.")
    due_on: datetime.date = Field(description="The date the answer is due.")
    overdue: bool = Field(description="Open and past its answer date.")
    answers: list[PublicAnswerOut] = Field(description="Every answer with its reason.")
    history: list[PublicEventOut] = Field(
        description="The steps it has been through. No person's name or e-mail appears, "
        "and members' positions are not shown."
    )
