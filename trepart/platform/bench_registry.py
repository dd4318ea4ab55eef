"""Which pages ``trepart bench`` measures: each app lists its own, the benchmark app runs them.

An app adds its pages with a ``bench.py`` module holding ``bench_pages(context)``, which
returns ``BenchPage`` values for real rows of the benchmarked municipality (found through
``context``): ``trepart/organisation/bench.py`` is the example to follow. It may also hold
``bench_steps(context)``, computations timed without HTTP. The modules are found among the
installed apps, so the platform (below every app) never imports them, and this module is
not called ``bench`` so it is not taken for one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.apps import apps
from django.utils.module_loading import module_has_submodule

# The ``user`` of a page requested without a login, as a visitor to the public pages.
ANONYMOUS = ""


@dataclass(frozen=True)
class BenchPage:
    """One request to measure: a GET of ``url`` as the demo login ``user`` (``ANONYMOUS``:
    without a login)."""

    name: str
    url: str
    user: str = "admin"


@dataclass(frozen=True)
class BenchContext:
    """The municipality under test and its demo logins (username → user)."""

    # An organisation.Municipality: the platform knows the tenant model only by name.
    municipality: Any
    users: dict[str, Any]


@dataclass(frozen=True)
class BenchStep:
    """A computation to time without HTTP (an aggregation, say): ``run`` is called once to
    count its queries and ``repeat`` more times to time it."""

    name: str
    run: Callable[[], object]


PageSource = Callable[[BenchContext], list[BenchPage]]
StepSource = Callable[[BenchContext], list[BenchStep]]


def page_sources() -> list[PageSource]:
    """``bench_pages`` of every installed app that has a ``bench`` module."""
    sources: list[PageSource] = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "bench"):
            sources.append(import_module(f"{config.name}.bench").bench_pages)
    return sources


def step_sources() -> list[StepSource]:
    """``bench_steps`` of every app whose ``bench`` module has one."""
    sources: list[StepSource] = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "bench"):
            module = import_module(f"{config.name}.bench")
            if hasattr(module, "bench_steps"):
                sources.append(module.bench_steps)
    return sources


def bench_steps(context: BenchContext) -> list[BenchStep]:
    return [step for source in step_sources() for step in source(context)]


def bench_pages(context: BenchContext) -> list[BenchPage]:
    """All pages to measure, each (URL, user) once, in the order the apps give them."""
    seen: set[tuple[str, str]] = set()
    result = []
    for source in page_sources():
        for page in source(context):
            if (page.url, page.user) not in seen:
                seen.add((page.url, page.user))
                result.append(page)
    return result
