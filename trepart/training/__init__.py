"""The medarbeiderskap course: runs of three days, enrolment with a waiting list,
attendance, completion, the municipality's mandatory setting, completion figures,
reminders and a person's course record."""
