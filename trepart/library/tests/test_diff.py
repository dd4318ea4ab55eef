"""The comparison of texts and the safe blocks of a version's text (pure functions)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trepart.library.diff import ADDED, CHANGED, REMOVED, SAME, texts_compare, words_compare
from trepart.library.text import blocks


def test_identical_texts_have_no_changes() -> None:
    comparison = texts_compare("A b.\n\nC d.", "A b.\n\nC d.")
    assert comparison.identical
    assert comparison.unchanged == 2


def test_changed_paragraph_is_compared_word_by_word() -> None:
    segments = words_compare("Partene møtes to ganger", "Partene møtes fire ganger i året")
    assert [(s.kind, s.text) for s in segments] == [
        (SAME, "Partene møtes"),
        (REMOVED, "to"),
        (ADDED, "fire"),
        (SAME, "ganger"),
        (ADDED, "i året"),
    ]


def test_paragraphs_added_removed_and_changed_are_counted() -> None:
    old = "Første.\n\nAndre avsnitt her.\n\nTredje."
    new = "Første.\n\nAndre avsnitt der.\n\nFjerde ny.\n\nFemte ny."
    comparison = texts_compare(old, new)
    kinds = [change.kind for change in comparison.paragraphs]
    assert kinds.count(SAME) == 1
    assert comparison.changed == 2
    assert comparison.added == 1
    assert comparison.removed == 0
    assert comparison.words_added == 5 and comparison.words_removed == 2


def test_removed_paragraph() -> None:
    comparison = texts_compare("En.\n\nTo.", "En.")
    assert [c.kind for c in comparison.paragraphs] == [SAME, REMOVED]
    assert comparison.words_removed == 1
    assert CHANGED not in [c.kind for c in comparison.paragraphs]


def test_blocks_keep_markup_as_text() -> None:
    result = blocks("# Formål\nTekst <script>x</script>\n\n- a\n- b\n\n## Del\n\nSlutt.")
    assert [(b.kind, b.level) for b in result] == [
        ("heading", 1),
        ("paragraph", 0),
        ("list", 0),
        ("heading", 2),
        ("paragraph", 0),
    ]
    assert result[1].text == "Tekst <script>x</script>"
    assert result[2].items == ("a", "b")


paragraph = st.lists(
    st.sampled_from(["partene", "møtes", "fire", "ganger", "i", "året", "avtalen", "gjelder"]),
    min_size=1,
    max_size=8,
).map(" ".join)
text = st.lists(paragraph, max_size=6).map("\n\n".join)


@given(old=text, new=text)
def test_the_comparison_keeps_every_word_of_both_texts(old: str, new: str) -> None:
    """Kept and removed words give the old text back, kept and added the new one."""
    comparison = texts_compare(old, new)
    before = [s.text for c in comparison.paragraphs for s in c.segments if s.kind != ADDED]
    after = [s.text for c in comparison.paragraphs for s in c.segments if s.kind != REMOVED]
    assert " ".join(before).split() == old.split()
    assert " ".join(after).split() == new.split()
    assert comparison.identical == (old.split("\n\n") == new.split("\n\n") or old == new)
