"""The stillingsbank app. On start it listens for redundancies announced by decided plans."""

from __future__ import annotations

from django.apps import AppConfig


class Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trepart.redeployment"
    label = "redeployment"

    def ready(self) -> None:
        from trepart.organisation.redundancy import redundancy_announced
        from trepart.redeployment.receivers import redundancy_store

        redundancy_announced.connect(redundancy_store, dispatch_uid="redeployment.redundancy")
