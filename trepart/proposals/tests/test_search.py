"""Full-text search and similar proposals, on whichever database the suite runs on."""

from __future__ import annotations

import pytest

from trepart.accounts.tests.factories import MunicipalityFactory
from trepart.organisation.tests.factories import BodyFactory
from trepart.proposals import search, services
from trepart.proposals.models import Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposals() -> dict[str, Proposal]:
    municipality = MunicipalityFactory.create()
    BodyFactory.create(municipality=municipality, kind="COORDINATION")
    texts = {
        "benk": ("Benker langs turstien", "Sett opp benker langs turstien ved vannet."),
        "kaffe": ("Bedre kaffemaskin", "Pauserommet på sykehjemmet trenger ny kaffemaskin."),
        "brøyting": (
            "Brøyting av gangveier",
            "Gangveiene til skolen brøytes for sent om morgenen.",
        ),
    }
    made = {
        key: services.proposal_submit(
            actor=None, municipality=municipality, title=title, description=description
        )
        for key, (title, description) in texts.items()
    }
    # Another municipality's proposal with the same words is never found.
    other = MunicipalityFactory.create()
    BodyFactory.create(municipality=other, kind="COORDINATION")
    services.proposal_submit(
        actor=None,
        municipality=other,
        title="Benker langs turstien",
        description="Benker langs turstien i skogen.",
    )
    return made


def found(made: dict[str, Proposal], query: str) -> set[str]:
    municipality_id = made["benk"].municipality_id
    hits = set(
        search.apply_search(
            Proposal.objects.filter(municipality_id=municipality_id), query
        ).values_list("pk", flat=True)
    )
    return {key for key, proposal in made.items() if proposal.pk in hits}


def test_search_matches_every_word_and_prefixes(proposals: dict[str, Proposal]) -> None:
    assert found(proposals, "turstien") == {"benk"}
    assert found(proposals, "kaffe") == {"kaffe"}  # a prefix of "kaffemaskin"
    assert found(proposals, "skolen brøytes") == {"brøyting"}
    assert found(proposals, "skolen kaffemaskin") == set()


def test_search_is_not_confused_by_query_syntax(proposals: dict[str, Proposal]) -> None:
    assert found(proposals, '"turstien" * (') == {"benk"}
    assert found(proposals, "&|!():*") == {"benk", "kaffe", "brøyting"}  # no words: no filter


def test_similar_proposals_rank_the_closest_first(proposals: dict[str, Proposal]) -> None:
    municipality_id = proposals["benk"].municipality_id
    ids = search.similar_ids(
        "Flere benker ved turstien rundt vannet", municipality_id=municipality_id
    )
    assert ids[0] == proposals["benk"].pk
    assert all(Proposal.objects.get(pk=pk).municipality_id == municipality_id for pk in ids)
    assert search.similar_ids("og i på", municipality_id=municipality_id) == []


def test_withdrawn_proposals_are_not_offered_as_similar(proposals: dict[str, Proposal]) -> None:
    benk = proposals["benk"]
    services.proposal_withdraw(actor=None, proposal=benk)
    assert benk.pk not in search.similar_ids(
        "benker turstien", municipality_id=benk.municipality_id
    )


@pytest.mark.parametrize("rare", [1, 1000])
def test_search_results_come_newest_first_whether_the_word_is_rare_or_common(
    proposals: dict[str, Proposal], rare: int
) -> None:
    municipality_id = proposals["benk"].municipality_id
    matches = search.apply_search(Proposal.objects.filter(municipality_id=municipality_id), "be")
    # "be" begins a word in two of the three; with rare=1 that counts as a common word.
    ordered = search.newest_first(matches, searching=True, rare=rare)
    expected = sorted(matches.values_list("pk", flat=True), reverse=True)
    assert len(expected) >= 2
    assert list(ordered.values_list("pk", flat=True)) == expected
