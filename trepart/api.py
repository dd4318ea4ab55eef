"""The JSON API, version 1: one NinjaAPI, with a router per app."""

from ninja import NinjaAPI

from trepart.accounts.api import auth_methods
from trepart.analysis.api import router as analysis_router
from trepart.meetings.api import router as meetings_router
from trepart.organisation.api import router as organisation_router
from trepart.proposals.api import public_router as public_proposals_router
from trepart.proposals.api import router as proposals_router

api = NinjaAPI(
    title="Trepart API",
    version="1",
    description="Trepart's JSON API for integrations and scripted use.",
    auth=auth_methods,
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/", organisation_router)
api.add_router("/", proposals_router)
api.add_router("/", meetings_router)
api.add_router("/", analysis_router)
api.add_router("/public", public_proposals_router)
