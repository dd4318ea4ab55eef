"""The stillingsbank app."""

from __future__ import annotations

from django.apps import AppConfig


class Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trepart.redeployment"
    label = "redeployment"

    def ready(self) -> None:
        from trepart.meetings.services.report import register_report_section
        from trepart.platform.duties import duty_register
        from trepart.redeployment.report_sections import redeployment_section
        from trepart.redeployment.services.rights import preferential_rights_lapse

        # Every day: a § 14-2 right whose year has passed ends, and its case is closed.
        duty_register(name="redeployment_rights_lapse", run=preferential_rights_lapse)
        # The meetings' result report: the bank's figures, as suppressed aggregates only.
        register_report_section(
            "redeployment",
            redeployment_section,
            template="redeployment/_result_report_redeployment.html",
            pdf_template="redeployment/_result_report_redeployment.html",
        )
