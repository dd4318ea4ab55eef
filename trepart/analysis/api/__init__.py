"""Felles analyse in the API: survey results and sick leave, suppressed as on the pages."""

from ninja import Router

from trepart.analysis.api.absence import router as absence_router
from trepart.analysis.api.surveys import router as surveys_router

router = Router()
router.add_router("/", surveys_router)
router.add_router("/", absence_router)
