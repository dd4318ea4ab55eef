"""Analysis's daily duty, registered with the platform's duties in ``apps.py``."""

from __future__ import annotations

import datetime

from trepart.analysis.services.surveys import surveys_close_past


def survey_rounds_close(day: datetime.date) -> dict[str, int]:
    """Close the survey rounds whose closing day has passed."""
    return {"closed": surveys_close_past(day=day)}
