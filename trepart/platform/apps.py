from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trepart.platform"
    label = "platform"

    def ready(self) -> None:
        # Models are loaded only now, so the duties (which use them) are imported here.
        from trepart.platform.duties import duty_register
        from trepart.platform.mail_digest import digest_send

        duty_register(name="digest", run=digest_send)
        # Each app's snapshot sources register themselves when its module is imported.
        autodiscover_modules("snapshot_sources")
