"""Writes for meetings, by topic; import them from here."""

from trepart.meetings.services.access import (
    calendar_feed_get,
    calendar_feed_renew,
    document_open,
)
from trepart.meetings.services.conduct import (
    STEP_ACTIONS,
    AttendanceRow,
    ProposalStep,
    attendance_mark_all_present,
    attendance_record,
    item_outcome_record,
    motion_add,
    stand_record,
    stands_record,
)
from trepart.meetings.services.documents import document_add, document_revise
from trepart.meetings.services.follow_up import follow_up_create, follow_up_update
from trepart.meetings.services.minutes import (
    minutes_approve,
    minutes_publish,
    minutes_save,
    minutes_start,
)
from trepart.meetings.services.planning import (
    item_add,
    item_update,
    items_reorder,
    meeting_cancel,
    meeting_create,
    meeting_plan,
    meeting_publish_agenda,
    meeting_update,
)
from trepart.meetings.services.report import result_report

__all__ = [
    "STEP_ACTIONS",
    "AttendanceRow",
    "ProposalStep",
    "attendance_mark_all_present",
    "attendance_record",
    "calendar_feed_get",
    "calendar_feed_renew",
    "document_add",
    "document_open",
    "document_revise",
    "follow_up_create",
    "follow_up_update",
    "item_add",
    "item_outcome_record",
    "item_update",
    "items_reorder",
    "meeting_cancel",
    "meeting_create",
    "meeting_plan",
    "meeting_publish_agenda",
    "meeting_update",
    "minutes_approve",
    "minutes_publish",
    "minutes_save",
    "minutes_start",
    "motion_add",
    "result_report",
    "stand_record",
    "stands_record",
]
