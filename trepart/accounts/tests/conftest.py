from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    # allauth keeps rate-limit counters and used TOTP codes in the (locmem) cache.
    cache.clear()
    yield
    cache.clear()
