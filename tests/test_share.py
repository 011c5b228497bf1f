"""Share and be found (issue 17), on the built site as a crawler and a reader get it: each page's head
carries OGP tags with its canonical address and, on /data/ and the indicator pages, a schema.org
Dataset that an RDF processor reads; the indicator page's share links and embed code are built from
its canonical address; the embed page is a page of its own, escaped like the others.

The fixture site is the one every test of the run shares (tests/sites.py: built once with the address
it is served at); the escaping cases render pages from a poisoned model, without a site build.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import markupsafe
import pytest
import yaml
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from mutations import VALID
from packages import read_site
from plansite.render import (
    LINE_SHARE,
    X_SHARE,
    address_of,
    embed_height,
    render_embed_pages,
    render_pages,
)
from sites import ROOT, Built, missing_promotion_page
from test_card import png_size

SDO = Namespace("http://schema.org/")
# The hand-written pages (docs/*.md): their front matter is not the engine's, and they name no card
# and in a fork without docs/promotion.md, the stand-in page the fixture's site is built with (sites.py)
STAND_IN = missing_promotion_page(VALID, ROOT)
HAND_WRITTEN = {address_of(p.relative_to(ROOT / "docs").as_posix()) for p in (ROOT / "docs").rglob("*.md")} | (
    {address_of(STAND_IN)} if STAND_IN else set())
# What schema.org's context says of the terms used (tests have no network; see test_metadata.py)
SCHEMA_ORG_CONTEXT = {
    "@vocab": "http://schema.org/",
    **{term: {"@id": f"http://schema.org/{term}", "@type": "@id"} for term in ("url", "license", "contentUrl")},
}


@pytest.fixture(scope="session")
def served(built) -> Built:
    return built("valid")


class Head(HTMLParser):
    """A built page read as a crawler reads it: the head's <meta>, <link rel=canonical> and JSON-LD
    blocks, the JSON-LD blocks of the body, and the body's links, fields and text areas."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_head = True
        self.meta: dict[str, list[str]] = {}
        self.canonical: str | None = None
        self.head_jsonld: list[str] = []
        self.body_jsonld: list[str] = []
        self.anchors: list[tuple[str, str]] = []  # (href, text)
        self.inputs: dict[str, str] = {}  # id → value
        self.textareas: dict[str, str] = {}  # id → text
        self.title = ""
        self._script: list[str] | None = None
        self._anchor: list[str] | None = None
        self._textarea: tuple[str, list[str]] | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "body":
            self.in_head = False
        elif tag == "meta" and self.in_head and ("property" in values or "name" in values):
            self.meta.setdefault(values.get("property") or values["name"], []).append(values.get("content", ""))
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical = values["href"]
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._script = []
        elif tag == "a" and "href" in values:
            self._anchor = [values["href"]]
        elif tag == "input" and "id" in values:
            self.inputs[values["id"]] = values.get("value", "")
        elif tag == "textarea":
            self._textarea = (values.get("id", ""), [])
        elif tag == "title" and self.in_head:  # not the chart's SVG <title>s
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            (self.head_jsonld if self.in_head else self.body_jsonld).append("".join(self._script))
            self._script = None
        elif tag == "a" and self._anchor is not None:
            self.anchors.append((self._anchor[0], "".join(self._anchor[1:])))
            self._anchor = None
        elif tag == "textarea" and self._textarea is not None:
            self.textareas[self._textarea[0]] = "".join(self._textarea[1])
            self._textarea = None
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        for collecting in (self._script, self._anchor, self._textarea[1] if self._textarea else None):
            if collecting is not None:
                collecting.append(data)
        if self._in_title:
            self.title += data


