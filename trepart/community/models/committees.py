"""A citizen committee: the profile on an organisation body of kind citizen committee (its
kind, area and contact persons), and the proposals it has sent through the proposals flow."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from trepart.organisation.models import Body, Municipality, Person, Unit
from trepart.platform.tenancy import TenantQuerySet
from trepart.proposals.models import Proposal


class CommitteeKind(models.TextChoices):
    GRENDEUTVALG = "GRENDEUTVALG", _("Grendeutvalg (village committee)")
    BYUTVALG = "BYUTVALG", _("Byutvalg (town committee)")


class Committee(models.Model):
    """A grendeutvalg or byutvalg. Its members are the body's members (citizens)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    body = models.OneToOneField(Body, on_delete=models.CASCADE, related_name="committee")
    kind = models.CharField(
        _("kind"), max_length=12, choices=CommitteeKind.choices, default=CommitteeKind.GRENDEUTVALG
    )
    units = models.ManyToManyField(
        Unit, blank=True, related_name="committees", verbose_name=_("units in the area")
    )
    places = models.TextField(
        _("villages and places"), blank=True, help_text=_("The villages and places it covers.")
    )
    admin_contact = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact in the administration"),
    )
    politician_contact = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact among the politicians"),
    )
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("citizen committee")
        verbose_name_plural = _("citizen committees")
        ordering = ["body__name", "pk"]

    def __str__(self) -> str:
        return self.body.name


class CommitteeProposal(models.Model):
    """A proposal a committee sent: the proposals flow handles it as a citizen proposal."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="proposals")
    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="committee_link"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee proposal")
        verbose_name_plural = _("committee proposals")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.committee}: {self.proposal}"
