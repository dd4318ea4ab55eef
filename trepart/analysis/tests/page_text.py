"""What a reader sees on a rendered page, for tests that compare figures across its parts:
the text of an element by id, every table as rows of cell texts, the key figures, and the
charts' specs (the JSON data blocks beside them)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

_VOID = {"br", "img", "input", "meta", "link", "hr", "col", "source", "wbr"}


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    text: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[_Node] = []
        self.by_id: dict[str, str] = {}
        self.tables: list[list[list[str]]] = []
        self.key_figures: list[str] = []
        self.specs: dict[str, dict[str, Any]] = {}
        self._rows: list[list[list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        node = _Node(tag, {key: value or "" for key, value in attrs})
        self.open.append(node)
        if tag == "table":
            self._rows.append([])
        elif tag == "tr" and self._rows:
            self._rows[-1].append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        while self.open:
            node = self.open.pop()
            text = " ".join("".join(node.text).split())
            if self.open:
                self.open[-1].text.append("".join(node.text))
            if "id" in node.attrs:
                self.by_id[node.attrs["id"]] = text
                if node.tag == "script" and node.attrs.get("type") == "application/json":
                    self.specs[node.attrs["id"]] = json.loads("".join(node.text))
            if node.tag in ("td", "th") and self._rows and self._rows[-1]:
                self._rows[-1][-1].append(text)
            if node.tag == "table" and self._rows:
                self.tables.append(self._rows.pop())
            if node.tag == "dd":
                self.key_figures.append(text)
            if node.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1].text.append(data)


@dataclass
class PageText:
    by_id: dict[str, str]
    tables: list[list[list[str]]]
    key_figures: list[str]
    specs: dict[str, dict[str, Any]]

    def row(self, first_cell: str) -> list[list[str]]:
        """Every table row that starts with ``first_cell``, from all tables."""
        return [row for table in self.tables for row in table if row and row[0] == first_cell]


def read_page(html: str) -> PageText:
    reader = _Reader()
    reader.feed(html)
    return PageText(reader.by_id, reader.tables, reader.key_figures, reader.specs)


def spec_rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every data row of a Vega-Lite spec: its own, its layers' and its named datasets."""
    rows: list[dict[str, Any]] = list(spec.get("data", {}).get("values", []))
    for layer in spec.get("layer", []):
        rows += layer.get("data", {}).get("values", [])
    for values in spec.get("datasets", {}).values():
        rows += values
    return rows
