"""Development work: projects, the service review, plans and the savings ledger. On start
the ledger adds its section to the meetings' standing result report."""

from __future__ import annotations

from django.apps import AppConfig


class Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trepart.development"
    label = "development"

    def ready(self) -> None:
        # Importing it registers the ledger page as a snapshot source for agendas.
        from trepart.development import ledger_snapshot  # noqa: F401
        from trepart.development.report_sections import savings_section
        from trepart.meetings.services.report import register_report_section

        # The meetings' result report offers a registry; the savings ledger adds to it.
        register_report_section("savings", savings_section)
