"""Vacancies, the weekly matching rounds and the offers made from them.

A vacancy is held back from external advertising until the stillingsbank has considered it
at a weekly meeting. A vacancy is offered to one person at a time: an offer's parts carry a
database constraint (one open part per vacancy) and a case has at most one open offer.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trepart.organisation.models import Body, Municipality, Unit
from trepart.platform.tenancy import TenantQuerySet
from trepart.redeployment.models.register import RedeploymentCase
from trepart.redeployment.models.rules import Location, Qualification


class Vacancy(models.Model):
    class Status(models.TextChoices):
        HELD = "HELD", _("Held for the stillingsbank")
        CONSIDERED = "CONSIDERED", _("Considered by the stillingsbank")
        OFFERED = "OFFERED", _("Offered")
        FILLED = "FILLED", _("Filled from the stillingsbank")
        RELEASED = "RELEASED", _("Released for external advertising")
        WITHDRAWN = "WITHDRAWN", _("Withdrawn")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("unit")
    )
    title = models.CharField(_("position"), max_length=120)
    percent = models.PositiveSmallIntegerField(
        _("position %"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    required = models.ManyToManyField(
        Qualification, blank=True, related_name="+", verbose_name=_("required qualifications")
    )
    wanted = models.ManyToManyField(
        Qualification, blank=True, related_name="+", verbose_name=_("wanted qualifications")
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="+", verbose_name=_("work location")
    )
    wage_min = models.PositiveIntegerField(_("wage band from (NOK)"))
    wage_max = models.PositiveIntegerField(_("wage band to (NOK)"))
    starts_on = models.DateField(_("starts on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.HELD
    )
    considered_on = models.DateField(_("considered on"), null=True, blank=True)
    released_on = models.DateField(_("released on"), null=True, blank=True)
    # Set when the vacancy was released while someone in the bank was suitable for it.
    flagged = models.BooleanField(_("released past a suitable candidate"), default=False)
    flag_note = models.TextField(_("why it was released"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["starts_on", "pk"]
        indexes = [models.Index(fields=["municipality", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(wage_max__gte=models.F("wage_min")),
                name="redeployment_wage_band_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.percent} %)"


class MatchRound(models.Model):
    """The proposal for one weekly meeting: the matching's result frozen when made."""

    class Status(models.TextChoices):
        PROPOSED = "PROPOSED", _("Proposed")
        CONFIRMED = "CONFIRMED", _("Handled by the meeting")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    bank = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    item = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    result = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("matching round")
        verbose_name_plural = _("matching rounds")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d}"


class ProposedPair(models.Model):
    """One pair of a round's proposal; the meeting confirms it or overrides it with a reason."""

    class Decision(models.TextChoices):
        PENDING = "PENDING", _("Not yet handled")
        CONFIRMED = "CONFIRMED", _("Confirmed")
        OVERRIDDEN = "OVERRIDDEN", _("Overridden")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(MatchRound, on_delete=models.CASCADE, related_name="pairs")
    case = models.ForeignKey(RedeploymentCase, on_delete=models.CASCADE, related_name="+")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="+")
    # A combined offer (§ 14-3): the further vacancies that make up one larger position.
    extra_vacancies = models.ManyToManyField(Vacancy, blank=True, related_name="+")
    score = models.FloatField(default=0)
    explanation = models.JSONField(default=dict)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["round", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.vacancy_id}"


class Offer(models.Model):
    """An offer of suitable work: one vacancy, or several combined into a larger position."""

    class Status(models.TextChoices):
        OPEN = "OPEN", _("Awaiting answer")
        ACCEPTED = "ACCEPTED", _("Accepted")
        DECLINED = "DECLINED", _("Declined")
        EXPIRED = "EXPIRED", _("Lapsed")
        WITHDRAWN = "WITHDRAWN", _("Withdrawn")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(RedeploymentCase, on_delete=models.PROTECT, related_name="offers")
    pair = models.ForeignKey(
        ProposedPair, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    made_on = models.DateField(_("offered on"))
    deadline = models.DateField(_("answer by"))
    reminded_on = models.DateField(null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_note = models.TextField(_("about the answer"), blank=True)
    suitable = models.BooleanField(
        _("suitable work"),
        default=True,
        help_text=_("Declining suitable work has consequences for the case."),
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-made_on", "-pk"]
        constraints = [
            # A person is in at most one open offer at a time.
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="OPEN"), name="redeployment_one_offer_each"
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("made_on")),
                name="redeployment_deadline_after_offer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.get_status_display()}"


class OfferPart(models.Model):
    """A vacancy in an offer. ``is_open`` mirrors the offer's OPEN status, so the database
    itself refuses a second open offer of the same vacancy."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="parts")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="offer_parts")
    is_open = models.BooleanField(default=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["offer", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy"],
                condition=Q(is_open=True),
                name="redeployment_one_offer_per_vacancy",
            )
        ]

    def __str__(self) -> str:
        return f"{self.offer_id}: {self.vacancy_id}"
