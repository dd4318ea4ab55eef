"""The development work in the API: review."""

from ninja import Router

router = Router(tags=["development"])
