"""The municipality's organisation: units, people, parties, bodies and memberships."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trepart.platform.tenancy import TenantQuerySet


class Language(models.TextChoices):
    BOKMAAL = "nb", _("Norwegian Bokmål")
    NYNORSK = "nn", _("Norwegian Nynorsk")


class Party(models.TextChoices):
    """The three parties of the cooperation, and the two circles outside them."""

    POLITICAL = "POLITICAL", _("Elected politicians")
    ADMINISTRATION = "ADMINISTRATION", _("Administration")
    EMPLOYEE = "EMPLOYEE", _("Employees")
    CITIZEN = "CITIZEN", _("Citizens")
    SERVICE_USER = "SERVICE_USER", _("Service users")

    @classmethod
    def three(cls) -> list[Party]:
        return [cls.POLITICAL, cls.ADMINISTRATION, cls.EMPLOYEE]


class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=200)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        unique=True,
        validators=[RegexValidator(r"^\d{9}$", _("An organisation number has nine digits."))],
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.BOKMAAL
    )
    survey_threshold = models.PositiveSmallIntegerField(
        _("smallest group shown in survey results"),
        default=5,
        validators=[MinValueValidator(3), MaxValueValidator(50)],
        help_text=_("Results for smaller groups are hidden. Never below 3."),
    )
    absence_threshold = models.PositiveSmallIntegerField(
        _("smallest group shown in sick-leave statistics"),
        default=5,
        validators=[MinValueValidator(5), MaxValueValidator(50)],
    )
    require_mfa_for_admins = models.BooleanField(
        _("administrators must use two-factor authentication"), default=True
    )
    citizen_committees_enabled = models.BooleanField(_("uses citizen committees"), default=False)
    proposal_grace_days = models.PositiveSmallIntegerField(
        _("days past an answer deadline before the coordination group is told"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.CheckConstraint(
                condition=Q(survey_threshold__gte=3), name="survey_threshold_at_least_3"
            ),
            models.CheckConstraint(
                condition=Q(absence_threshold__gte=5), name="absence_threshold_at_least_5"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A workplace or a sector, in a tree (sector → unit)."""

    class Kind(models.TextChoices):
        SECTOR = "SECTOR", _("Sector")
        UNIT = "UNIT", _("Unit")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.UNIT)
    employee_count = models.PositiveIntegerField(_("number of employees"), default=0)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="unit_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Anyone who takes part: employees, politicians, citizens and service users."""

    class Kind(models.TextChoices):
        EMPLOYEE = "EMPLOYEE", _("Employee")
        POLITICIAN = "POLITICIAN", _("Politician")
        CITIZEN = "CITIZEN", _("Citizen")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="people")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    external_id = models.CharField(_("external id"), max_length=60, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("unit"),
    )
    position = models.CharField(_("position"), max_length=120, blank=True)
    is_leader = models.BooleanField(_("leader"), default=False)
    political_party = models.CharField(_("political party"), max_length=80, blank=True)
    union = models.CharField(_("union"), max_length=80, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["municipality", "last_name", "first_name"]),
            # A unit's people in name order, without walking the whole municipality.
            models.Index(fields=["unit", "last_name", "first_name"]),
            # One kind in name order (the politicians among 50,000 employees).
            models.Index(fields=["municipality", "kind", "last_name", "first_name"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "external_id"],
                condition=~Q(external_id=""),
                name="person_external_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Body(models.Model):
    """A standing group: tripartite body, coordination group, LMU, committee …"""

    class Kind(models.TextChoices):
        TRIPARTITE = "TRIPARTITE", _("Tripartite body")
        COORDINATION = "COORDINATION", _("Coordination group")
        LMU = "LMU", _("LMU (leadership, participation, development)")
        CITIZEN_COMMITTEE = "CITIZEN_COMMITTEE", _("Citizen committee")
        PROJECT_GROUP = "PROJECT_GROUP", _("Project group")
        REDEPLOYMENT = "REDEPLOYMENT", _("Redeployment bank")
        COUNCIL = "COUNCIL", _("Municipal council")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("reports to"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name=_("unit"),
    )
    mandate = models.TextField(_("mandate"), blank=True)
    is_statutory_5_11 = models.BooleanField(
        _("statutory joint committee (kommuneloven § 5-11)"), default=False
    )
    established = models.DateField(_("established"), default=timezone.localdate)
    answer_deadline_days = models.PositiveSmallIntegerField(
        _("days to answer a proposal"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Counted from the day a proposal arrives at the body."),
    )
    decides_by_consensus = models.BooleanField(
        _("decides by consensus"),
        default=False,
        help_text=_("An LMU always decides by consensus; other bodies may choose to."),
    )
    agenda_days_before = models.PositiveSmallIntegerField(
        _("days before a meeting the agenda must be out"),
        default=7,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
        help_text=_("Every member gets the agenda and its documents at the same time, this early."),
    )
    template_slot = models.CharField(max_length=80, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "template_slot"],
                condition=~Q(template_slot=""),
                name="body_template_slot_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def uses_consensus(self) -> bool:
        return self.kind == self.Kind.LMU or self.decides_by_consensus


class CompositionRuleQuerySet(TenantQuerySet["CompositionRule"]):
    """CompositionRule rows reach their municipality through ``body``."""

    tenant_field = "body__municipality"


class CompositionRule(models.Model):
    """A rule a body's membership must follow, kept as data so each body can differ."""

    class Kind(models.TextChoices):
        PARITY = "PARITY", _("Equal voting seats for the three parties")
        LMU_ROLES = "LMU_ROLES", _("Leader, union representative and safety representative")
        STATUTORY_5_11 = "STATUTORY_5_11", _("Kommuneloven § 5-11 joint committee")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("rule"), max_length=20, choices=Kind.choices)
    seats_per_party = models.PositiveSmallIntegerField(
        _("seats per party"),
        null=True,
        blank=True,
        help_text=_("For equal seats: the exact number each party must have, if any."),
    )

    objects = CompositionRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("composition rule")
        verbose_name_plural = _("composition rules")
        constraints = [
            models.UniqueConstraint(fields=["body", "kind"], name="rule_once_per_body"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Membership(models.Model):
    """A person's seat in a body, for a party, with a role and a term."""

    class Role(models.TextChoices):
        CHAIR = "CHAIR", _("Chair")
        DEPUTY_CHAIR = "DEPUTY_CHAIR", _("Deputy chair")
        MEMBER = "MEMBER", _("Member")
        DEPUTY = "DEPUTY", _("Deputy member")
        SECRETARY = "SECRETARY", _("Secretary")
        OBSERVER = "OBSERVER", _("Observer")

    class Capacity(models.TextChoices):
        """What the person sits as: the rules look for leaders and representatives."""

        ELECTED = "ELECTED", _("Elected representative")
        LEADER = "LEADER", _("Leader")
        UNION_REP = "UNION_REP", _("Union representative (tillitsvalgt)")
        SAFETY_REP = "SAFETY_REP", _("Safety representative (verneombud)")
        EMPLOYEE = "EMPLOYEE", _("Employee")
        CITIZEN = "CITIZEN", _("Citizen")
        USER_REP = "USER_REP", _("Service user representative")
        OTHER = "OTHER", _("Other")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="memberships"
    )
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    party = models.CharField(_("party"), max_length=14, choices=Party.choices)
    role = models.CharField(_("role"), max_length=14, choices=Role.choices, default=Role.MEMBER)
    capacity = models.CharField(
        _("sits as"), max_length=12, choices=Capacity.choices, default=Capacity.OTHER
    )
    voting = models.BooleanField(_("voting"), default=True)
    start = models.DateField(_("term start"), default=timezone.localdate)
    end = models.DateField(_("term end"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "party", "role"]
        indexes = [
            models.Index(fields=["body", "end"]),
            models.Index(fields=["person", "end"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="membership_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.body} ({self.get_role_display()})"

    def is_active_on(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)

    @property
    def seat_summary(self) -> str:
        """Party, role and what the person sits as, the way members are listed: the
        capacity (tillitsvalgt, verneombud, leader …) is what the composition rules count."""
        parts = [self.get_party_display(), self.get_role_display()]
        if self.capacity != self.Capacity.OTHER:
            parts.append(self.get_capacity_display())
        return ", ".join(str(part) for part in parts)
