"""The proposals API's two routers; ``reading``, ``actions`` and ``public`` register their
endpoints on them."""

from ninja import Router

router = Router(tags=["proposals"])
public_router = Router(tags=["public"], auth=None)
