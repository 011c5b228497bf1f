"""/accessibility/ links only to pages that exist, whichever package the site is built from.

The published results (docs/accessibility-results.json) are of the real package; a fork's site, or
the fixture's, may lack some of the pages they name, and those must not be linked (issue 15).
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from plan import is_upstream
from sites import ROOT, build_site

PACKAGES = {"real": ROOT / "datapackage", "fixture": ROOT / "tests" / "fixtures" / "valid"}
RESULTS_FILE = ROOT / "docs" / "accessibility-results.json"
# Upstream's results, of Shimonoseki's site; a fork deletes the file until it takes its own (FORKING.md)
RESULTS = json.loads(RESULTS_FILE.read_text(encoding="utf-8")) if RESULTS_FILE.exists() else None
BASE = "http://site.test/"


class ContentLinks(HTMLParser):
    """The href of every <a> in the page's content (<article>), and the text of each results row."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[str] = []
        self.row_heads: list[tuple[str, bool]] = []  # (text, linked)
        self.in_row_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article":
            self.depth += 1
        if self.depth and tag == "a" and values.get("href") and not values["href"].startswith("#"):
            self.links.append(values["href"])
            if self.in_row_head:
                self.row_heads[-1] = (self.row_heads[-1][0], True)
        if self.depth and tag == "th" and values.get("scope") == "row":
            self.in_row_head = True
            self.row_heads.append(("", False))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if tag == "th":
            self.in_row_head = False

    def handle_data(self, data: str) -> None:
        if self.in_row_head:
            text, linked = self.row_heads[-1]
            self.row_heads[-1] = (text + data, linked)


def resolves(site: Path, address: str) -> bool:
    path = urlsplit(address).path.removeprefix(urlsplit(BASE).path)
    target = site / path
    return (target / "index.html").is_file() if path == "" or path.endswith("/") else target.is_file()


@pytest.fixture(scope="module", params=list(PACKAGES))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    return request.param, build_site(PACKAGES[request.param], tmp_path_factory.mktemp(request.param))


def read_page(site: Path) -> ContentLinks:
    parser = ContentLinks()
    parser.feed((site / "accessibility" / "index.html").read_text(encoding="utf-8"))
    return parser


def test_every_link_of_the_accessibility_page_resolves(built):
    _, site = built
    page = read_page(site)
    internal = [urljoin(BASE + "accessibility/", href) for href in page.links]
    internal = [address for address in internal if address.startswith(BASE)]
    if RESULTS is not None or is_upstream():  # upstream's results are always published
        assert len(internal) >= 2  # the results rows and the JSON file at least
    assert [address for address in internal if not resolves(site, address)] == []


@pytest.mark.plan
def test_each_tested_page_is_listed_and_linked_when_this_site_has_it(built):
    name, site = built
    rows = read_page(site).row_heads
    assert [text.strip() for text, _ in rows] == [result["name"] for result in RESULTS["pages"]]
    for (_, linked), result in zip(rows, RESULTS["pages"], strict=True):
        exists = resolves(site, BASE + result["path"])
        assert linked == exists, result["path"]
    if name == "real":  # the results were taken of the real package: all its pages are there
        assert all(linked for _, linked in rows)
