"""The platform's own tables: the e-mail outbox (``Notification``) and the daily duties'
once-a-day guard (``DailyRun``).

The platform knows no domain app: a message refers to what it is about through a generic
reference (``about``), and the tenant and user models only by their setting strings.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from trepart.platform.tenancy import TenantQuerySet


class NotificationQuerySet(TenantQuerySet["Notification"]):
    def about(self, thing: models.Model) -> NotificationQuerySet:
        """The messages tagged with ``thing`` (a proposal, a meeting …)."""
        return self.filter(about_type=ContentType.objects.get_for_model(thing), about_id=thing.pk)


class Notification(models.Model):
    """A message to a person: sent at once, or gathered into a daily digest.

    ``about`` tags the message with the thing it tells about, so each app can find its own
    messages (and a proposal's go when the proposal goes).
    """

    municipality = models.ForeignKey(
        "organisation.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    about_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    email = models.EmailField()
    language = models.CharField(max_length=2, default="nb")
    subject = models.CharField(max_length=250)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    day = models.DateField()
    in_digest = models.BooleanField(default=False)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["email", "day"]),
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["about_type", "about_id"]),
            models.Index(
                fields=["day"],
                name="platform_notification_digest",
                condition=Q(in_digest=True, sent_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class DailyRun(models.Model):
    """The days the daily duties have run, so they run once a day whoever starts them."""

    day = models.DateField(unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    report = models.JSONField(default=dict)

    def __str__(self) -> str:
        return str(self.day)
