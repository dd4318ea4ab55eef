"""The course's writes: runs, enrolment and the waiting list, attendance, the setting,
list imports and reminders."""
