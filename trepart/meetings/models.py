"""Meetings (møter) of the bodies: agenda, documents, attendance, outcomes, follow-up, minutes.

Openness is the rule (kommuneloven § 11-5): an item is public unless it is closed with a
stated legal basis. What the public sees of a closed item is its number and a neutral title
built from that basis; everything else stays with the body's members.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trepart.organisation.models import Body, Membership, Municipality, Party, Person
from trepart.platform.files.stored import StoredFile
from trepart.platform.tenancy import TenantQuerySet


class LegalBasis(models.TextChoices):
    """The grounds for closing an item or exempting a document from the public."""

    KL_11_5_2_A = "KL_11_5_2_A", _("Kommuneloven § 11-5 (2) a: duty of confidentiality")
    KL_11_5_2_B = (
        "KL_11_5_2_B",
        _("Kommuneloven § 11-5 (2) b: an employee's employment relationship"),
    )
    KL_11_5_3_A = "KL_11_5_3_A", _("Kommuneloven § 11-5 (3) a: protection of privacy")
    KL_11_5_3_B = (
        "KL_11_5_3_B",
        _("Kommuneloven § 11-5 (3) b: information exempt under offentleglova"),
    )
    OFFL_13 = "OFFL_13", _("Offentleglova § 13: duty of confidentiality")
    OFFL_14 = "OFFL_14", _("Offentleglova § 14: internal document")
    OFFL_15 = "OFFL_15", _("Offentleglova § 15: documents obtained from outside")
    OFFL_23 = "OFFL_23", _("Offentleglova § 23: negotiating position (finances, pay, personnel)")
    OFFL_24 = "OFFL_24", _("Offentleglova § 24: control and regulation")
    OFFL_25 = "OFFL_25", _("Offentleglova § 25: hiring and personnel")


# The short reference shown to the public in place of a closed item's title.
LEGAL_REFERENCE = {
    LegalBasis.KL_11_5_2_A: "koml. § 11-5 (2) a",
    LegalBasis.KL_11_5_2_B: "koml. § 11-5 (2) b",
    LegalBasis.KL_11_5_3_A: "koml. § 11-5 (3) a",
    LegalBasis.KL_11_5_3_B: "koml. § 11-5 (3) b",
    LegalBasis.OFFL_13: "offl. § 13",
    LegalBasis.OFFL_14: "offl. § 14",
    LegalBasis.OFFL_15: "offl. § 15",
    LegalBasis.OFFL_23: "offl. § 23",
    LegalBasis.OFFL_24: "offl. § 24",
    LegalBasis.OFFL_25: "offl. § 25",
}

# Items that must be closed (kommuneloven § 11-5 (2)); the others may be.
MANDATORY_CLOSURE = frozenset({LegalBasis.KL_11_5_2_A, LegalBasis.KL_11_5_2_B, LegalBasis.OFFL_13})


def neutral_title(legal_basis: str) -> str:
    """The title the public reads for a closed item or an exempt document: the legal
    reference alone, so it reveals nothing of the case (offentleglova)."""
    reference = LEGAL_REFERENCE.get(LegalBasis(legal_basis), legal_basis)
    return str(_("Exempt from public access, %(basis)s")) % {"basis": reference}


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "PLANNED", _("Planned")
        PUBLISHED = "PUBLISHED", _("Agenda published")
        HELD = "HELD", _("Held")
        CANCELLED = "CANCELLED", _("Cancelled")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    is_open = models.BooleanField(
        _("open to the public"),
        default=True,
        help_text=_("Open meetings are shown in the public meeting calendar."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    release_due_on = models.DateField(
        _("agenda due"),
        help_text=_("The day by which the agenda and documents must reach every member."),
    )
    published_at = models.DateTimeField(_("agenda published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    released_late = models.BooleanField(_("agenda released late"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["body", "starts_at"]),
            models.Index(fields=["municipality", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.starts_at:%Y-%m-%d}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        ORIENTATION = "ORIENTATION", _("Briefing (orientering)")
        DISCUSSION = "DISCUSSION", _("Discussion (drøfting)")
        RECOMMENDATION = "RECOMMENDATION", _("Recommendation (innstilling)")
        DECISION = "DECISION", _("Decision within the mandate (vedtak)")
        PROPOSALS = "PROPOSALS", _("Proposals from the inbox")
        RESULT_REPORT = "RESULT_REPORT", _("Standing result report")

    class Outcome(models.TextChoices):
        NOTED = "NOTED", _("Noted")
        CONSENSUS = "CONSENSUS", _("Consensus recommendation")
        DECISION = "DECISION", _("Decision within the mandate")
        DISAGREEMENT = "DISAGREEMENT", _("Disagreement, with each party's view")
        POSTPONED = "POSTPONED", _("Postponed")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(_("order on the agenda"), default=1)
    # Case numbers run per body and year: "12/26" is the body's twelfth item of 2026.
    year = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("case presentation"), blank=True)
    case_officer = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case officer"),
    )
    closed = models.BooleanField(_("closed to the public"), default=False)
    legal_basis = models.CharField(
        _("legal basis for closing"), max_length=12, choices=LegalBasis.choices, blank=True
    )
    proposals = models.ManyToManyField(
        "proposals.Proposal", blank=True, related_name="agenda_items", verbose_name=_("proposals")
    )
    # A standing result report is filled in when the agenda is published and never again.
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    added_late = models.BooleanField(_("added after the agenda was published"), default=False)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    outcome_text = models.TextField(_("recommendation or decision"), blank=True)
    discussion = models.TextField(_("discussion (for the minutes)"), blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting_id", "position", "pk"]
        indexes = [models.Index(fields=["meeting", "position"])]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "number"], name="agenda_item_case_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(closed=False, legal_basis="") | (Q(closed=True) & ~Q(legal_basis="")),
                name="agenda_item_closed_has_basis",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} {self.public_title}"

    @property
    def case_number(self) -> str:
        return f"{self.number}/{self.year % 100:02d}"

    @property
    def public_title(self) -> str:
        """What anyone may read: the real title, or a neutral one for a closed item."""
        return neutral_title(self.legal_basis) if self.closed else self.title


class ItemStand(models.Model):
    """How one party stood on an item (kommuneloven § 11-4: minutes show how each party stood)."""

    class Stance(models.TextChoices):
        AGREE = "AGREE", _("Agrees")
        CAN_LIVE_WITH = "CAN_LIVE_WITH", _("Can live with it")
        OBJECT = "OBJECT", _("Objects")
        NO_VIEW = "NO_VIEW", _("No view recorded")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="stands")
    party = models.CharField(_("party"), max_length=14, choices=Party.choices)
    stance = models.CharField(_("stand"), max_length=14, choices=Stance.choices)
    statement = models.TextField(_("the party's view"), blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("party's stand")
        verbose_name_plural = _("parties' stands")
        constraints = [
            models.UniqueConstraint(fields=["item", "party"], name="item_stand_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.get_stance_display()}"


class Motion(models.Model):
    """A proposal put forward in the meeting (forslag i møtet), with the vote where one is held."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="motions")
    tabled_by = models.CharField(_("put forward by"), max_length=200)
    text = models.TextField(_("wording"))
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    adopted = models.BooleanField(_("adopted"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ["item_id", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Document(models.Model):
    """A paper on an item. Its versions are kept; members read the newest released one."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    exempt = models.BooleanField(_("exempt from public access"), default=False)
    legal_basis = models.CharField(
        _("legal basis for exemption"), max_length=12, choices=LegalBasis.choices, blank=True
    )
    # Set for every document at the instant the agenda is published, or when a document
    # is added afterwards (then ``late``): until then only those preparing the meeting see it.
    released_at = models.DateTimeField(_("released to the members"), null=True, blank=True)
    late = models.BooleanField(_("added after the agenda was published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["item_id", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(exempt=False, legal_basis="") | (Q(exempt=True) & ~Q(legal_basis="")),
                name="document_exempt_has_basis",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(StoredFile):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(default=1)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["document_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} v{self.number}"

    def storage_folder(self) -> str:
        return f"meetings/{self.municipality_id}"


class DocumentAccess(models.Model):
    """Who opened which document when: equal access is shown, not assumed."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="accesses")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["opened_at", "pk"]
        indexes = [models.Index(fields=["document", "user"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.opened_at:%Y-%m-%d %H:%M}"


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
