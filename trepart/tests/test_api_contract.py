"""The whole JSON API against its own OpenAPI document, with inputs schemathesis makes up.

Every operation is called anonymously and with a personal token, with a bounded number of
examples each. No answer may be a server error, and every answer must be one the document
describes, in the shape it describes (400, 401, 422 and 429 included).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from trepart.accounts.services import api_token_create
from trepart.proposals.tests.api_world import make_world

# Examples per operation and caller: enough to reach every parameter's edges (the boundary
# values come on top), few enough that the whole module runs in about a minute.
EXAMPLES = 6

CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            # The rules refuse some input the schema cannot express (a title made only of
            # spaces, a unit of another municipality) with the documented 400.
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "429"]
            }
        }
    }
)

# The document is read once, when the module is collected: serving it needs no database.
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application(), config=CONFIG
)

HYPOTHESIS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(autouse=True)
def _connection_kept_between_requests() -> Iterator[None]:
    """The app is called as WSGI, not through Django's test client, so Django would close the
    database connection after each request, and with it the test's transaction; the test
    client keeps it open the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(db: Any) -> str:
    """A chair's token, in a municipality with units, bodies and people, beside another one."""
    world = make_world()
    _token, raw = api_token_create(user=world.chair, name="contract")
    return raw


@schema.parametrize()
@HYPOTHESIS
def test_api_answers_anonymous_callers_as_documented(case: Any, token: str) -> None:
    case.call_and_validate()


@schema.parametrize()
@HYPOTHESIS
def test_api_answers_a_token_as_documented(case: Any, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
