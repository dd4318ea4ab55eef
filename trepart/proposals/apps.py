from django.apps import AppConfig


class Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trepart.proposals"
    label = "proposals"

    def ready(self) -> None:
        from trepart.organisation.panels import body_panel_register, home_panel_register
        from trepart.proposals.panels import body_panel, home_panel

        home_panel_register(template="proposals/partials/_home_panel.html", context=home_panel)
        body_panel_register(template="proposals/partials/_body_panel.html", context=body_panel)
