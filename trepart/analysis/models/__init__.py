"""Felles analyse: surveys, 10-FAKTOR results and sick-leave statistics.

Three topics, one module each; this package re-exports them so ``analysis.models`` is the
one place to import from.
"""

from trepart.analysis.models.absence import AbsenceImport, AbsenceRecord, PresenceTarget
from trepart.analysis.models.factors import Factor, FactorImport, FactorResult
from trepart.analysis.models.surveys import (
    Answer,
    Instrument,
    Invitation,
    KeptResults,
    Question,
    Response,
    Survey,
)

__all__ = [
    "AbsenceImport",
    "AbsenceRecord",
    "Answer",
    "Factor",
    "FactorImport",
    "FactorResult",
    "Instrument",
    "Invitation",
    "KeptResults",
    "PresenceTarget",
    "Question",
    "Response",
    "Survey",
]
