"""The comparison of two versions' texts: paragraph by paragraph, and word by word within a
changed paragraph. Pure: two strings in, a ``Comparison`` out, counted so the page can say
in words what changed (never by colour alone)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from trepart.library.text import paragraphs

SAME, ADDED, REMOVED, CHANGED = "same", "added", "removed", "changed"


@dataclass(frozen=True)
class Segment:
    """A run of words: ``kind`` is ``same``, ``added`` or ``removed``."""

    kind: str
    text: str


@dataclass(frozen=True)
class ParagraphChange:
    """A paragraph of the comparison: ``kind`` is ``same``, ``added``, ``removed`` or
    ``changed`` (then ``segments`` say which words)."""

    kind: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Comparison:
    paragraphs: tuple[ParagraphChange, ...]
    added: int
    removed: int
    changed: int
    unchanged: int
    words_added: int
    words_removed: int

    @property
    def identical(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _words(paragraph: str) -> list[str]:
    return paragraph.split()


def words_compare(old: str, new: str) -> tuple[Segment, ...]:
    """``old`` → ``new`` as runs of kept, removed and added words."""
    before, after = _words(old), _words(new)
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment(SAME, " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment(REMOVED, " ".join(before[i1:i2])))
        if j2 > j1:
            segments.append(Segment(ADDED, " ".join(after[j1:j2])))
    return tuple(segments)


def _count(segments: tuple[Segment, ...], kind: str) -> int:
    return sum(len(segment.text.split()) for segment in segments if segment.kind == kind)


def texts_compare(old: str, new: str) -> Comparison:
    """Compare two texts paragraph by paragraph; paragraphs replaced one for one are
    compared word by word, the rest counted as added or removed."""
    before, after = paragraphs(old), paragraphs(new)
    changes: list[ParagraphChange] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes.extend(ParagraphChange(SAME, (Segment(SAME, p),)) for p in before[i1:i2])
            continue
        old_part, new_part = before[i1:i2], after[j1:j2]
        paired = min(len(old_part), len(new_part))
        for old_paragraph, new_paragraph in zip(old_part, new_part, strict=False):
            changes.append(ParagraphChange(CHANGED, words_compare(old_paragraph, new_paragraph)))
        changes.extend(ParagraphChange(REMOVED, (Segment(REMOVED, p),)) for p in old_part[paired:])
        changes.extend(ParagraphChange(ADDED, (Segment(ADDED, p),)) for p in new_part[paired:])
    segments = tuple(segment for change in changes for segment in change.segments)
    return Comparison(
        paragraphs=tuple(changes),
        added=sum(1 for change in changes if change.kind == ADDED),
        removed=sum(1 for change in changes if change.kind == REMOVED),
        changed=sum(1 for change in changes if change.kind == CHANGED),
        unchanged=sum(1 for change in changes if change.kind == SAME),
        words_added=_count(segments, ADDED),
        words_removed=_count(segments, REMOVED),
    )
