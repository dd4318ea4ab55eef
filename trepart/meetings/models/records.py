"""What a meeting leaves behind: attendance, follow-up actions, the minutes and their
approval, and the personal calendar feeds.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trepart.meetings.models.meeting import AgendaItem, Meeting
from trepart.organisation.models import Body, Membership, Municipality, Party, Person
from trepart.platform.tenancy import TenantQuerySet


class Attendance(models.Model):
    """One person's attendance at a meeting, for a party."""

    class Status(models.TextChoices):
        PRESENT = "PRESENT", _("Present")
        ABSENT = "ABSENT", _("Absent")
        DEPUTY = "DEPUTY", _("Present as deputy")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    party = models.CharField(_("party"), max_length=14, choices=Party.choices)
    status = models.CharField(_("attendance"), max_length=8, choices=Status.choices)
    substitute_for = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in place of"),
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="meeting_attendance_unique"),
            models.CheckConstraint(
                condition=Q(status="DEPUTY", substitute_for__isnull=False)
                | (~Q(status="DEPUTY") & Q(substitute_for__isnull=True)),
                name="meeting_attendance_deputy_for_someone",
            ),
        ]

    def __str__(self) -> str:
        # Named without the status: the audit trail keeps this text, and a translated
        # label in it would stay in the writer's language.
        return f"{self.person} ({self.meeting})"


class FollowUp(models.Model):
    """An agreed action (oppfølgingspunkt) with an owner and a due date, tracked until done."""

    class Status(models.TextChoices):
        OPEN = "OPEN", _("Not started")
        IN_PROGRESS = "IN_PROGRESS", _("In progress")
        DONE = "DONE", _("Done")
        CANCELLED = "CANCELLED", _("Cancelled")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="follow_ups")
    item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups"
    )
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    note = models.TextField(_("status note"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["body", "status", "due_on"]),
            models.Index(fields=["municipality", "status", "due_on"]),
            # The board's done column: the most recently done first, without sorting them all.
            models.Index(fields=["municipality", "status", "done_on"]),
        ]

    def __str__(self) -> str:
        return self.title


OPEN_FOLLOW_UP = (FollowUp.Status.OPEN, FollowUp.Status.IN_PROGRESS)


class Minutes(models.Model):
    """The minutes (møteprotokoll): drafted from the meeting's records, approved, published.

    Editing the minutes (the opening note and each item's discussion and outcome) checks
    ``version``, so two people editing at once never overwrite each other. Any edit after an
    approval withdraws the approvals.
    """

    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("Draft")
        APPROVED = "APPROVED", _("Approved")
        PUBLISHED = "PUBLISHED", _("Published")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    notes = models.TextField(_("opening notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"{self.meeting}"


class MinutesApproval(models.Model):
    class Role(models.TextChoices):
        CHAIR = "CHAIR", _("Chair")
        MEMBER = "MEMBER", _("Member")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="approvals")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=8, choices=Role.choices)
    approved_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["minutes", "person"], name="minutes_approval_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.minutes})"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's private iCal address: their bodies' meetings, public fields only."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=40, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    def __str__(self) -> str:
        return str(self.person)
