"""The development work in the API: projects."""

from ninja import Router

router = Router(tags=["development"])
