"""The bench registry finds each app's ``bench`` module without importing any app itself."""

from trepart.platform.bench_registry import page_sources, step_sources


def test_every_app_with_a_bench_module_lists_its_pages_and_the_registry_is_not_one():
    modules = {source.__module__ for source in page_sources()}
    assert modules == {
        "trepart.organisation.bench",
        "trepart.accounts.bench",
        "trepart.audit.bench",
        "trepart.proposals.bench",
        "trepart.meetings.bench",
        "trepart.analysis.bench",
        "trepart.development.bench",
        "trepart.redeployment.bench",
        "trepart.community.bench",
        "trepart.training.bench",
        "trepart.library.bench",
    }


def test_only_apps_whose_bench_module_has_steps_give_steps():
    assert {source.__module__ for source in step_sources()} == {
        "trepart.analysis.bench",
        "trepart.development.bench",
        "trepart.redeployment.bench",
        "trepart.community.bench",
        "trepart.training.bench",
    }
