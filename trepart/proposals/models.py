"""Proposals (forslag): from an employee or a citizen, routed to a body, always answered."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from trepart.organisation.models import Body, Membership, Municipality, Party, Person, Unit
from trepart.platform.files.stored import StoredFile
from trepart.platform.models import Notification
from trepart.platform.tenancy import TenantQuerySet
from trepart.proposals.routing.reasons import routing_reason_text


class Source(models.TextChoices):
    EMPLOYEE = "EMPLOYEE", _("Employee")
    CITIZEN = "CITIZEN", _("Citizen")


class Status(models.TextChoices):
    SUBMITTED = "SUBMITTED", _("Submitted")
    UNDER_CONSIDERATION = "UNDER_CONSIDERATION", _("Under consideration")
    ESCALATED = "ESCALATED", _("Escalated")
    RECOMMENDED = "RECOMMENDED", _("Recommended to the decision maker")
    FURTHER_EVALUATION = "FURTHER_EVALUATION", _("Being evaluated further")
    ANSWERED = "ANSWERED", _("Answered")
    DONE = "DONE", _("Implemented and done")
    WITHDRAWN = "WITHDRAWN", _("Withdrawn")
    MERGED = "MERGED", _("Merged with another proposal")


OPEN_STATUSES = (
    Status.SUBMITTED,
    Status.UNDER_CONSIDERATION,
    Status.ESCALATED,
    Status.RECOMMENDED,
    Status.FURTHER_EVALUATION,
)


class AnswerKind(models.TextChoices):
    IMPLEMENTED = "IMPLEMENTED", _("Implemented")
    FURTHER_EVALUATION = "FURTHER_EVALUATION", _("Further evaluation")
    REJECTED = "REJECTED", _("Rejected")


class DecisionMaker(models.TextChoices):
    """Who holds the formal power (the decision line): the cooperation only recommends."""

    COUNCIL = "COUNCIL", _("Municipal council")
    CHIEF_EXECUTIVE = "CHIEF_EXECUTIVE", _("Chief executive (kommunedirektør)")


def new_tracking_code() -> str:
    return secrets.token_urlsafe(24)


class RoutingRule(models.Model):
    """One row of a municipality's routing table, kept as data so it can be adjusted.

    A ROUTE rule sends a matching proposal to a body; the first matching ROUTE rule in
    ``priority`` order wins. A SERVICE_USERS rule adds the requirement that the handling
    body has a service-user member before it decides.
    """

    class Effect(models.TextChoices):
        ROUTE = "ROUTE", _("Send to a body")
        SERVICE_USERS = "SERVICE_USERS", _("Require a service-user member before deciding")

    class Target(models.TextChoices):
        UNIT_LMU = "UNIT_LMU", _("The LMU of the affected unit")
        BODY_KIND = "BODY_KIND", _("The municipality's body of a kind")
        BODY = "BODY", _("A named body")

    class Match(models.TextChoices):
        ANY = "ANY", _("Any")
        YES = "YES", _("Yes")
        NO = "NO", _("No")

    class UnitMatch(models.TextChoices):
        ANY = "ANY", _("Any")
        ONE = "ONE", _("Exactly one unit")
        SEVERAL = "SEVERAL", _("Several units")
        NONE = "NONE", _("No unit given")

    class SourceMatch(models.TextChoices):
        ANY = "ANY", _("Anyone")
        EMPLOYEE = "EMPLOYEE", _("Employees")
        CITIZEN = "CITIZEN", _("Citizens")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="routing_rules"
    )
    priority = models.PositiveSmallIntegerField(_("order"), default=100)
    effect = models.CharField(
        _("effect"), max_length=14, choices=Effect.choices, default=Effect.ROUTE
    )
    when_source = models.CharField(
        _("from"), max_length=10, choices=SourceMatch.choices, default=SourceMatch.ANY
    )
    when_units = models.CharField(
        _("affected units"), max_length=10, choices=UnitMatch.choices, default=UnitMatch.ANY
    )
    when_needs_money = models.CharField(
        _("needs money"), max_length=3, choices=Match.choices, default=Match.ANY
    )
    when_service_users = models.CharField(
        _("service users affected"), max_length=3, choices=Match.choices, default=Match.ANY
    )
    target = models.CharField(
        _("send to"), max_length=10, choices=Target.choices, blank=True, default=""
    )
    target_kind = models.CharField(
        _("body kind"), max_length=20, choices=Body.Kind.choices, blank=True, default=""
    )
    target_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("body"),
    )
    recommendation_kind = models.CharField(
        _("needs a recommendation from"),
        max_length=20,
        choices=Body.Kind.choices,
        blank=True,
        default="",
        help_text=_("The handling body may decide only after this body's recommendation."),
    )
    note = models.CharField(_("why"), max_length=300, blank=True)
    active = models.BooleanField(_("in use"), default=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["municipality", "priority", "pk"]

    def __str__(self) -> str:
        return f"{self.priority}: {self.get_effect_display()}"


class Proposal(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="proposals"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    source = models.CharField(_("from"), max_length=10, choices=Source.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    proposer = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    proposer_name = models.CharField(_("name"), max_length=200, blank=True)
    proposer_email = models.EmailField(_("e-mail"), blank=True)
    hide_name = models.BooleanField(
        _("show my name only to the body that handles the proposal"), default=False
    )
    units: models.ManyToManyField[Unit, ProposalUnit] = models.ManyToManyField(
        Unit, through="ProposalUnit", related_name="proposals", verbose_name=_("affected units")
    )
    service_users_affected = models.BooleanField(_("service users are affected"), default=False)
    needs_money = models.BooleanField(_("needs money"), default=False)
    cost_estimate = models.PositiveIntegerField(
        _("estimated cost (NOK)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("handling body"),
    )
    recommendation_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals_to_recommend",
        verbose_name=_("recommendation needed from"),
    )
    recommendation_recorded = models.BooleanField(default=False)
    requires_service_user = models.BooleanField(default=False)
    service_user_waiver = models.TextField(blank=True)
    decision_maker = models.CharField(
        max_length=16, choices=DecisionMaker.choices, blank=True, default=""
    )
    answer = models.CharField(
        _("answer"), max_length=20, choices=AnswerKind.choices, blank=True, default=""
    )
    arrived_on = models.DateField(_("arrived at the body"))
    due_on = models.DateField(_("answer due"))
    answered_on = models.DateField(_("answered"), null=True, blank=True)
    answered_in_time = models.BooleanField(null=True)
    answer_days = models.PositiveIntegerField(null=True)
    first_answer = models.CharField(max_length=20, choices=AnswerKind.choices, blank=True)
    done_on = models.DateField(_("done"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged"
    )
    support_count = models.PositiveIntegerField(default=0)
    # The messages the outbox sent about this proposal; they go when the proposal goes.
    notifications = GenericRelation(
        Notification, content_type_field="about_type", object_id_field="about_id"
    )
    consensus_round = models.PositiveIntegerField(default=1)
    tracking_code = models.CharField(max_length=40, unique=True, default=new_tracking_code)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-pk"]
        indexes = [
            models.Index(fields=["municipality", "status", "id"]),
            models.Index(fields=["body", "status", "due_on"]),
            models.Index(fields=["municipality", "source", "id"]),
            models.Index(
                fields=["municipality", "due_on"],
                name="proposal_open_due",
                condition=Q(status__in=[s.value for s in OPEN_STATUSES]),
            ),
            models.Index(fields=["recommendation_body", "recommendation_recorded"]),
            models.Index(fields=["submitted_by", "id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(needs_money=True) | Q(cost_estimate__isnull=True),
                name="proposal_cost_only_when_money",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ProposalUnitQuerySet(TenantQuerySet["ProposalUnit"]):
    """ProposalUnit rows reach their municipality through ``proposal``."""

    tenant_field = "proposal__municipality"


class ProposalUnit(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT)

    objects = ProposalUnitQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "unit"], name="proposal_unit_once"),
        ]
        indexes = [models.Index(fields=["unit", "proposal"])]

    def __str__(self) -> str:
        return f"{self.proposal_id} – {self.unit_id}"


class Event(models.Model):
    """One step in a proposal's history: who did what, when, where and why."""

    class Kind(models.TextChoices):
        SUBMITTED = "SUBMITTED", _("Submitted")
        ROUTED = "ROUTED", _("Sent to a body")
        TAKEN_UP = "TAKEN_UP", _("Taken up for consideration")
        ESCALATED = "ESCALATED", _("Escalated")
        ADVICE = "ADVICE", _("Recommendation from the coordination group recorded")
        WAIVED = "WAIVED", _("Service-user requirement waived")
        POSITION = "POSITION", _("Position recorded")
        DISAGREEMENT = "DISAGREEMENT", _("Disagreement recorded")
        RECOMMENDED = "RECOMMENDED", _("Recommended to the decision maker")
        DECIDED = "DECIDED", _("Formal decision recorded")
        ANSWERED = "ANSWERED", _("Answered")
        DONE = "DONE", _("Marked as done")
        WITHDRAWN = "WITHDRAWN", _("Withdrawn by the proposer")
        MERGED = "MERGED", _("Merged")
        SUPPORTED = "SUPPORTED", _("Supported")
        REMINDED = "REMINDED", _("Reminder sent")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=14, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.ForeignKey(
        Body, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["proposal", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def shown_reason(self) -> str:
        """The reason as the reader reads it: a written one as written; a routing reason
        (stored as a code and its values) in the reader's language."""
        why = self.data.get("why") if isinstance(self.data, dict) else None
        if not self.reason and isinstance(why, dict):
            return routing_reason_text(why)
        return self.reason


class Answer(models.Model):
    """A reasoned answer (tilbakemelding): the body's own, or the formal decision maker's."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="answers")
    kind = models.CharField(_("answer"), max_length=20, choices=AnswerKind.choices)
    reason = models.TextField(_("reason"))
    body = models.ForeignKey(Body, on_delete=models.SET_NULL, null=True, related_name="+")
    decision_maker = models.CharField(
        max_length=16, choices=DecisionMaker.choices, blank=True, default=""
    )
    new_due_on = models.DateField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Position(models.Model):
    """A voting member's stand on a proposal in a consensus round."""

    class Stance(models.TextChoices):
        AGREE = "AGREE", _("Agree")
        LIVE_WITH = "LIVE_WITH", _("Can live with it")
        # The verb of a consensus round ("I object"), not the audit log's "object" (a thing).
        OBJECT = "OBJECT", pgettext_lazy("consensus position", "Object")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="positions")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    round = models.PositiveIntegerField(default=1)
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    party = models.CharField(max_length=14, choices=Party.choices)
    stance = models.CharField(_("position"), max_length=10, choices=Stance.choices)
    reason = models.TextField(_("reason"), blank=True)
    present = models.BooleanField(default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["proposal", "body", "round"])]

    def __str__(self) -> str:
        return self.get_stance_display()


