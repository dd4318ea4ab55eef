"""What the municipality and its unions have agreed: the rules of suitability, the
controlled list of qualifications, the work locations and the travel times between them."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from trepart.organisation.models import Municipality
from trepart.platform.tenancy import TenantQuerySet


class Selection(models.TextChoices):
    """The agreed order among people who want the same job (Hovedavtalen's criteria)."""

    SENIORITY = "SENIORITY", _("Seniority first, then social grounds")
    SOCIAL = "SOCIAL", _("Social grounds first, then seniority")


class MatchingRules(models.Model):
    """The suitability rules agreed with the unions: one row per municipality."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="matching_rules"
    )
    percent_tolerance = models.PositiveSmallIntegerField(
        _("position % tolerance"),
        default=10,
        validators=[MaxValueValidator(100)],
        help_text=_("How many percentage points a vacancy may differ from the person's position."),
    )
    wage_not_lower = models.BooleanField(
        _("wage band not lower than the current wage"), default=True
    )
    max_travel_minutes = models.PositiveSmallIntegerField(
        _("longest travel time (minutes)"), default=45, validators=[MinValueValidator(1)]
    )
    selection = models.CharField(
        _("selection order"), max_length=10, choices=Selection.choices, default=Selection.SENIORITY
    )
    answer_days = models.PositiveSmallIntegerField(
        _("days to answer an offer"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    preferential_months = models.PositiveSmallIntegerField(
        _("months of preferential right after notice"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    agreement = models.TextField(_("agreement"), blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("matching rules")
        verbose_name_plural = _("matching rules")

    def __str__(self) -> str:
        return str(_("Matching rules"))


class Qualification(models.Model):
    """An entry of the municipality's controlled list (fagbrev, autorisasjon, førerkort …)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    is_certification = models.BooleanField(_("certification"), default=False)
    active = models.BooleanField(_("in use"), default=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"], name="redeployment_qualification_code"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """A work location (a town centre, a village, a site)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("work location")
        verbose_name_plural = _("work locations")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"], name="redeployment_location_code"
            )
        ]

    def __str__(self) -> str:
        return self.name


class TravelTime(models.Model):
    """Minutes between two locations, stored once with the lower id first."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    origin = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    destination = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    minutes = models.PositiveSmallIntegerField(_("minutes"))

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("travel time")
        verbose_name_plural = _("travel times")
        constraints = [
            models.UniqueConstraint(
                fields=["origin", "destination"], name="redeployment_travel_once"
            ),
            models.CheckConstraint(
                condition=Q(origin__lt=F("destination")), name="redeployment_travel_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.origin_id}–{self.destination_id}: {self.minutes}"
