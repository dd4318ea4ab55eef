"""Course runs, their three days, enrolments (a waiting list past capacity) and attendance.

A run has exactly three days, in order; an enrolment is complete when all three days are
attended. One live enrolment per person and run (a database constraint); the waiting list is
the run's waiting enrolments in the order they came.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trepart.organisation.models import Municipality, Person
from trepart.platform.tenancy import TenantQuerySet

DAYS_PER_RUN = 3


class CourseRun(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200, default="Medarbeiderskapskurs")
    place = models.CharField(_("place"), max_length=200)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    # The first and last day, kept with the run so lists and figures need no join.
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    teachers = models.ManyToManyField(
        Person, blank=True, related_name="courses_taught", verbose_name=_("teachers")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("course run")
        verbose_name_plural = _("course runs")
        ordering = ["starts_on", "pk"]
        indexes = [models.Index(fields=["municipality", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="training_run_days_ordered"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="training_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_on:%d.%m.%Y})"


class CourseDay(models.Model):
    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="days")
    number = models.PositiveSmallIntegerField(
        _("day"), validators=[MinValueValidator(1), MaxValueValidator(DAYS_PER_RUN)]
    )
    date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("course day")
        verbose_name_plural = _("course days")
        ordering = ["run", "number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="training_day_once"),
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=DAYS_PER_RUN),
                name="training_day_number_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.date:%d.%m.%Y}"


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ENROLLED = "ENROLLED", _("Enrolled")
        WAITING = "WAITING", _("On the waiting list")
        CANCELLED = "CANCELLED", _("Cancelled")

    class Way(models.TextChoices):
        SELF = "SELF", _("By themselves")
        LEADER = "LEADER", _("By their leader")
        LIST = "LIST", _("From a list")
        ADMIN = "ADMIN", _("By the course administration")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="course_enrolments")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    way = models.CharField(_("enrolled"), max_length=8, choices=Way.choices)
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["run", "enrolled_at", "pk"]
        indexes = [
            models.Index(fields=["run", "status", "enrolled_at"]),
            models.Index(fields=["person", "status"]),
            models.Index(fields=["municipality", "completed_on"]),
            # "Has completed the course", asked of every person in a figure or a list.
            models.Index(
                fields=["person"],
                condition=Q(completed_on__isnull=False),
                name="training_enrolment_completed",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "person"],
                condition=~Q(status="CANCELLED"),
                name="training_one_live_enrolment",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(status="ENROLLED"),
                name="training_completed_is_enrolled",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.run}"


class Attendance(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    day = models.ForeignKey(CourseDay, on_delete=models.CASCADE, related_name="attendance")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "day"], name="training_attended_once"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} – {self.day}"
