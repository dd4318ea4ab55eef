"""Proposals (forslag) and the routing table that sends them to a body: the choices
every other module speaks in, ``RoutingRule`` and ``Proposal``.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trepart.organisation.models import Body, Municipality, Person, Unit
from trepart.platform.models import Notification
from trepart.platform.tenancy import TenantQuerySet

if TYPE_CHECKING:  # the through model is defined with the other handling records
    from trepart.proposals.models.handling import ProposalUnit


class Source(models.TextChoices):
    EMPLOYEE = "EMPLOYEE", _("Employee")
    CITIZEN = "CITIZEN", _("Citizen")


class Status(models.TextChoices):
    SUBMITTED = "SUBMITTED", _("Submitted")
    UNDER_CONSIDERATION = "UNDER_CONSIDERATION", _("Under consideration")
    ESCALATED = "ESCALATED", _("Escalated")
    RECOMMENDED = "RECOMMENDED", _("Recommended to the decision maker")
    FURTHER_EVALUATION = "FURTHER_EVALUATION", _("Being evaluated further")
    ANSWERED = "ANSWERED", _("Answered")
    DONE = "DONE", _("Implemented and done")
    WITHDRAWN = "WITHDRAWN", _("Withdrawn")
    MERGED = "MERGED", _("Merged with another proposal")


OPEN_STATUSES = (
    Status.SUBMITTED,
    Status.UNDER_CONSIDERATION,
    Status.ESCALATED,
    Status.RECOMMENDED,
    Status.FURTHER_EVALUATION,
)


class AnswerKind(models.TextChoices):
    IMPLEMENTED = "IMPLEMENTED", _("Implemented")
    FURTHER_EVALUATION = "FURTHER_EVALUATION", _("Further evaluation")
    REJECTED = "REJECTED", _("Rejected")


class DecisionMaker(models.TextChoices):
    """Who holds the formal power (the decision line): the cooperation only recommends."""

    COUNCIL = "COUNCIL", _("Municipal council")
    CHIEF_EXECUTIVE = "CHIEF_EXECUTIVE", _("Chief executive (kommunedirektør)")


def new_tracking_code() -> str:
    return secrets.token_urlsafe(24)


class RoutingRule(models.Model):
    """One row of a municipality's routing table, kept as data so it can be adjusted.

    A ROUTE rule sends a matching proposal to a body; the first matching ROUTE rule in
    ``priority`` order wins. A SERVICE_USERS rule adds the requirement that the handling
    body has a service-user member before it decides.
    """

    class Effect(models.TextChoices):
        ROUTE = "ROUTE", _("Send to a body")
        SERVICE_USERS = "SERVICE_USERS", _("Require a service-user member before deciding")

    class Target(models.TextChoices):
        UNIT_LMU = "UNIT_LMU", _("The LMU of the affected unit")
        BODY_KIND = "BODY_KIND", _("The municipality's body of a kind")
        BODY = "BODY", _("A named body")

    class Match(models.TextChoices):
        ANY = "ANY", _("Any")
        YES = "YES", _("Yes")
        NO = "NO", _("No")

    class UnitMatch(models.TextChoices):
        ANY = "ANY", _("Any")
        ONE = "ONE", _("Exactly one unit")
        SEVERAL = "SEVERAL", _("Several units")
        NONE = "NONE", _("No unit given")

    class SourceMatch(models.TextChoices):
        ANY = "ANY", _("Anyone")
        EMPLOYEE = "EMPLOYEE", _("Employees")
        CITIZEN = "CITIZEN", _("Citizens")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="routing_rules"
    )
    priority = models.PositiveSmallIntegerField(_("order"), default=100)
    effect = models.CharField(
        _("effect"), max_length=14, choices=Effect.choices, default=Effect.ROUTE
    )
    when_source = models.CharField(
        _("from"), max_length=10, choices=SourceMatch.choices, default=SourceMatch.ANY
    )
    when_units = models.CharField(
        _("affected units"), max_length=10, choices=UnitMatch.choices, default=UnitMatch.ANY
    )
    when_needs_money = models.CharField(
        _("needs money"), max_length=3, choices=Match.choices, default=Match.ANY
    )
    when_service_users = models.CharField(
        _("service users affected"), max_length=3, choices=Match.choices, default=Match.ANY
    )
    target = models.CharField(
        _("send to"), max_length=10, choices=Target.choices, blank=True, default=""
    )
    target_kind = models.CharField(
        _("body kind"), max_length=20, choices=Body.Kind.choices, blank=True, default=""
    )
    target_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("body"),
    )
    recommendation_kind = models.CharField(
        _("needs a recommendation from"),
        max_length=20,
        choices=Body.Kind.choices,
        blank=True,
        default="",
        help_text=_("The handling body may decide only after this body's recommendation."),
    )
    note = models.CharField(_("why"), max_length=300, blank=True)
    active = models.BooleanField(_("in use"), default=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["municipality", "priority", "pk"]

    def __str__(self) -> str:
        return f"{self.priority}: {self.get_effect_display()}"


class Proposal(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="proposals"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    source = models.CharField(_("from"), max_length=10, choices=Source.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    proposer = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    proposer_name = models.CharField(_("name"), max_length=200, blank=True)
    proposer_email = models.EmailField(_("e-mail"), blank=True)
    hide_name = models.BooleanField(
        _("show my name only to the body that handles the proposal"), default=False
    )
    units: models.ManyToManyField[Unit, ProposalUnit] = models.ManyToManyField(
        Unit, through="ProposalUnit", related_name="proposals", verbose_name=_("affected units")
    )
    service_users_affected = models.BooleanField(_("service users are affected"), default=False)
    needs_money = models.BooleanField(_("needs money"), default=False)
    cost_estimate = models.PositiveIntegerField(
        _("estimated cost (NOK)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("handling body"),
    )
    recommendation_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals_to_recommend",
        verbose_name=_("recommendation needed from"),
    )
    recommendation_recorded = models.BooleanField(default=False)
    requires_service_user = models.BooleanField(default=False)
    service_user_waiver = models.TextField(blank=True)
    decision_maker = models.CharField(
        max_length=16, choices=DecisionMaker.choices, blank=True, default=""
    )
    answer = models.CharField(
        _("answer"), max_length=20, choices=AnswerKind.choices, blank=True, default=""
    )
    arrived_on = models.DateField(_("arrived at the body"))
    due_on = models.DateField(_("answer due"))
    answered_on = models.DateField(_("answered"), null=True, blank=True)
    answered_in_time = models.BooleanField(null=True)
    answer_days = models.PositiveIntegerField(null=True)
    first_answer = models.CharField(max_length=20, choices=AnswerKind.choices, blank=True)
    done_on = models.DateField(_("done"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged"
    )
    support_count = models.PositiveIntegerField(default=0)
    # The messages the outbox sent about this proposal; they go when the proposal goes.
    notifications = GenericRelation(
        Notification, content_type_field="about_type", object_id_field="about_id"
    )
    consensus_round = models.PositiveIntegerField(default=1)
    tracking_code = models.CharField(max_length=40, unique=True, default=new_tracking_code)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-pk"]
        indexes = [
            models.Index(fields=["municipality", "status", "id"]),
            models.Index(fields=["body", "status", "due_on"]),
            models.Index(fields=["municipality", "source", "id"]),
            models.Index(
                fields=["municipality", "due_on"],
                name="proposal_open_due",
                condition=Q(status__in=[s.value for s in OPEN_STATUSES]),
            ),
            models.Index(fields=["recommendation_body", "recommendation_recorded"]),
            models.Index(fields=["submitted_by", "id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(needs_money=True) | Q(cost_estimate__isnull=True),
                name="proposal_cost_only_when_money",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
