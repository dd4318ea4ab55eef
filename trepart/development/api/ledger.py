"""The development work in the API: ledger."""

from ninja import Router

router = Router(tags=["development"])
