"""The stillingsbank in the API: register (members of the bank only; ``redeployment.privacy``)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["redeployment"])
