"""A version's text as blocks for a page: paragraphs separated by blank lines, headings
(``# `` and ``## ``) and bulleted points (``- ``), a small part of Markdown. Nothing in the
text becomes markup: the template escapes every block's words."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Block:
    """``kind`` is ``heading`` (``level`` 1 or 2), ``paragraph`` or ``list`` (``items``)."""

    kind: str
    text: str = ""
    level: int = 0
    items: tuple[str, ...] = field(default_factory=tuple)


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs: runs of non-blank lines, each line stripped."""
    result: list[str] = []
    lines: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            lines.append(line.strip())
        elif lines:
            result.append("\n".join(lines))
            lines = []
    if lines:
        result.append("\n".join(lines))
    return result


def _heading(line: str) -> Block | None:
    for marker, level in (("## ", 2), ("# ", 1)):
        if line.startswith(marker) and line[len(marker) :].strip():
            return Block(kind="heading", text=line[len(marker) :].strip(), level=level)
    return None


def blocks(text: str) -> list[Block]:
    """The text's blocks, in order."""
    result: list[Block] = []
    for paragraph in paragraphs(text):
        lines = paragraph.split("\n")
        heading = _heading(lines[0])
        if heading is not None:
            result.append(heading)
            lines = lines[1:]
            if not lines:
                continue
        if all(line.startswith("- ") for line in lines):
            result.append(Block(kind="list", items=tuple(line[2:].strip() for line in lines)))
        else:
            result.append(Block(kind="paragraph", text=" ".join(lines)))
    return result
