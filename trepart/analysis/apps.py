from __future__ import annotations

import datetime

from django.apps import AppConfig


def _close_survey_rounds(day: datetime.date) -> dict[str, int]:
    """The daily duty: close the survey rounds whose closing day has passed."""
    # apps.py is imported before the models are ready, so the service is imported when run.
    from trepart.analysis.services.surveys import surveys_close_past

    return {"closed": surveys_close_past(day=day)}


class Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trepart.analysis"
    label = "analysis"

    def ready(self) -> None:
        from trepart.platform.duties import duty_register

        duty_register(name="survey_rounds", run=_close_survey_rounds)
