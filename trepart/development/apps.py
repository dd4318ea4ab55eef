"""Development work: projects, the service review, plans and the savings ledger. On start
it fills the lower layers' registries: panels on bodies' and proposals' pages, the savings
section of the meetings' standing result report, the ledger's snapshot, a daily duty."""

from __future__ import annotations

from django.apps import AppConfig


class Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trepart.development"
    label = "development"

    def ready(self) -> None:
        # Lower layers offer registries; development adds to them once its models are loaded.
        # (Importing ``ledger_snapshot`` registers the ledger page as a snapshot source.)
        from trepart.development import ledger_snapshot  # noqa: F401
        from trepart.development.panels import body_panel, proposal_panel
        from trepart.development.report_sections import savings_section
        from trepart.development.services.decision import projects_recommended_note
        from trepart.meetings.services.report import register_report_section
        from trepart.organisation.panels import body_panel_register
        from trepart.platform.duties import duty_register
        from trepart.proposals.panels import proposal_panel_register

        body_panel_register(template="development/partials/_body_panel.html", context=body_panel)
        proposal_panel_register(
            template="development/partials/_proposal_panel.html", context=proposal_panel
        )
        # The meetings' result report: the savings ledger's figures.
        register_report_section(
            "savings",
            savings_section,
            template="development/_result_report_savings.html",
            pdf_template="development/_result_report_savings.html",
        )
        # Every day: store RECOMMENDED on projects whose innstilling their body agreed on.
        duty_register(name="projects_recommended", run=projects_recommended_note)
