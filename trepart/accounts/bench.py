"""The accounts app's pages for ``trepart bench``."""

from trepart.platform.bench_registry import BenchContext, BenchPage


def bench_pages(context: BenchContext) -> list[BenchPage]:
    return [BenchPage("Profile", "/profil/", "admin")]
