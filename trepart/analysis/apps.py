from __future__ import annotations

from django.apps import AppConfig


class Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trepart.analysis"
    label = "analysis"

    def ready(self) -> None:
        # Lower layers offer registries; analysis adds to them once its models are loaded.
        from trepart.analysis.duties import survey_rounds_close
        from trepart.analysis.report_sections import absence_section
        from trepart.meetings.services.report import register_report_section
        from trepart.platform.duties import duty_register

        # The result report's sick-leave section (meetings sit below analysis).
        register_report_section("absence", absence_section)
        duty_register(name="survey_rounds", run=survey_rounds_close)
