from django.apps import AppConfig


class Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trepart.analysis"
    label = "analysis"

    def ready(self) -> None:
        # Meetings sit below analysis: the result report asks for its sick-leave section
        # through the registry rather than importing analysis.
        from trepart.analysis.report_sections import absence_section
        from trepart.meetings.services.report import register_report_section

        register_report_section("absence", absence_section)
