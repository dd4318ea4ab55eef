"""Background work for proposals, run by ``trepart worker`` (django-tasks, database backend)."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

from trepart.proposals.models import Notification


@task()
def send_notification(notification_id: int) -> bool:
    """Send one stored message, once: a retried task finds it already sent."""
    notification = Notification.objects.filter(pk=notification_id, sent_at__isnull=True).first()
    if notification is None:
        return False
    EmailMessage(
        subject=notification.subject,
        body=notification.body,
        to=[notification.email],
    ).send()
    Notification.objects.filter(pk=notification.pk).update(sent_at=timezone.now())
    return True
