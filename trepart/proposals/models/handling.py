"""What is recorded as a proposal is handled: the units it concerns, its history
(``Event``), answers, the parties' positions, attendance, attachments, support and the
deadline reminders already sent.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from trepart.organisation.models import Body, Membership, Municipality, Party, Person, Unit
from trepart.platform.files.stored import StoredFile
from trepart.platform.tenancy import TenantQuerySet
from trepart.proposals.models.proposal import AnswerKind, DecisionMaker, Proposal, Status
from trepart.proposals.routing.reasons import routing_reason_text


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
