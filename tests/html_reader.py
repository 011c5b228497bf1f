"""The one HTML reader of the tests: pages read as a person reads them (table cells, text)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path


class Tables(HTMLParser):
    """Collect each <table id=…> as header texts and rows of cell texts (the cells' HTML kept too)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, dict] = {}
        self.current: dict | None = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.current = {"headers": [], "rows": []}
            self.tables[dict(attrs).get("id") or f"table-{len(self.tables)}"] = self.current
        elif self.current is None:
            return
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.current is None:
            return
        if tag == "table":
            self.current = None
        elif tag == "thead":
            self.in_head = False
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            (self.current["headers"] if self.in_head else self.current["rows"]).append(self.row)
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def tables(text: str) -> dict[str, dict]:
    parser = Tables()
    parser.feed(text)
    return parser.tables


def table_dicts(text: str, table_id: str) -> list[dict[str, str]]:
    table = tables(text)[table_id]
    [headers] = table["headers"]
    return [dict(zip(headers, row, strict=True)) for row in table["rows"]]


class Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(page: Path | str) -> str:
    """A page's text as a reader sees it: tags dropped, whitespace collapsed (a path or the HTML)."""
    parser = Text()
    parser.feed(page.read_text(encoding="utf-8") if isinstance(page, Path) else page)
    return " ".join("".join(parser.parts).split())


def words_of(html_text: str) -> str:
    """The text of the page's content as words: every tag a break (so a term and its description, or
    two cells, never run together), whitespace collapsed, entities decoded."""
    content = html_text.split('<article', 1)[-1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content)).split())
