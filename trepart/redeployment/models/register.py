"""The register: redundant employees (overtallige) and part-time employees who want a larger
position (§ 14-3), each as a case the stillingsbank holds until it ends, with its history.

Everything here is about a person: only the stillingsbank's members and the municipality's
administrators see it, and the person sees their own case (``redeployment.privacy``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trepart.organisation.models import Body, Municipality, Person, Unit
from trepart.platform.tenancy import TenantQuerySet
from trepart.redeployment.models.rules import Location, Qualification


class CaseKind(models.TextChoices):
    REDUNDANT = "REDUNDANT", _("Redundant employee")
    PART_TIME = "PART_TIME", _("Part-time employee wishing a larger position")


class CaseStatus(models.TextChoices):
    """Where a case stands. ACTIVE and OFFERED cases are in the bank (matched each week);
    PREFERENTIAL cases have been given notice and keep the § 14-2 right for a year."""

    ACTIVE = "ACTIVE", _("In the bank")
    OFFERED = "OFFERED", _("Offer awaiting answer")
    RETRAINING = "RETRAINING", _("In retraining")
    TEMPORARY = "TEMPORARY", _("Temporary assignment")
    PLACED = "PLACED", _("Placed")
    PREFERENTIAL = "PREFERENTIAL", _("Given notice, preferential right")
    CLOSED = "CLOSED", _("Closed")


# The statuses in which a case takes part in the weekly matching.
MATCHABLE = (CaseStatus.ACTIVE, CaseStatus.RETRAINING, CaseStatus.TEMPORARY)
# The statuses in which a person has a right to be considered before an external hire.
HAS_RIGHT = (*MATCHABLE, CaseStatus.OFFERED, CaseStatus.PREFERENTIAL)


class RedeploymentCase(models.Model):
    """One person in the register."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    bank = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="redeployment_cases",
        limit_choices_to={"kind": Body.Kind.REDEPLOYMENT},
        verbose_name=_("stillingsbank"),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=CaseKind.choices, default=CaseKind.REDUNDANT
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="redeployment_cases",
        verbose_name=_("person"),
    )
    from_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("from unit")
    )
    position = models.CharField(_("position"), max_length=120)
    percent = models.PositiveSmallIntegerField(
        _("position %"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    wanted_percent = models.PositiveSmallIntegerField(
        _("wished position %"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    wage_level = models.PositiveIntegerField(_("yearly wage (NOK)"))
    qualifications = models.ManyToManyField(
        Qualification, blank=True, related_name="+", verbose_name=_("qualifications")
    )
    qualifications_note = models.TextField(_("other qualifications"), blank=True)
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="+", verbose_name=_("work location")
    )
    seniority_date = models.DateField(_("seniority date"))
    social_priority = models.PositiveSmallIntegerField(
        _("social grounds"),
        default=0,
        validators=[MaxValueValidator(10)],
        help_text=_("0–10, weighed by the stillingsbank under the agreed criteria."),
    )
    preferred_units = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name=_("preferred units")
    )
    preferred_locations = models.ManyToManyField(
        Location, blank=True, related_name="+", verbose_name=_("preferred locations")
    )
    max_travel_minutes = models.PositiveSmallIntegerField(
        _("longest travel time (minutes)"), null=True, blank=True
    )
    needs_adapted_work = models.BooleanField(_("needs adapted work"), default=False)
    # Seen only by the bank's members, never by the person's own view or any export.
    adapted_work_note = models.TextField(_("about the adapted work"), blank=True)
    redundant_on = models.DateField(_("made redundant on"))
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.ACTIVE
    )
    notice_on = models.DateField(_("notice given on"), null=True, blank=True)
    preferential_until = models.DateField(_("preferential right until"), null=True, blank=True)
    placed_on = models.DateField(_("placed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("redeployment case")
        verbose_name_plural = _("redeployment cases")
        ordering = ["redundant_on", "pk"]
        indexes = [models.Index(fields=["municipality", "status"])]
        constraints = [
            # A person has at most one open case of a kind.
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=~Q(status="CLOSED"),
                name="redeployment_one_open_case",
            ),
            models.CheckConstraint(
                condition=Q(wanted_percent__isnull=True)
                | Q(wanted_percent__gt=models.F("percent")),
                name="redeployment_wish_is_larger",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_kind_display()})"


class CaseEvent(models.Model):
    """A step in a case's history: registered, offered, answered, an outcome, a note.

    The history is what the case's PDF prints for the employee and their union: each step
    with its date, who recorded it and why.
    """

    class Kind(models.TextChoices):
        REGISTERED = "REGISTERED", _("Registered")
        CHANGED = "CHANGED", _("Details changed")
        PROPOSED = "PROPOSED", _("Proposed for a vacancy")
        OVERRIDDEN = "OVERRIDDEN", _("Proposal overridden by the meeting")
        OFFERED = "OFFERED", _("Offered a vacancy")
        ACCEPTED = "ACCEPTED", _("Accepted the offer")
        DECLINED = "DECLINED", _("Declined the offer")
        EXPIRED = "EXPIRED", _("Offer lapsed without an answer")
        WITHDRAWN = "WITHDRAWN", _("Offer withdrawn")
        PLACED = "PLACED", _("Placed")
        RETRAINING = "RETRAINING", _("Retraining")
        TEMPORARY = "TEMPORARY", _("Temporary assignment")
        DECLINED_SUITABLE = "DECLINED_SUITABLE", _("Declined suitable work")
        NOTICE = "NOTICE", _("Notice process started")
        REHIRED = "REHIRED", _("Re-hired under the preferential right")
        CLOSED = "CLOSED", _("Case closed")
        NOTE = "NOTE", _("Note")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(RedeploymentCase, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=18, choices=Kind.choices)
    on = models.DateField(_("date"))
    why = models.TextField(_("why"), blank=True)
    consequences = models.TextField(_("consequences"), blank=True)
    offer = models.ForeignKey(
        "redeployment.Offer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    vacancy = models.ForeignKey(
        "redeployment.Vacancy", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["case", "on", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on}"
