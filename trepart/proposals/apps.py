from django.apps import AppConfig


class Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trepart.proposals"
    label = "proposals"

    def ready(self) -> None:
        # Lower layers offer registries; proposals adds to them once its models are loaded.
        from trepart.organisation.panels import body_panel_register, home_panel_register
        from trepart.platform.duties import duty_register
        from trepart.proposals.duties import deadline_reminders
        from trepart.proposals.panels import body_panel, home_panel

        home_panel_register(template="proposals/partials/_home_panel.html", context=home_panel)
        body_panel_register(template="proposals/partials/_body_panel.html", context=body_panel)
        duty_register(name="deadline_reminders", run=deadline_reminders)
