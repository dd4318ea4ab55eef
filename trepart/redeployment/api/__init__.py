"""The stillingsbank in the API, for the bank's members only, with the same rules as the
pages (``trepart.redeployment.privacy``)."""

from ninja import Router

from trepart.redeployment.api.register import router as register_router
from trepart.redeployment.api.rights import router as rights_router
from trepart.redeployment.api.rounds import router as rounds_router
from trepart.redeployment.api.vacancies import router as vacancies_router

router = Router()
router.add_router("/", register_router)
router.add_router("/", vacancies_router)
router.add_router("/", rounds_router)
router.add_router("/", rights_router)