class Attendance(models.Model):
    """Which voting members are present for a consensus round (set by the chair or secretary)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attendance")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    round = models.PositiveIntegerField(default=1)
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(default=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "round", "membership"], name="attendance_once_per_round"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id}: {self.present}"


class Attachment(StoredFile):
    # A proposal carries a few papers, not an archive.
    MAX_PER_PROPOSAL = 5

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def storage_folder(self) -> str:
        return f"proposals/{self.municipality_id}"


class Support(models.Model):
    """Someone backing an existing proposal instead of sending a duplicate."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "user"],
                condition=Q(user__isnull=False),
                name="support_once_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id}"


class ReminderQuerySet(TenantQuerySet["Reminder"]):
    """Reminder rows reach their municipality through ``proposal``."""

    tenant_field = "proposal__municipality"


class Reminder(models.Model):
    """A deadline reminder already sent, so the daily run never sends it twice."""

    class Level(models.TextChoices):
        CHAIR = "CHAIR", _("Chair of the handling body")
        COORDINATION = "COORDINATION", _("Coordination group")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reminders")
    level = models.CharField(max_length=12, choices=Level.choices)
    due_on = models.DateField()
    sent_on = models.DateField()

    objects = ReminderQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "level", "due_on"], name="reminder_once_per_deadline"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.level} {self.due_on}"
