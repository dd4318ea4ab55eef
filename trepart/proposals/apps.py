from django.apps import AppConfig


class Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trepart.proposals"
    label = "proposals"

    def ready(self) -> None:
        # Models are loaded only now, so the duty (which uses them) is imported here.
        from trepart.platform.duties import duty_register
        from trepart.proposals.duties import deadline_reminders

        duty_register(name="deadline_reminders", run=deadline_reminders)
