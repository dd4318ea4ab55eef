"""The course app. On start it registers its daily duty: people the course is mandatory for,
who have neither completed it nor enrolled, are reminded (in batches, by the task worker)."""

from __future__ import annotations

from django.apps import AppConfig


class Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trepart.training"
    label = "training"
    verbose_name = "Medarbeiderskap course"

    def ready(self) -> None:
        from trepart.platform.duties import duty_register
        from trepart.training.services.reminders import reminders_daily

        duty_register(name="training_reminders", run=reminders_daily)
