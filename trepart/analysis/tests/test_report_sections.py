"""Analysis adds the sick-leave section to the meetings' result report when it starts."""

from __future__ import annotations

from trepart.analysis.report_sections import absence_section
from trepart.meetings.services.report import report_sections


def test_the_sick_leave_section_is_registered_as_absence() -> None:
    assert report_sections()["absence"] is absence_section
