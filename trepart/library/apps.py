"""The document library. On start it fills the lower layers' registries: a panel on a
body's page (the documents that govern it), a panel on a meeting's agenda items (the
versions each approved) and a daily duty (versions superseded when a newer one comes into
force)."""

from __future__ import annotations

from django.apps import AppConfig


class Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trepart.library"
    label = "library"

    def ready(self) -> None:
        from trepart.library.panels import body_panel, item_panel
        from trepart.library.services.versions import versions_supersede
        from trepart.meetings.panels import item_panel_register
        from trepart.organisation.panels import body_panel_register
        from trepart.platform.duties import duty_register

        body_panel_register(template="library/partials/_body_panel.html", context=body_panel)
        item_panel_register(template="library/partials/_item_panel.html", context=item_panel)
        duty_register(name="library_versions_supersede", run=versions_supersede)
