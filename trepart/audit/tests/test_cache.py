"""Figures cached until an audited write: computed once, new after a change, per municipality."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.core.cache.backends.base import memcache_key_warnings
from django.core.management import call_command
from django.test import override_settings

from trepart.accounts.tests.factories import MunicipalityFactory
from trepart.audit.cache import cached_figure, computed_afresh, figure_key
from trepart.organisation.models import Municipality
from trepart.organisation.services import unit_create

pytestmark = pytest.mark.django_db

BACKENDS = {
    "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "figures"},
    "database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "trepart_figure_cache_test",
    },
}


@pytest.fixture(params=sorted(BACKENDS))
def backend(request: pytest.FixtureRequest) -> Iterator[str]:
    with override_settings(CACHES={"default": BACKENDS[request.param]}):
        if request.param == "database":
            call_command("createcachetable", verbosity=0)
        cache.clear()
        yield request.param
        cache.clear()


class Counter:
    """A figure that counts how often it was computed (a value the backends must pickle)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, Any]:
        self.calls += 1
        return {"figure": [1.5, 2.5], "calls": self.calls}


def _figure(municipality: Municipality, compute: Counter, key: str = "k") -> dict[str, Any]:
    return cached_figure(topic="test", key=key, municipality_id=municipality.pk, compute=compute)


def test_a_figure_is_computed_once(backend: str) -> None:
    municipality = MunicipalityFactory.create()
    compute = Counter()
    first = _figure(municipality, compute)
    again = _figure(municipality, compute)
    assert compute.calls == 1
    assert first == again == {"figure": [1.5, 2.5], "calls": 1}


def test_an_audited_write_in_the_municipality_recomputes_it(backend: str) -> None:
    municipality = MunicipalityFactory.create()
    compute = Counter()
    _figure(municipality, compute)
    unit_create(actor=None, municipality=municipality, code="1", name="Skolen")
    assert _figure(municipality, compute)["calls"] == 2
    assert _figure(municipality, compute)["calls"] == 2


def test_a_figure_is_not_shared_between_municipalities(backend: str) -> None:
    ours, theirs = MunicipalityFactory.create(), MunicipalityFactory.create()
    compute = Counter()
    _figure(ours, compute)
    assert _figure(theirs, compute)["calls"] == 2
    # A write in the other municipality leaves ours kept.
    unit_create(actor=None, municipality=theirs, code="1", name="Deres skole")
    assert _figure(ours, compute)["calls"] == 1


def test_different_keys_are_different_figures(backend: str) -> None:
    municipality = MunicipalityFactory.create()
    compute = Counter()
    _figure(municipality, compute, key="a")
    _figure(municipality, compute, key="b")
    assert compute.calls == 2


def test_computed_afresh_bypasses_the_cache(backend: str) -> None:
    municipality = MunicipalityFactory.create()
    compute = Counter()
    _figure(municipality, compute)
    with computed_afresh():
        assert _figure(municipality, compute)["calls"] == 2
    assert _figure(municipality, compute)["calls"] == 1


def test_keys_are_safe_for_memcached_whatever_the_callers_key() -> None:
    municipality = MunicipalityFactory.create()
    key = figure_key(
        topic="a topic with spaces/and æøå",
        key="x " * 400 + "\n\t",
        municipality_id=municipality.pk,
    )
    assert list(memcache_key_warnings(key)) == []
    assert len(key) < 150
