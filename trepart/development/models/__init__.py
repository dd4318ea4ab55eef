"""Development work: projects with their mandate and phases, the service review's task
portfolio and the plans made from it, the Lean improvement board, and the savings ledger."""

from trepart.development.models.ledger import Realisation, SavingsMeasure, SavingsYear
from trepart.development.models.project import (
    Improvement,
    Phase,
    Project,
    ProjectKind,
    StatusReport,
)
from trepart.development.models.review import (
    LEVEL_ORDER,
    LevelKind,
    Plan,
    Task,
    TaskLevel,
    Weighing,
    Weight,
    Workforce,
)

__all__ = [
    "LEVEL_ORDER",
    "Improvement",
    "LevelKind",
    "Phase",
    "Plan",
    "Project",
    "ProjectKind",
    "Realisation",
    "SavingsMeasure",
    "SavingsYear",
    "StatusReport",
    "Task",
    "TaskLevel",
    "Weighing",
    "Weight",
    "Workforce",
]
