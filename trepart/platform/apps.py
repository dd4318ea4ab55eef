from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trepart.platform"
    label = "platform"

    def ready(self) -> None:
        # Each app's snapshot sources register themselves when its module is imported.
        autodiscover_modules("snapshot_sources")
