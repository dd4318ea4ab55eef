"""The course's data: the municipality's setting, the runs with their three days, the
enrolments (with the waiting list) and the attendance that completes them."""

from trepart.training.models.course import (
    DAYS_PER_RUN,
    Attendance,
    CourseDay,
    CourseRun,
    Enrolment,
)
from trepart.training.models.setting import (
    Audience,
    CourseReminder,
    CourseSetting,
    TemporaryStaff,
)

__all__ = [
    "DAYS_PER_RUN",
    "Attendance",
    "Audience",
    "CourseDay",
    "CourseReminder",
    "CourseRun",
    "CourseSetting",
    "Enrolment",
    "TemporaryStaff",
]
