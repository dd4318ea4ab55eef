"""A development project: its kind, its mandate from a body, its group, phases and status
reports, the decision line it ends in, and (for Lean) the improvement board."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trepart.meetings.models import AgendaItem
from trepart.organisation.models import Body, Municipality, Person, Unit
from trepart.platform.tenancy import TenantQuerySet
from trepart.proposals.models import DecisionMaker, Proposal


class ProjectKind(models.TextChoices):
    DEVELOPMENT = "DEVELOPMENT", _("Development project")
    LEAN = "LEAN", _("Lean improvement")
    SERVICE_REVIEW = "SERVICE_REVIEW", _("Service review (tjenesteoptimal)")
    SAVINGS_PROGRAMME = "SAVINGS_PROGRAMME", _("Savings programme")


class Project(models.Model):
    """A piece of development work the cooperation carries out under a body's mandate.

    The project group is a body of kind ``PROJECT_GROUP`` (its members sit for their
    party, service users included); the mandating body gets the status reports and the
    final product as an innstilling item; the formal decision is recorded here."""

    class Status(models.TextChoices):
        ACTIVE = "ACTIVE", _("Under way")
        RECOMMENDED = "RECOMMENDED", _("Recommended by the body")
        DECIDED = "DECIDED", _("Decided")
        CLOSED = "CLOSED", _("Closed")

    class Visibility(models.TextChoices):
        INTERNAL = "INTERNAL", _("Internal: employees and politicians see a summary")
        PUBLIC = "PUBLIC", _("Public: everyone sees the project, without employees' names")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    visibility = models.CharField(
        _("who may see it"), max_length=8, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    # The mandate: a body's decision on an agenda item, or a proposal that body answered
    # "further evaluation" and handed to the project. The text is the mandate itself.
    mandating_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="mandated_projects",
        verbose_name=_("mandating body"),
    )
    mandate_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mandate given in"),
    )
    mandate_proposal = models.ForeignKey(
        Proposal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="development_projects",
        verbose_name=_("proposal handed to the project"),
    )
    mandate = models.TextField(_("mandate"))
    leader = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="led_projects",
        verbose_name=_("project leader"),
    )
    group = models.OneToOneField(
        Body, on_delete=models.PROTECT, related_name="project", verbose_name=_("project group")
    )
    informed = models.ManyToManyField(
        Person,
        blank=True,
        related_name="informed_of_projects",
        verbose_name=_("kept informed (do not take part)"),
    )
    units = models.ManyToManyField(
        Unit, blank=True, related_name="development_projects", verbose_name=_("units involved")
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    # The service review's and the savings programme's yearly target; a Lean project has none.
    savings_target = models.PositiveBigIntegerField(
        _("savings target (NOK a year)"), null=True, blank=True
    )
    # The final product: the innstilling item on the mandating body's agenda, then the
    # formal decision (usually the council's), recorded on the project.
    recommendation_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recommendation item"),
    )
    decision_maker = models.CharField(
        _("decision maker"), max_length=16, choices=DecisionMaker.choices, blank=True
    )
    decision_adopted = models.BooleanField(_("adopted"), null=True, blank=True)
    decision_text = models.TextField(_("decision (vedtak)"), blank=True)
    decision_votes = models.CharField(_("votes"), max_length=200, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("development project")
        verbose_name_plural = _("development projects")
        ordering = ["-starts_on", "title"]
        indexes = [models.Index(fields=["municipality", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    @property
    def has_target(self) -> bool:
        return self.kind != ProjectKind.LEAN


class PhaseQuerySet(TenantQuerySet["Phase"]):
    tenant_field = "project__municipality"


class Phase(models.Model):
    """A step of the work with its goal and dates (the sources' current-situation analysis,
    user satisfaction, desired situation, proposal)."""

    class Kind(models.TextChoices):
        CURRENT = "CURRENT", _("Current-situation analysis")
        USERS = "USERS", _("User satisfaction")
        DESIRED = "DESIRED", _("Desired situation")
        PROPOSAL = "PROPOSAL", _("Proposal")
        OTHER = "OTHER", _("Other")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("phase"), max_length=8, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    goal = models.TextField(_("goal"), blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=1)
    version = models.PositiveIntegerField(default=1)

    objects = PhaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["project", "position", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="phase_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title or str(self.get_kind_display())


class StatusReportQuerySet(TenantQuerySet["StatusReport"]):
    tenant_field = "project__municipality"


class StatusReport(models.Model):
    """What the group tells the mandating body; sent, it is an item on the body's agenda."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reports")
    text = models.TextField(_("status"))
    item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StatusReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["project", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.project} ({self.created_at:%Y-%m-%d})"


class ImprovementQuerySet(TenantQuerySet["Improvement"]):
    tenant_field = "project__municipality"


class Improvement(models.Model):
    """A problem or idea on a Lean project's improvement board, taken round the
    plan–do–study–act cycle, with its measured effect."""

    class Kind(models.TextChoices):
        PROBLEM = "PROBLEM", _("Problem")
        IDEA = "IDEA", _("Idea")

    class Step(models.TextChoices):
        PLAN = "PLAN", _("Plan")
        DO = "DO", _("Do")
        STUDY = "STUDY", _("Study")
        ACT = "ACT", _("Act")
        DONE = "DONE", _("Done")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="improvements")
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    step = models.CharField(_("step"), max_length=6, choices=Step.choices, default=Step.PLAN)
    hours_saved_per_month = models.DecimalField(
        _("hours saved a month"),
        max_digits=8,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
    )
    errors_avoided_per_month = models.PositiveIntegerField(_("errors avoided a month"), default=0)
    waiting_days_avoided = models.DecimalField(
        _("waiting days avoided a month"),
        max_digits=8,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = ImprovementQuerySet.as_manager()

    class Meta:
        verbose_name = _("improvement")
        verbose_name_plural = _("improvements")
        ordering = ["project", "step", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title
