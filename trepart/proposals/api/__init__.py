"""Proposals in the JSON API: submit, list, read with the full history, and move on.

Employees' endpoints are scoped to the caller's municipality; an id from another
municipality answers 404, so the API does not confirm that it exists. Every action checks
the caller's permission on the proposal itself (403) and the version the caller last saw
(409); the rules' refusals answer 400 with a message per field in the caller's language.

Names and e-mail addresses pass through ``selectors.shown_name`` and ``shown_email`` only:
a hidden name reaches no one outside the handling body, and a proposer's e-mail address
only the handling body. The public endpoints for citizens never show anyone's name.

The endpoints live in ``reading``, ``actions`` (employees) and ``public`` (citizens);
importing them registers them on the routers this package exposes.
"""

from trepart.proposals.api import actions, public, reading
from trepart.proposals.api.routers import public_router, router

__all__ = ["actions", "public", "public_router", "reading", "router"]
