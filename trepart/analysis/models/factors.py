"""KS 10-FAKTOR results: factor averages per unit and year, imported, never the questions."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trepart.organisation.models import Municipality, Unit
from trepart.platform.tenancy import TenantQuerySet

# KS 10-FAKTOR reports a unit only when at least this many answered.
FACTOR_MIN_RESPONDENTS = 3


class Factor(models.TextChoices):
    TASK_MOTIVATION = "TASK_MOTIVATION", _("Task motivation (oppgavemotivasjon)")
    SELF_EFFICACY = "SELF_EFFICACY", _("Self-efficacy (mestringstro)")
    AUTONOMY = "AUTONOMY", _("Perceived autonomy (opplevd selvstendighet)")
    USE_OF_COMPETENCE = "USE_OF_COMPETENCE", _("Use of competence (bruk av kompetanse)")
    MASTERY_LEADERSHIP = (
        "MASTERY_LEADERSHIP",
        _("Mastery-oriented leadership (mestringsorientert ledelse)"),
    )
    ROLE_CLARITY = "ROLE_CLARITY", _("Role clarity (rolleklarhet)")
    COMPETENCE_DEVELOPMENT = (
        "COMPETENCE_DEVELOPMENT",
        _("Relevant competence development (relevant kompetanseutvikling)"),
    )
    FLEXIBILITY = "FLEXIBILITY", _("Willingness to be flexible (fleksibilitetsvilje)")
    MASTERY_CLIMATE = "MASTERY_CLIMATE", _("Mastery climate (mestringsklima)")
    PROSOCIAL_MOTIVATION = "PROSOCIAL_MOTIVATION", _("Prosocial motivation (nyttemotivasjon)")


class FactorImport(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=200, blank=True)
    rows = models.PositiveIntegerField(default=0)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("10-FAKTOR import")
        verbose_name_plural = _("10-FAKTOR imports")
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d})"


class FactorResult(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="factor_results")
    year = models.PositiveSmallIntegerField(_("year"))
    factor = models.CharField(_("factor"), max_length=24, choices=Factor.choices)
    average = models.FloatField(
        _("average"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    respondents = models.PositiveIntegerField(
        _("respondents"), validators=[MinValueValidator(FACTOR_MIN_RESPONDENTS)]
    )
    source = models.ForeignKey(
        FactorImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="results"
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("10-FAKTOR result")
        verbose_name_plural = _("10-FAKTOR results")
        ordering = ["unit_id", "year", "factor"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "factor"], name="factor_once_per_year"),
            models.CheckConstraint(
                condition=Q(respondents__gte=FACTOR_MIN_RESPONDENTS),
                name="factor_at_least_3_respondents",
            ),
            models.CheckConstraint(
                condition=Q(average__gte=1, average__lte=5), name="factor_average_1_to_5"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "year"])]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year} {self.factor}"
