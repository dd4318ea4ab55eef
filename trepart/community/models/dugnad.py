"""Dugnad: the volunteer efforts a committee organises, each with its hours."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trepart.community.models.committees import Committee
from trepart.organisation.models import Municipality
from trepart.platform.tenancy import TenantQuerySet


class HoursBasis(models.TextChoices):
    PER_PERSON = "PER_PERSON", _("Hours per person")
    TOTAL = "TOTAL", _("Hours in total")


class DugnadEntry(models.Model):
    """One dugnad: when, what, where, how many took part and the hours they gave."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="dugnad")
    held_on = models.DateField(_("date"))
    what = models.CharField(_("what"), max_length=200)
    place = models.CharField(_("where"), max_length=200)
    people = models.PositiveIntegerField(_("how many people"), validators=[MinValueValidator(1)])
    hours = models.DecimalField(
        _("hours"), max_digits=8, decimal_places=1, validators=[MinValueValidator(Decimal("0.1"))]
    )
    hours_basis = models.CharField(
        _("the hours are"), max_length=10, choices=HoursBasis.choices, default=HoursBasis.PER_PERSON
    )
    # Hours in total, whichever way they were given: what every figure sums.
    total_hours = models.DecimalField(max_digits=10, decimal_places=1, editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("dugnad")
        verbose_name_plural = _("dugnad")
        ordering = ["-held_on", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "year", "committee"]),
            models.Index(fields=["committee", "held_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(total_hours__gt=0) & Q(people__gte=1),
                name="community_dugnad_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.what
