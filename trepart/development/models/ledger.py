"""The savings ledger: measures (tiltak) with planned and realised kroner per year, how they
are realised and their FTE effect. A unit's measures roll up to its sector and the
municipality through the unit tree.

Amounts are savings: what a measure adds to the budget's bottom line. A measure that costs
money (a task whose ambition was raised) is realised through "added cost" and carries its
cost as a negative saving, so every sum over the ledger is the net saving."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from trepart.development.models.project import Project
from trepart.development.models.review import Task
from trepart.organisation.models import Municipality, Unit
from trepart.platform.tenancy import TenantQuerySet


class Realisation(models.TextChoices):
    ATTRITION = "ATTRITION", _("Natural attrition")
    PURCHASING = "PURCHASING", _("Purchasing")
    REORGANISATION = "REORGANISATION", _("Reorganisation")
    INCOME = "INCOME", _("Income")
    SERVICE_LEVEL = "SERVICE_LEVEL", _("Changed service level")
    OTHER = "OTHER", _("Other")
    # A cost, not a saving: its amounts are negative (økt innsats).
    ADDED_COST = "ADDED_COST", _("Added cost")


class SavingsMeasure(models.Model):
    """A measure (innsparingstiltak): from a decided plan's task, or entered by hand."""

    class Status(models.TextChoices):
        PLANNED = "PLANNED", _("Planned")
        UNDER_WAY = "UNDER_WAY", _("Under way")
        REALISED = "REALISED", _("Realised")
        DROPPED = "DROPPED", _("Dropped")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="savings_measures", verbose_name=_("unit")
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("project"),
    )
    task = models.ForeignKey(
        Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("measure"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    realisation = models.CharField(
        _("realised through"), max_length=16, choices=Realisation.choices
    )
    # Negative: fewer FTEs.
    fte_effect = models.DecimalField(_("FTE effect"), max_digits=8, decimal_places=2, default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("savings measure")
        verbose_name_plural = _("savings measures")
        ordering = ["unit", "title", "pk"]
        indexes = [models.Index(fields=["municipality", "unit"])]

    def __str__(self) -> str:
        return self.title


class SavingsYearQuerySet(TenantQuerySet["SavingsYear"]):
    tenant_field = "measure__municipality"


class SavingsYear(models.Model):
    """A measure's planned and realised saving (NOK) in one budget year."""

    measure = models.ForeignKey(SavingsMeasure, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("year"))
    # Negative for a measure of added cost; the services check the sign against the kind.
    planned = models.BigIntegerField(_("planned (NOK)"))
    realised = models.BigIntegerField(_("realised (NOK)"), null=True, blank=True)

    objects = SavingsYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("savings year")
        verbose_name_plural = _("savings years")
        ordering = ["measure", "year"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "year"], name="savings_year_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.year}"
