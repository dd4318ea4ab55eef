"""Felles analyse's pages and computations for ``trepart bench``: one module per topic."""

from __future__ import annotations

from trepart.analysis.bench.absence import absence_bench_pages, absence_bench_steps
from trepart.analysis.bench.factors import factors_bench_pages, factors_bench_steps
from trepart.analysis.bench.surveys import surveys_bench_pages, surveys_bench_steps
from trepart.platform.bench_registry import BenchContext, BenchPage, BenchStep


def bench_pages(context: BenchContext) -> list[BenchPage]:
    return [
        *surveys_bench_pages(context),
        *absence_bench_pages(context),
        *factors_bench_pages(context),
    ]


def bench_steps(context: BenchContext) -> list[BenchStep]:
    return [
        *surveys_bench_steps(context),
        *absence_bench_steps(context),
        *factors_bench_steps(context),
    ]