def read(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def indicator_ids() -> list[str]:
    return [i.indicator_id for i in read_site(VALID).indicators]


def dataset_graph(text: str) -> Graph:
    node = json.loads(text)
    assert node["@context"] == "https://schema.org"
    return Graph().parse(data=json.dumps(dict(node, **{"@context": SCHEMA_ORG_CONTEXT})), format="json-ld")


# The head: JSON-LD -----------------------------------------------------------------------------------


@pytest.mark.parametrize("indicator_id", indicator_ids())
def test_indicator_page_head_has_a_dataset_naming_the_indicator(served: Built, indicator_id: str) -> None:
    page = read(served.root / "indicators" / indicator_id / "index.html")
    indicator = next(i for i in read_site(VALID, served.base).indicators if i.indicator_id == indicator_id)
    assert len(page.head_jsonld) == 1 and page.body_jsonld == []
    graph = dataset_graph(page.head_jsonld[0])
    subject = URIRef(f"{page.canonical}#dataset")
    assert (subject, RDF.type, SDO.Dataset) in graph
    assert indicator.name in str(graph.value(subject, SDO.name))
    assert graph.value(subject, SDO.identifier) == Literal(indicator_id)
    assert graph.value(subject, SDO.url) == URIRef(page.canonical)
    assert graph.value(subject, SDO.dateModified) == Literal(indicator.updated.isoformat())
    downloads = {str(graph.value(d, SDO.contentUrl)) for d in graph.objects(subject, SDO.distribution)}
    assert downloads == {served.base + f"data/indicators/{indicator_id}.csv", served.base + f"data/indicators/{indicator_id}.json"}


def test_data_page_head_has_the_package_dataset(served: Built) -> None:
    page = read(served.root / "data" / "index.html")
    assert len(page.head_jsonld) == 1 and page.body_jsonld == []
    graph = dataset_graph(page.head_jsonld[0])
    subject = URIRef(served.base + "data/#dataset")
    assert (subject, RDF.type, SDO.Dataset) in graph
    parts = set(graph.objects(subject, SDO.hasPart))
    assert parts == {URIRef(served.base + f"indicators/{key}/#dataset") for key in indicator_ids()}


def test_other_pages_have_no_jsonld(served: Built) -> None:
    for path in ("index.html", "indicators/index.html", "roles/index.html", "method/index.html"):
        page = read(served.root / path)
        assert page.head_jsonld == [] and page.body_jsonld == [], path


# The head: OGP and Twitter ----------------------------------------------------------------------------


def mkdocs_pages(served: Built) -> list[Path]:
    """Every page MkDocs made (the embed pages are the data stage's own documents)."""
    return [p for p in sorted(served.root.rglob("index.html")) if p.parent.name != "embed"]


def test_every_page_has_ogp_tags_with_its_canonical_address(served: Built) -> None:
    pages = mkdocs_pages(served)
    assert len(pages) > 15
    assert HAND_WRITTEN <= {path.parent.relative_to(served.root).as_posix() + "/" for path in pages} and HAND_WRITTEN
    for path in pages:
        page = read(path)
        assert page.canonical and page.canonical.startswith(served.base), path
        one = {key: values[0] for key, values in page.meta.items() if len(values) == 1}
        assert {key for key, values in page.meta.items() if len(values) > 1} == set(), path
        assert one["og:url"] == page.canonical, path
        assert one["og:type"] == "website" and one["og:locale"] == "ja_JP", path
        assert one["og:site_name"] == "架空市市民活動促進基本計画（テスト用） 進捗状況", path
        assert one["og:description"] == one["description"], path  # the page's own description
        # the title Material gives the page (「協働の認知度 - サイト名」), without the site's name;
        # the home page's is the site's name
        home = path == served.root / "index.html"
        assert one["og:title"] == one["og:site_name"] if home else page.title == f"{one['og:title']} - {one['og:site_name']}", path
        # the picture a shared link shows: the page's card, or none on a hand-written page
        if path.parent.relative_to(served.root).as_posix() + "/" in HAND_WRITTEN:
            assert one["twitter:card"] == "summary" and not any(key.startswith("og:image") for key in page.meta), path
        else:
            assert one["twitter:card"] == "summary_large_image", path
            assert one["og:image"].startswith(served.base + "assets/cards/") and one["og:image"].endswith(".png"), path
            assert (one["og:image:width"], one["og:image:height"], one["og:image:type"]) == ("1200", "630", "image/png"), path
            assert one["og:image:alt"] and one["twitter:image:alt"] == one["og:image:alt"], path


@pytest.mark.parametrize("name", ["real", "valid", "cycle"])
def test_every_card_a_page_names_is_a_1200_by_630_png_of_the_site(built, name: str) -> None:
    """What a crawler does with og:image: fetch it from the built site and read its PNG header. Every
    indicator and policy page shows its own card, every other generated page the home page's, and
    every card in the site is named by a page."""
    site = built(name)
    model = read_site(site.data)
    named: dict[str, str] = {}
    for path in mkdocs_pages(site):
        image = read(path).meta.get("og:image")
        if image:
            assert image[0].startswith(site.base), path
            named[path.parent.relative_to(site.root).as_posix() + "/"] = image[0].removeprefix(site.base)
    for address, card_path in named.items():
        assert png_size((site.root / card_path).read_bytes()) == (1200, 630), (address, card_path)
    assert named["./"] == "assets/cards/home.png"
    for thing in [*model.indicators, *model.policies]:
        assert named[thing.page] == thing.card_path
    assert {named[address] for address in named if not address.startswith(("indicators/", "policies/"))} == {"assets/cards/home.png"}
    in_site = {p.relative_to(site.root).as_posix() for p in (site.root / "assets" / "cards").rglob("*.png")}
    assert in_site == set(named.values()) == {model.card_path} | {t.card_path for t in [*model.indicators, *model.policies]}


def test_indicator_page_ogp_title_and_description_name_the_indicator(served: Built) -> None:
    page = read(served.root / "indicators" / "partnership-awareness" / "index.html")
    assert page.meta["og:title"] == ["協働の認知度"]
    assert page.meta["og:description"] == ["成果指標「協働の認知度」の現状値・実績値・目標値と達成状況。"]
    assert page.meta["og:url"] == [served.base + "indicators/partnership-awareness/"]
    home = read(served.root / "index.html")
    assert home.meta["og:title"] == home.meta["og:site_name"]


# The 共有 and 埋め込み blocks -------------------------------------------------------------------------


@pytest.mark.parametrize("indicator_id", indicator_ids())
def test_share_links_and_embed_code_are_built_from_the_canonical_address(served: Built, indicator_id: str) -> None:
    page = read(served.root / "indicators" / indicator_id / "index.html")
    canonical = page.canonical
    assert canonical == served.base + f"indicators/{indicator_id}/"
    assert page.inputs["share-url"] == canonical
    shares = {href: text for href, text in page.anchors if not href.startswith(served.base) and "://" in href}
    line = [href for href in shares if href.startswith(LINE_SHARE)]
    x = [href for href in shares if href.startswith(X_SHARE)]
    assert len(line) == len(x) == 1, shares
    assert line[0] == f"https://social-plugins.line.me/lineit/share?url={quote(canonical, safe='')}"
    assert urlsplit(x[0])[:3] == ("https", "twitter.com", "/intent/tweet")
    query = parse_qs(urlsplit(x[0]).query)
    assert query["url"] == [canonical]
    name = page.meta["og:title"][0]
    assert query["text"][0].startswith(html.unescape(name))
    # the iframe code, as the reader copies it: the embed page of this very address
    code = page.textareas["embed-code"]
    iframe = re.fullmatch(r'<iframe src="([^"]+)" title="([^"]+)" width="100%" height="(\d+)" [^<>]*></iframe>', code)
    assert iframe, code
    assert iframe.group(1) == canonical + "embed/"
    assert html.unescape(name) in html.unescape(iframe.group(2))
    assert (served.root / "indicators" / indicator_id / "embed" / "index.html").is_file()


def test_share_and_embed_blocks_stay_out_of_the_search_index(served: Built) -> None:
    index = json.loads((served.root / "search" / "search_index.json").read_bytes())
    texts = [doc["text"] + doc["title"] for doc in index["docs"] if doc["location"].startswith("indicators/")]
    assert texts and not any("LINE で送る" in t or "埋め込み用のコード" in t or "twitter.com" in t for t in texts)
    page = (served.root / "indicators" / "partnership-awareness" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 data-search-exclude[^>]*id="共有"', page) and re.search(r'<h2 data-search-exclude[^>]*id="埋め込み"', page)


# The embed page ------------------------------------------------------------------------------------


def test_embed_page_is_the_chart_the_table_and_the_source_only(served: Built) -> None:
    site = read_site(VALID, served.base)
    for indicator in site.indicators:
        path = served.root / "indicators" / indicator.indicator_id / "embed" / "index.html"
        text = path.read_text(encoding="utf-8")
        page = read(path)
        assert page.canonical == served.base + f"indicators/{indicator.indicator_id}/"
        assert "<script" not in text and "search_index" not in text and "md-nav" not in text
        assert re.findall(r'<link rel="stylesheet" href="([^"]+)">', text) == ["../../../assets/stylesheets/extra.css"]
        assert text.count("<svg class=\"plansite-chart-static") == 2
        rows = re.search(r'<table id="values".*?</table>', text, re.S).group(0).count("<tr>") - 1
        assert rows == len(indicator.rows)
        # the source and licence line links back to the indicator page and to the licence
        assert ("../", f"{site.name}（新しいタブで開きます）") in page.anchors
        assert any(href == site.licence["path"] for href, _ in page.anchors)
        assert indicator.source in text
        assert embed_height(indicator) > 0


# Escaping ----------------------------------------------------------------------------------------


POISON = "</script><script>alert(1)</script><!-- & \"'"


def test_data_cannot_close_the_jsonld_or_reach_the_embed_page_as_markup() -> None:
    site = read_site(VALID, "https://example.jp/plan/")
    indicator = site.indicators[0]
    indicator.name = "協働" + POISON
    page = render_pages(site)[f"indicators/{indicator.indicator_id}.md"]
    front = yaml.load(page.split("---\n")[1], Loader=yaml.SafeLoader)
    jsonld = front["jsonld"]
    assert "<" not in jsonld and ">" not in jsonld and "&" not in jsonld
    assert json.loads(jsonld)["name"].startswith("協働" + POISON)
    embed = render_embed_pages(site)[f"indicators/{indicator.indicator_id}/embed/index.html"]
    assert "<script" not in embed and "<!--" not in embed
    assert str(markupsafe.escape("協働" + POISON)) in embed
    # the iframe code shown on the page: escaped twice (as code, then as the text of the field)
    shown = re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    assert "<" not in shown
    copied = html.unescape(shown)
    title = re.search(r' title="([^"<>]*)"', copied).group(1)
    assert html.unescape(title).startswith("協働" + POISON)


def test_a_fork_overrides_the_embed_page_by_name(tmp_path: Path) -> None:
    site = read_site(VALID)
    (tmp_path / "embed.html.j2").write_text("<!doctype html><title>{{ indicator.name }}</title><p>{{ site.name }}</p>\n", encoding="utf-8")
    pages = render_embed_pages(site, tmp_path)
    assert set(pages) == {f"indicators/{i.indicator_id}/embed/index.html" for i in site.indicators}
    for indicator in site.indicators:
        assert pages[f"indicators/{indicator.indicator_id}/embed/index.html"] == (
            f"<!doctype html><title>{markupsafe.escape(indicator.name)}</title><p>{markupsafe.escape(site.name)}</p>\n")
    assert "<svg" in render_embed_pages(site)[f"indicators/{site.indicators[0].indicator_id}/embed/index.html"]
