"""The development work in the API: projects, portfolios and plans, and the savings ledger,
with the same rules as the pages (``trepart.development.privacy``)."""

from ninja import Router

from trepart.development.api.ledger import router as ledger_router
from trepart.development.api.projects import router as projects_router
from trepart.development.api.review import router as review_router

router = Router()
router.add_router("/", projects_router)
router.add_router("/", review_router)
router.add_router("/", ledger_router)
