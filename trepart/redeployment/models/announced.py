"""Redundancies announced by a decided savings plan: FTEs, not yet people. The bank sees
them on its overview until a member marks them handled (the people are registered)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from trepart.organisation.models import Municipality, Unit
from trepart.platform.tenancy import TenantQuerySet


class ExpectedRedundancy(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ftes = models.DecimalField(_("FTEs"), max_digits=8, decimal_places=2)
    source = models.CharField(_("decided in"), max_length=200)
    url = models.CharField(max_length=300, blank=True)
    decided_on = models.DateField(_("decided on"))
    handled = models.BooleanField(_("people registered"), default=False)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("expected redundancy")
        verbose_name_plural = _("expected redundancies")
        ordering = ["-decided_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key"], name="redeployment_announced_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.ftes}"
