"""Meetings (møter) and their agenda items, with the stands and motions on an item.

Openness is the rule (kommuneloven § 11-5): an item is public unless it is closed with a
stated legal basis. What the public sees of a closed item is its number and a neutral title
built from that basis (``neutral_title``); everything else stays with the body's members.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trepart.organisation.models import Body, Municipality, Party, Person
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
