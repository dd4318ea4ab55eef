"""Grants: the municipality's default amount and report deadline per year, each committee's
grant for a year (its plan, its report and the contact person's approval), the spending
entries and their receipts."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trepart.community.models.committees import Committee
from trepart.organisation.models import Municipality, Person
from trepart.platform.files.stored import StoredFile
from trepart.platform.tenancy import TenantQuerySet

DEFAULT_GRANT = 50_000


def default_deadline(year: int) -> datetime.date:
    """The report is due by 1 February the year after the grant's year."""
    return datetime.date(year + 1, 2, 1)


class GrantYear(models.Model):
    """What the municipality grants each committee for a year, and when the report is due."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    default_amount = models.PositiveIntegerField(
        _("amount per committee (kr)"), default=DEFAULT_GRANT
    )
    report_deadline = models.DateField(_("report due"))
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant year")
        verbose_name_plural = _("grant years")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="community_grant_year"),
        ]

    def __str__(self) -> str:
        return str(self.year)


class Grant(models.Model):
    """A committee's grant for one year."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="grants")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.PositiveIntegerField(_("granted (kr)"))
    plan = models.TextField(_("plan for the money"), blank=True)
    report = models.TextField(_("report"), blank=True)
    report_deadline = models.DateField(_("report due"))
    reported_on = models.DateField(_("reported"), null=True, blank=True)
    approved_on = models.DateField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    # Kept with each spending entry under the grant's row lock: the balance needs no sum.
    spent = models.PositiveIntegerField(_("spent (kr)"), default=0)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["committee", "-year"]
        indexes = [models.Index(fields=["municipality", "year"])]
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="community_grant_once"),
            models.CheckConstraint(
                condition=Q(spent__lte=models.F("amount")), name="community_grant_not_overspent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.year}"

    @property
    def balance(self) -> int:
        return self.amount - self.spent


class Spending(models.Model):
    """Money spent from a grant, with what it was for and its receipts."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="spending")
    spent_on = models.DateField(_("date"))
    what = models.CharField(_("what for"), max_length=200)
    amount = models.PositiveIntegerField(_("amount (kr)"), validators=[MinValueValidator(1)])
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        ordering = ["spent_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=1), name="community_spending_positive"),
        ]

    def __str__(self) -> str:
        return self.what


class Receipt(StoredFile):
    """A receipt (PDF or image), checked by its content on upload."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    spending = models.ForeignKey(Spending, on_delete=models.CASCADE, related_name="receipts")

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")

    def storage_folder(self) -> str:
        return f"community/{self.municipality_id}/receipts"
