"""The course in the API, with the same rules as the pages (``trepart.training.privacy``)."""

from ninja import Router

from trepart.training.api.completion import router as completion_router
from trepart.training.api.runs import router as runs_router

router = Router()
router.add_router("/", runs_router)
router.add_router("/", completion_router)
