"""The municipality's settings for its citizen committees: how dugnad hours are valued."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trepart.organisation.models import Municipality
from trepart.platform.tenancy import TenantQuerySet

DEFAULT_HOURS_PER_FTE = 1695
DEFAULT_HOURLY_RATE = 450


class CommunitySettings(models.Model):
    """One row per municipality, made with the defaults when first asked for."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="community_settings"
    )
    hours_per_fte = models.PositiveIntegerField(
        _("annual hours per FTE"),
        default=DEFAULT_HOURS_PER_FTE,
        validators=[MinValueValidator(1), MaxValueValidator(3000)],
    )
    hourly_rate = models.PositiveIntegerField(
        _("value of a dugnad hour (kr)"),
        default=DEFAULT_HOURLY_RATE,
        validators=[MinValueValidator(1), MaxValueValidator(10000)],
    )
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("citizen committee settings")
        verbose_name_plural = _("citizen committee settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_fte__gte=1) & Q(hourly_rate__gte=1),
                name="community_settings_positive",
            )
        ]

    def __str__(self) -> str:
        return str(_("Citizen committee settings"))
