"""The service review: a project's task portfolio, each task's ambition levels, the
parties' weights and the agreed one, the workforce figures natural attrition is read from,
and the plans the optimiser makes."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trepart.analysis.models import Survey
from trepart.development.models.project import Project
from trepart.organisation.models import Municipality, Party, Unit
from trepart.platform.tenancy import TenantQuerySet

WEIGHT_MAX = 10
QUALITY_MAX = 10


class LevelKind(models.TextChoices):
    """A task's ambition levels, from the least to the most."""

    REMOVE = "REMOVE", _("Remove")
    LOWER = "LOWER", _("Lower")
    KEEP = "KEEP", _("Keep")
    RAISE = "RAISE", _("Raise")


LEVEL_ORDER: dict[str, int] = {kind: rank for rank, kind in enumerate(LevelKind.values)}


class TaskQuerySet(TenantQuerySet["Task"]):
    tenant_field = "project__municipality"


class Task(models.Model):
    """One task of the service under review, as it is done today (its KEEP level)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tasks")
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    code = models.CharField(_("code"), max_length=40, blank=True)
    name = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    yearly_cost = models.PositiveBigIntegerField(_("yearly cost (NOK)"))
    ftes = models.DecimalField(
        _("FTEs"), max_digits=8, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    volume = models.CharField(_("volume"), max_length=120, blank=True)
    statutory = models.BooleanField(_("statutory (lovpålagt)"), default=False)
    # The lowest level the law allows; blank: any level.
    statutory_minimum = models.CharField(
        _("lowest level the law allows"), max_length=6, choices=LevelKind.choices, blank=True
    )
    current_standard = models.TextField(_("current standard"), blank=True)
    desired_standard = models.TextField(_("desired standard"), blank=True)
    user_satisfaction = models.DecimalField(
        _("user satisfaction (1–6)"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    user_survey = models.ForeignKey(
        Survey,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user survey"),
    )
    # The group's decisions: a level the plan must keep, and the agreed weight.
    locked_level = models.CharField(
        _("locked at"), max_length=6, choices=LevelKind.choices, blank=True
    )
    agreed_weight = models.DecimalField(
        _("agreed weight"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(WEIGHT_MAX)],
    )
    position = models.PositiveIntegerField(default=1)
    version = models.PositiveIntegerField(default=1)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["project", "position", "pk"]
        indexes = [models.Index(fields=["project", "position"])]

    def __str__(self) -> str:
        return self.name


class TaskLevelQuerySet(TenantQuerySet["TaskLevel"]):
    tenant_field = "task__project__municipality"


class TaskLevel(models.Model):
    """An ambition level of a task: what it costs a year, the FTEs it takes, and its quality
    score (0–10). The KEEP level is the task as it is done today."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="levels")
    kind = models.CharField(_("level"), max_length=6, choices=LevelKind.choices)
    description = models.TextField(_("what it means"), blank=True)
    yearly_cost = models.PositiveBigIntegerField(_("yearly cost (NOK)"))
    ftes = models.DecimalField(
        _("FTEs"), max_digits=8, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    quality = models.PositiveSmallIntegerField(
        _("quality score (0–10)"), validators=[MaxValueValidator(QUALITY_MAX)]
    )

    objects = TaskLevelQuerySet.as_manager()

    class Meta:
        verbose_name = _("ambition level")
        verbose_name_plural = _("ambition levels")
        ordering = ["task", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["task", "kind"], name="task_level_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.task}: {self.get_kind_display()}"


class WeightQuerySet(TenantQuerySet["Weight"]):
    tenant_field = "task__project__municipality"


class Weight(models.Model):
    """How much one party thinks a task's quality matters (0–10)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="weights")
    party = models.CharField(_("party"), max_length=14, choices=Party.choices)
    weight = models.PositiveSmallIntegerField(
        _("weight"), validators=[MaxValueValidator(WEIGHT_MAX)]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = WeightQuerySet.as_manager()

    class Meta:
        verbose_name = _("weight")
        verbose_name_plural = _("weights")
        constraints = [
            models.UniqueConstraint(fields=["task", "party"], name="weight_one_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.task} – {self.party}: {self.weight}"


class WeighingQuerySet(TenantQuerySet["Weighing"]):
    tenant_field = "project__municipality"


class Weighing(models.Model):
    """A party has weighed every task and says so: until all three have, each party sees
    only its own weights."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="weighings")
    party = models.CharField(_("party"), max_length=14, choices=Party.choices)
    done_at = models.DateTimeField(auto_now_add=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = WeighingQuerySet.as_manager()

    class Meta:
        verbose_name = _("finished weighing")
        verbose_name_plural = _("finished weighings")
        constraints = [
            models.UniqueConstraint(fields=["project", "party"], name="weighing_one_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.party}"


class Workforce(models.Model):
    """A unit's staff figures for a year, entered or imported: what natural attrition
    (turnover and retirements) is expected from."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    ftes = models.DecimalField(
        _("FTEs"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )
    turnover_percent = models.DecimalField(
        _("turnover (% a year)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    retiring_ftes = models.DecimalField(
        _("FTEs expected to retire"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("workforce figures")
        verbose_name_plural = _("workforce figures")
        ordering = ["unit", "year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="workforce_unit_year"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class PlanQuerySet(TenantQuerySet["Plan"]):
    tenant_field = "project__municipality"


class Plan(models.Model):
    """A solved plan kept by the group: the inputs (target, whose weights, locks, the FTE
    limit) and the optimiser's answer as plain JSON, so it never changes with the data."""

    class Basis(models.TextChoices):
        AGREED = "AGREED", _("The agreed weights")
        POLITICAL = "POLITICAL", _("The politicians' weights")
        ADMINISTRATION = "ADMINISTRATION", _("The administration's weights")
        EMPLOYEE = "EMPLOYEE", _("The employees' weights")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="plans")
    target = models.PositiveBigIntegerField(_("savings target (NOK a year)"))
    basis = models.CharField(
        _("weights"), max_length=14, choices=Basis.choices, default=Basis.AGREED
    )
    fte_limit = models.DecimalField(
        _("FTE reduction allowed"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    result = models.JSONField(_("plan"), default=dict)
    chosen = models.BooleanField(_("chosen by the group"), default=False)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["project", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"], condition=Q(chosen=True), name="plan_one_chosen"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} ({self.created_at:%Y-%m-%d %H:%M})"
