"""Sick-leave statistics (sykefravær): aggregates per unit and period, never per person.

A record is what the payroll system reports for one unit and one month or quarter:
agreed working days (avtalte dagsverk), lost working days with a doctor's certificate
(legemeldt) and self-certified (egenmeldt), and the number of employees. Lost days are
already weighted by position share and sick-leave grade (the SSB/KS definition), so the
percentage is lost days * 100 / agreed days.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trepart.organisation.models import Municipality, Unit
from trepart.platform.tenancy import TenantQuerySet


class AbsenceImport(models.Model):
    """One imported file: who, when, what it held."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=200, blank=True)
    rows = models.PositiveIntegerField(default=0)
    first_period = models.DateField(null=True)
    last_period = models.DateField(null=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("sick-leave import")
        verbose_name_plural = _("sick-leave imports")
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d})"


class AbsenceRecord(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="absence_records")
    # The period: its first day (the 1st of a month) and its length, 1 (month) or 3
    # (quarter: January, April, July or October).
    period_start = models.DateField(_("period"))
    months = models.PositiveSmallIntegerField(
        _("months"), default=1, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    agreed_days = models.FloatField(_("agreed working days"), validators=[MinValueValidator(0)])
    lost_certified = models.FloatField(
        _("lost days, doctor-certified"), validators=[MinValueValidator(0)]
    )
    lost_self = models.FloatField(_("lost days, self-certified"), validators=[MinValueValidator(0)])
    employees = models.PositiveIntegerField(_("employees"))
    source = models.ForeignKey(
        AbsenceImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="records"
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("sick-leave figures")
        verbose_name_plural = _("sick-leave figures")
        ordering = ["unit_id", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period_start"], name="absence_once_per_period"
            ),
            models.CheckConstraint(condition=Q(months__in=[1, 3]), name="absence_month_or_quarter"),
        ]
        indexes = [
            # Covering: a dashboard's sums read the index alone, never the table.
            models.Index(
                fields=[
                    "municipality",
                    "period_start",
                    "months",
                    "unit",
                    "employees",
                    "agreed_days",
                    "lost_certified",
                    "lost_self",
                ],
                name="absence_sums",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period_start:%Y-%m}"


class PresenceTarget(models.Model):
    """A unit's nærværsmål for a year: the share of agreed days people are at work."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="presence_targets")
    year = models.PositiveSmallIntegerField(_("year"))
    percent = models.DecimalField(
        _("presence target (%)"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(50), MaxValueValidator(100)],
    )
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("presence target")
        verbose_name_plural = _("presence targets")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="presence_target_once"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}: {self.percent} %"
