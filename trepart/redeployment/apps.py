"""The stillingsbank app. On start it registers its daily duty: offers reminded before
their deadline, and lapsed past it."""

from __future__ import annotations

from django.apps import AppConfig


class Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trepart.redeployment"
    label = "redeployment"

    def ready(self) -> None:
        from trepart.platform.duties import duty_register
        from trepart.redeployment.services.offers import offers_daily

        duty_register(name="redeployment_offers", run=offers_daily)
