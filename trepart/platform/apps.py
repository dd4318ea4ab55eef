from django.apps import AppConfig


class Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trepart.platform"
    label = "platform"

    def ready(self) -> None:
        # Models are loaded only now, so the duties (which use them) are imported here.
        from trepart.platform.duties import duty_register
        from trepart.platform.mail_digest import digest_send

        duty_register(name="digest", run=digest_send)
