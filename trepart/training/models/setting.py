"""Whether the course is mandatory in a municipality, and for whom; and who is on temporary
terms (the organisation's register knows leaders and politicians, not terms of employment,
so the course keeps the temporary staff it must leave out of "permanent staff")."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from trepart.organisation.models import Municipality, Person
from trepart.platform.tenancy import TenantQuerySet


class Audience(models.TextChoices):
    EMPLOYEES = "EMPLOYEES", _("All employees")
    LEADERS = "LEADERS", _("Leaders")
    PERMANENT = "PERMANENT", _("Permanent staff")
    POLITICIANS = "POLITICIANS", _("Politicians")


class CourseSetting(models.Model):
    """One per municipality: no row means the course is voluntary for everyone."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="course_setting"
    )
    mandatory = models.BooleanField(_("the course is mandatory"), default=False)
    for_employees = models.BooleanField(_("for all employees"), default=False)
    for_leaders = models.BooleanField(_("for leaders"), default=True)
    for_permanent = models.BooleanField(_("for permanent staff"), default=True)
    for_politicians = models.BooleanField(_("for politicians"), default=False)
    remind_every_days = models.PositiveSmallIntegerField(
        _("days between reminders to someone due"), default=30
    )
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("course setting")
        verbose_name_plural = _("course settings")

    def __str__(self) -> str:
        return str(self.municipality)

    @property
    def audiences(self) -> list[Audience]:
        """Whom the course is mandatory for (empty when it is voluntary)."""
        if not self.mandatory:
            return []
        flags = [
            (self.for_employees, Audience.EMPLOYEES),
            (self.for_leaders, Audience.LEADERS),
            (self.for_permanent, Audience.PERMANENT),
            (self.for_politicians, Audience.POLITICIANS),
        ]
        return [audience for on, audience in flags if on]


class TemporaryStaff(models.Model):
    """An employee on temporary terms: not counted among permanent staff."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="temporary_terms")
    until = models.DateField(_("until"), null=True, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("temporary employee")
        verbose_name_plural = _("temporary employees")

    def __str__(self) -> str:
        return str(self.person)


class CourseReminder(models.Model):
    """A reminder sent to someone due: the next waits ``remind_every_days``."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="course_reminders")
    sent_on = models.DateField(_("sent on"))

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("course reminder")
        verbose_name_plural = _("course reminders")
        indexes = [models.Index(fields=["person", "sent_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "sent_on"], name="training_reminded_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.sent_on}"
