"""The JSON API, version 1: one NinjaAPI, with a router per app."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled

from trepart.accounts.api import auth_methods
from trepart.analysis.api import router as analysis_router
from trepart.community.api import router as community_router
from trepart.development.api import router as development_router
from trepart.library.api import router as library_router
from trepart.meetings.api import router as meetings_router
from trepart.organisation.api import router as organisation_router
from trepart.proposals.api import public_router as public_proposals_router
from trepart.proposals.api import router as proposals_router
from trepart.redeployment.api import router as redeployment_router
from trepart.training.api import router as training_router

# ninja's answer to input that does not fit the schema (422): one entry per problem.
VALIDATION_PROBLEM = {
    "title": "ValidationProblem",
    "description": "Input that does not fit the documented schema, one entry per problem.",
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "loc", "msg"],
                "properties": {
                    "type": {"type": "string", "description": "The kind of problem."},
                    "loc": {
                        "type": "array",
                        "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                        "description": 'Where: "path", "query" or "body", then the field.',
                    },
                    "msg": {"type": "string", "description": "What is wrong."},
                },
            },
        }
    },
}


class TrepartAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """ninja's document, with the answers every operation can give documented too: 422
        where it takes input, 401 where it reads credentials (a refused token)."""
        schema = super().get_openapi_schema(**kwargs)
        schema["components"]["schemas"]["ValidationProblem"] = VALIDATION_PROBLEM
        error = {"$ref": "#/components/schemas/Error"}
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation["responses"]
                if operation.get("parameters") or operation.get("requestBody"):
                    responses.setdefault(422, _response("The input does not fit the schema."))
                    responses[422]["content"] = _json({"$ref": VALIDATION_PROBLEM_REF})
                if operation.get("security"):
                    responses.setdefault(401, _response("The token was refused or is missing."))
                    responses[401]["content"] = _json(error)
        return schema


VALIDATION_PROBLEM_REF = "#/components/schemas/ValidationProblem"
# ninja's own words for a body that is not JSON, answered in the caller's language instead.
_UNPARSABLE = "Cannot parse request body"


def _response(description: str) -> dict[str, Any]:
    return {"description": description}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


api = TrepartAPI(
    title="Trepart API",
    version="1",
    description="Trepart's JSON API for integrations and scripted use.",
    auth=auth_methods,
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _http_error(request: HttpRequest, error: HttpError, api: NinjaAPI) -> HttpResponse:
    """An error as ``{"detail": …}``; a 400 also has ``errors`` as in the proposals' refusals,
    so every 400 fits one documented shape however it came about."""
    detail = str(error)
    if detail.startswith(_UNPARSABLE):
        detail = _("The request body is not valid JSON.")
    elif isinstance(error, AuthenticationError):
        detail = _("Log in, or send a valid API token as “Authorization: Bearer …”.")
    elif isinstance(error, Throttled):
        detail = _("Too many requests. Try again later.")
    body: dict[str, Any] = {"detail": detail}
    if error.status_code == 400:
        body["errors"] = {"__all__": [detail]}
    return api.create_response(request, body, status=error.status_code)


api.add_exception_handler(HttpError, partial(_http_error, api=api))
api.add_router("/", organisation_router)
api.add_router("/", proposals_router)
api.add_router("/", meetings_router)
api.add_router("/", analysis_router)
api.add_router("/", development_router)
api.add_router("/", redeployment_router)
api.add_router("/", community_router)
api.add_router("/", training_router)
api.add_router("/", library_router)
api.add_router("/public", public_proposals_router)
