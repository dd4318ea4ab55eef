"""Reads for meetings, by topic; import them from here.

What a reader sees of an item comes from ``meetings.privacy`` (``item_for``, through
``agenda`` here), the one place where a closed item is masked.
"""

from trepart.meetings.selectors.agenda import (
    AccessRow,
    access_log,
    agenda,
    agenda_for,
    agenda_items,
    attendance_of,
    minutes_of,
    minutes_parts,
    people_for_attendance,
)
from trepart.meetings.selectors.calendar import (
    Reach,
    bodies_with_meetings,
    calendar,
    meeting_get,
    meeting_queryset,
    meetings_of_person,
    meetings_visible,
    portal_calendar,
    public_feed,
    public_meetings,
    reach_of,
)
from trepart.meetings.selectors.follow_up import (
    DONE_SHOWN_DAYS,
    FOLLOW_UP_COLUMNS,
    follow_up_column,
    follow_up_counts,
    follow_up_rows,
)

__all__ = [
    "DONE_SHOWN_DAYS",
    "FOLLOW_UP_COLUMNS",
    "AccessRow",
    "Reach",
    "access_log",
    "agenda",
    "agenda_for",
    "agenda_items",
    "attendance_of",
    "bodies_with_meetings",
    "calendar",
    "follow_up_column",
    "follow_up_counts",
    "follow_up_rows",
    "meeting_get",
    "meeting_queryset",
    "meetings_of_person",
    "meetings_visible",
    "minutes_of",
    "minutes_parts",
    "people_for_attendance",
    "portal_calendar",
    "public_feed",
    "public_meetings",
    "reach_of",
]
