"""Open data for journalists and researchers (issue 5), checked as they would get it: the fixture site is
built once, served on 127.0.0.1, and every file is downloaded over HTTP.

What a data user checks: the canonical CSVs are the package's files byte for byte; the zip validates
with frictionless; the Excel copies and the workbook read back to the same values; the feed is Atom
with one entry per update; every download link on every page works; the snippets on /data/ run.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser
import jsonschema
import openpyxl
import pandas as pd
import pytest
import rdflib
from frictionless import Package as FrictionlessPackage
from hypothesis import given, settings
from hypothesis import strategies as st

from mutations import VALID
from packages import read_package, read_site
from plansite.build import model_site
from plansite.feed import render_feed
from plansite.fmt import format_date, format_period, format_value
from plansite.model import DEFAULT_SITE_URL, ENTRY_ITEMS, Settings
from plansite.publish import Sheet, data_files, excel_csv, to_csv, write_xlsx
from plansite.render import render_pages
from sites import Built

ROOT = Path(__file__).resolve().parents[1]
ATOM = "{http://www.w3.org/2005/Atom}"
DOWNLOAD = re.compile(r"\.(csv|json|zip|xlsx|xml)$")


# The served site -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def served(built) -> Built:
    """The fixture package built with `mkdocs build --strict` and served over HTTP (shared with the
    browser tests). The build was told its address, so the absolute links of the feed and the
    citation texts point at this very server."""
    return built("valid")


OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1 never via a proxy


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Libraries that fetch by themselves (pandas, frictionless) reach 127.0.0.1 directly."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")


def fetch(url: str) -> bytes:
    with OPENER.open(url, timeout=30) as response:
        assert response.status == 200, url
        return response.read()


def descriptor() -> dict:
    return json.loads((VALID / "datapackage.json").read_text(encoding="utf-8"))


def resources() -> list[dict]:
    return descriptor()["resources"]


def observations() -> list[dict[str, str]]:
    with open(VALID / "data" / "observations.csv", encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def indicators() -> dict[str, dict[str, str]]:
    with open(VALID / "data" / "indicators.csv", encoding="utf-8", newline="") as file:
        return {row["indicator_id"]: row for row in csv.DictReader(file)}


def date_fields(resource: dict) -> list[str]:
    return [f["name"] for f in resource["schema"]["fields"] if f.get("type") == "date"]


def read_canonical(content: bytes, resource: dict) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(content), parse_dates=date_fields(resource))


def last_published() -> datetime.date:
    return max(datetime.date.fromisoformat(row["published"]) for row in observations())


class Links(HTMLParser):
    """The href of every <a> in a page, and the <link rel=alternate> feeds of its head."""

    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[str] = []
        self.feeds: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.anchors.append(values["href"])
        if tag == "link" and values.get("rel") == "alternate" and values.get("type") == "application/atom+xml":
            self.feeds.append(values["href"] or "")


def page_url(served: Built, html_file: Path) -> str:
    relative = html_file.relative_to(served.root).as_posix()
    if relative.endswith("index.html"):
        relative = relative[: -len("index.html")]
    return served.base + relative


def links_of(served: Built, html_file: Path) -> Links:
    parser = Links()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser


# Canonical files and the zip -----------------------------------------------------------------------


def test_canonical_files_are_the_package_byte_for_byte(served: Built) -> None:
    assert fetch(served.base + "data/datapackage.json") == (VALID / "datapackage.json").read_bytes()
    for resource in resources():
        name = Path(resource["path"]).name
        assert fetch(served.base + f"data/{name}") == (VALID / resource["path"]).read_bytes(), name
        # and where the descriptor's relative path points, so the published descriptor works remotely
        assert fetch(served.base + f"data/{resource['path']}") == (VALID / resource["path"]).read_bytes(), name


def test_published_descriptor_validates_as_a_remote_package(served: Built) -> None:
    report = FrictionlessPackage(served.base + "data/datapackage.json").validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_zip_holds_the_package_and_validates_with_frictionless(served: Built, tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(fetch(served.base + "data/datapackage.zip"))) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path)
    expected = {"datapackage.json", "README.txt"} | {r["path"] for r in resources()}
    assert names == expected
    for path in expected - {"README.txt"}:
        assert (tmp_path / path).read_bytes() == (VALID / path).read_bytes(), path

    report = FrictionlessPackage(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])

    readme = (tmp_path / "README.txt").read_text(encoding="utf-8")
    licence = descriptor()["licenses"][0]
    assert licence["title"] in readme and licence["path"] in readme
    assert f"出典: {descriptor()['publisher']['name']}" in readme
    assert f"{served.base}data/" in readme


# Excel copies and the workbook -----------------------------------------------------------------------


def excel_pairs(served: Built) -> Iterator[tuple[str, bytes, bytes]]:
    names = [Path(r["path"]).name for r in resources()] + ["status.csv"]
    for name in names:
        yield name, fetch(served.base + f"data/{name}"), fetch(served.base + f"data/excel/{name}")


def test_excel_csv_has_bom_and_crlf_and_the_same_values(served: Built) -> None:
    for name, canonical, excel in excel_pairs(served):
        assert excel.startswith(b"\xef\xbb\xbf"), name
        body = excel[3:]
        assert body.count(b"\n") == body.count(b"\r\n") > 0, name  # no bare LF (no multi-line cells in the fixture)
        assert body.decode("utf-8").endswith("\r\n"), name
        pd.testing.assert_frame_equal(pd.read_csv(io.BytesIO(excel)), pd.read_csv(io.BytesIO(canonical)), obj=name)


def test_excel_csv_keeps_japanese_text_readable(served: Built) -> None:
    """Excel picks UTF-8 only from the BOM; the text after it must be the same Japanese names."""
    excel = fetch(served.base + "data/excel/indicators.csv")
    for indicator in indicators().values():
        assert indicator["name"] in excel.decode("utf-8-sig")


@settings(deadline=None)  # a correctness property, not a timing
@given(st.lists(
    st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=12), min_size=3, max_size=3),
    min_size=1, max_size=8,
))
def test_excel_csv_round_trips_any_cells(rows: list[list[str]]) -> None:
    """Commas, quotes, newlines inside cells and full-width text survive the Excel copy unchanged."""
    canonical = to_csv(["a", "b", "c"], rows)
    copy = excel_csv(list(csv.reader(io.StringIO(canonical.decode("utf-8"), newline=""))))
    assert copy.startswith(b"\xef\xbb\xbf")
    reread = list(csv.reader(io.StringIO(copy.decode("utf-8-sig"), newline="")))
    expected = list(csv.reader(io.StringIO(canonical.decode("utf-8"), newline="")))
    assert reread == expected


def test_workbook_has_every_resource_with_the_same_values(served: Built) -> None:
    content = fetch(served.base + "data/datapackage.xlsx")
    sheets = pd.read_excel(io.BytesIO(content), sheet_name=None)
    assert {r["name"] for r in resources()} | {"fields"} <= set(sheets)
    for resource in resources():
        canonical = read_canonical((VALID / resource["path"]).read_bytes(), resource)
        pd.testing.assert_frame_equal(sheets[resource["name"]], canonical, check_dtype=False, obj=resource["name"])
        for name in date_fields(resource):  # real dates in Excel, not text
            assert pd.api.types.is_datetime64_any_dtype(sheets[resource["name"]][name]), name


def test_workbook_describes_every_field(served: Built) -> None:
    fields = pd.read_excel(io.BytesIO(fetch(served.base + "data/datapackage.xlsx")), sheet_name="fields", keep_default_na=False)
    assert list(fields.columns) == ["resource", "name", "title", "type", "constraints", "description"]
    rows = {(row.resource, row.name): row for row in fields.itertuples()}
    status = json.loads(fetch(served.base + "data/status.schema.json"))  # the derived table's schema
    expected = [(r, f) for r in [*resources(), {"name": "status", "schema": status}] for f in r["schema"]["fields"]]
    assert len(rows) == len(fields) == len(expected)
    for resource, field in expected:
        row = rows[(resource["name"], field["name"])]
        assert (row.title, row.type, row.description) == (field["title"], field["type"], field["description"])
        constraints = field.get("constraints", {})
        assert ("必須" in row.constraints) == bool(constraints.get("required")), field["name"]
        for value in constraints.get("enum", []):
            assert str(value) in row.constraints
    assert "参照: indicators.csv の indicator_id" in rows[("observations", "indicator_id")].constraints


def test_workbook_carries_the_data_date_not_the_clock(served: Built) -> None:
    """Two builds give the same bytes (design §7): the document dates are the last publication date,
    and the zip entries carry XlsxWriter's fixed timestamp, never the time of the build."""
    content = fetch(served.base + "data/datapackage.xlsx")
    day = last_published()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = openpyxl.load_workbook(io.BytesIO(content)).properties
    midnight = datetime.datetime(day.year, day.month, day.day)
    assert (properties.created, properties.modified) == (midnight, midnight)
    assert properties.creator == descriptor()["publisher"]["name"]


# Feed and change log ---------------------------------------------------------------------------------


def updates_by_date() -> dict[str, list[dict[str, str]]]:
    groups: dict[str, list[dict[str, str]]] = {}
    for row in observations():
        groups.setdefault(row["published"], []).append(row)
    return groups


def test_fixture_has_several_updates() -> None:
    assert len(updates_by_date()) >= 3


def test_feed_is_atom_with_one_entry_per_update(served: Built) -> None:
    content = fetch(served.base + "feed.xml")
    feed = feedparser.parse(content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.id and feed.feed.title and feed.feed.author == descriptor()["publisher"]["name"]
    assert feed.feed.updated == f"{last_published().isoformat()}T00:00:00+09:00"
    assert {(link.rel, link.href) for link in feed.feed.links} >= {
        ("self", served.base + "feed.xml"), ("alternate", served.base + "changes/"),
    }

    groups = updates_by_date()
    assert len(feed.entries) == len(groups)
    assert len({entry.id for entry in feed.entries}) == len(groups)
    names = {key: row["name"] for key, row in indicators().items()}
    for entry in feed.entries:
        day = entry.updated[:10]
        assert entry.id.startswith("tag:127.0.0.1,") and entry.id.endswith(f"/changes/{day}")
        assert entry.link == served.base + f"changes/{day[:4]}/#{day}"
        text = entry.content[0].value
        for row in groups[day]:
            indicator = indicators()[row["indicator_id"]]
            assert names[row["indicator_id"]] in text
            assert format_period(int(row["period"]), indicator["period_type"]) in text
            assert format_value(float(row["value"]), indicator["unit"]) in text
            assert served.base + f"indicators/{row['indicator_id']}/" in text


def test_feed_has_what_rfc_4287_requires(served: Built) -> None:
    """feedparser is lenient; the elements the RFC makes mandatory are checked on the XML itself."""
    root = ET.fromstring(fetch(served.base + "feed.xml"))
    assert root.tag == f"{ATOM}feed"
    for element in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{element}")) == 1, element
    assert root.find(f"{ATOM}author/{ATOM}name").text
    for entry in root.findall(f"{ATOM}entry"):
        for element in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{element}")) == 1, element
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00\+09:00", entry.find(f"{ATOM}updated").text)


def test_feed_links_resolve(served: Built) -> None:
    feed = feedparser.parse(fetch(served.base + "feed.xml"))
    for entry in feed.entries:
        url, fragment = urldefrag(entry.link)
        assert url == served.base + f"changes/{fragment[:4]}/"
        assert f'id="{fragment}"' in fetch(url).decode("utf-8")
        for href in re.findall(r'href="([^"]+)"', entry.content[0].value):
            fetch(href)


def test_change_log_lists_every_value_under_its_date_on_its_years_page(served: Built) -> None:
    years = sorted({day[:4] for day in updates_by_date()}, reverse=True)
    for year in years:
        page = fetch(served.base + f"changes/{year}/").decode("utf-8")
        days = sorted((day for day in updates_by_date() if day.startswith(year)), reverse=True)
        assert re.findall(r'<h2 id="(\d{4}-\d\d-\d\d)"', page) == days
        for day in days:
            rows = updates_by_date()[day]
            table = re.search(rf'<dl [^>]*id="changes-{day}".*?</dl>', page, re.S).group(0)
            assert format_date(datetime.date.fromisoformat(day)) in page
            # a value each, under one term per indicator (issue 15: no repeated term for one indicator)
            assert table.count("<dd>") == len(rows)
            assert table.count("<dt>") == len({row["indicator_id"] for row in rows})
            for row in rows:
                indicator = indicators()[row["indicator_id"]]
                assert f'href="../../indicators/{row["indicator_id"]}/"' in table
                assert format_period(int(row["period"]), indicator["period_type"]) in table
                assert format_value(float(row["value"]), indicator["unit"]) in table
    assert not (served.root / "changes" / str(int(years[-1]) - 1)).exists()


def test_change_log_index_shows_the_newest_update_and_links_every_date(served: Built) -> None:
    page = fetch(served.base + "changes/").decode("utf-8")
    newest = max(updates_by_date())
    latest = re.search(rf'<dl [^>]*id="latest-{newest}".*?</dl>', page, re.S).group(0)
    assert latest.count("<dd>") == len(updates_by_date()[newest])
    linked = re.findall(r'<a href="(\d{4})/#(\d{4}-\d\d-\d\d)">', page)
    assert [day for _, day in linked] == sorted(updates_by_date(), reverse=True)
    assert all(day.startswith(year) for year, day in linked)


def test_every_page_announces_the_feed(served: Built) -> None:
    for html_file in sorted(served.root.rglob("*.html")):
        if html_file.name == "404.html":
            continue
        feeds = links_of(served, html_file).feeds
        assert len(feeds) == 1, html_file
        assert urljoin(page_url(served, html_file), feeds[0]) == served.base + "feed.xml"


# Links and pages -------------------------------------------------------------------------------------


def test_every_download_link_on_every_page_resolves(served: Built) -> None:
    downloads: dict[str, str] = {}
    for html_file in sorted(served.root.rglob("*.html")):
        url = page_url(served, html_file)
        for href in links_of(served, html_file).anchors:
            target = urldefrag(urljoin(url, href)).url
            if target.startswith(served.base) and DOWNLOAD.search(urlsplit(target).path):
                downloads.setdefault(target, url)
    expected = {served.base + f"data/{name}" for name in (
        "datapackage.json", "datapackage.zip", "datapackage.xlsx", "status.csv", "excel/status.csv",
    )} | {served.base + "feed.xml"}
    expected |= {served.base + f"data/{Path(r['path']).name}" for r in resources()}
    expected |= {served.base + f"data/excel/{Path(r['path']).name}" for r in resources()}
    expected |= {served.base + f"data/indicators/{key}.csv" for key in indicators()}
    assert expected <= set(downloads), expected - set(downloads)
    for target, page in sorted(downloads.items()):
        try:
            fetch(target)
        except urllib.error.HTTPError as error:
            pytest.fail(f"{page} links to {target}: HTTP {error.code}")


def test_indicator_pages_link_their_csv_and_say_how_to_cite(served: Built) -> None:
    for key, indicator in indicators().items():
        page = fetch(served.base + f"indicators/{key}/").decode("utf-8")
        assert f'href="../../data/indicators/{key}.csv"' in page
        rows = [r for r in observations() if r["indicator_id"] == key]
        updated = format_date(max(datetime.date.fromisoformat(r["published"]) for r in rows))
        assert "出典記載例" in page
        assert f"成果指標「{indicator['name']}」（{served.base}indicators/{key}/、{updated}更新）" in page
        assert f"この指標の最終更新: {updated}" in page
        csv_rows = list(csv.DictReader(io.StringIO(fetch(served.base + f"data/indicators/{key}.csv").decode("utf-8"))))
        assert [(r["period"], float(r["value"])) for r in csv_rows] == [(r["period"], float(r["value"])) for r in rows]


def test_data_page_has_licence_citation_and_dictionary(served: Built) -> None:
    page = fetch(served.base + "data/").decode("utf-8")
    licence = descriptor()["licenses"][0]
    assert f'<a href="{licence["path"]}">{licence["title"]}</a>' in page
    assert f"（{served.base}data/、{format_date(last_published())}更新）" in page
    assert "加工して作成" in page
    for resource in resources():
        fields = re.search(rf'<dl [^>]*id="fields-{resource["name"]}".*?</dl>', page, re.S).group(0)
        assert fields.count("<dt>") == len(resource["schema"]["fields"])
        for field in resource["schema"]["fields"]:
            assert f"<code>{field['name']}</code><br>{field['title']}</dt>" in fields
            assert field["description"] in fields
    for key in indicators():
        assert f'href="indicators/{key}.csv"' in page


def test_data_page_snippets_run_against_the_site(served: Built) -> None:
    """The pandas and frictionless snippets on /data/ work as pasted (their URLs are this site's)."""
    page = fetch(served.base + "data/").decode("utf-8")
    snippets = re.findall(r'<code class="language-python">(.*?)</code>', page, re.S)
    assert len(snippets) == 2
    pandas_snippet, frictionless_snippet = (html.unescape(s) for s in snippets)
    namespace: dict = {}
    exec(pandas_snippet, namespace)
    assert len(namespace["table"]) == len(observations())
    assert set(namespace["table"]["name"]) == {row["name"] for row in indicators().values()}
    namespace = {}
    exec(frictionless_snippet, namespace)
    assert len(namespace["observations"]) == len(observations())
    assert f"frictionless validate {served.base}data/datapackage.json" in html.unescape(page)


def test_home_page_links_change_log_and_feed_next_to_last_update(served: Built) -> None:
    page = fetch(served.base).decode("utf-8")
    updated = re.search(r'<p class="plansite-updated">.*?</p>', page, re.S).group(0)
    assert format_date(last_published()) in updated
    assert '<a href="changes/">更新履歴</a>' in updated and '<a href="feed.xml">' in updated


# Share and be found (issue 17): the catalogue, the indicator JSON and the embed pages on the built site


def test_catalogue_downloads_resolve_on_the_built_site(served: Built) -> None:
    """A harvester's view: every dcat:downloadURL of /data/catalog.jsonld is a file the site serves."""
    graph = rdflib.Graph().parse(data=fetch(served.base + "data/catalog.jsonld"), format="json-ld")
    urls = sorted(str(url) for url in graph.objects(None, rdflib.URIRef("http://www.w3.org/ns/dcat#downloadURL")))
    assert {served.base + f"data/{Path(r['path']).name}" for r in resources()} <= set(urls)
    for url in urls:
        assert url.startswith(served.base), url
        fetch(url)


def test_indicator_json_on_the_built_site_validates_against_the_published_schema(served: Built) -> None:
    schema = json.loads(fetch(served.base + "data/indicator.schema.json"))
    check = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for key in indicators():
        document = json.loads(fetch(served.base + f"data/indicators/{key}.json"))
        check.validate(document)
        assert document["$schema"] == served.base + "data/indicator.schema.json"
        assert document["url"] == served.base + f"indicators/{key}/"
        fetch(document["csv"])


def test_indicator_pages_link_their_json_and_have_an_embed_page(served: Built) -> None:
    for key in indicators():
        page = fetch(served.base + f"indicators/{key}/").decode("utf-8")
        assert f'href="../../data/indicators/{key}.json"' in page
        embed = fetch(served.base + f"indicators/{key}/embed/").decode("utf-8")
        assert embed.startswith("<!doctype html>") and 'id="values"' in embed


@pytest.mark.plan
def test_real_package_zip_is_complete_and_valid(tmp_path: Path) -> None:
    """The real package's downloads (data stage only): the zip holds the source document it cites."""
    package, tables = read_package(ROOT / "datapackage")
    files = data_files(model_site(package, tables, Settings("https://example.jp/plan/")), package, tables)
    sources = [s["path"] for s in package.descriptor["sources"] if s.get("path")]
    assert sources
    for path in sources:
        assert files[f"data/{path}"] == (ROOT / "datapackage" / path).read_bytes()
    with zipfile.ZipFile(io.BytesIO(files["data/datapackage.zip"])) as archive:
        assert set(sources) <= set(archive.namelist())
        archive.extractall(tmp_path)
    report = FrictionlessPackage(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    feed = feedparser.parse(files["feed.xml"])
    assert feed.bozo == 0 and len(feed.entries) == 1  # the baselines, all published on one day
    assert feed.feed.links[0].href == "https://example.jp/plan/feed.xml"


def test_default_site_url_is_mkdocs_default() -> None:
    """The feed and citations use the same address as MkDocs when SITE_URL is not set."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]', config, re.M)
    assert match and match.group(1) == DEFAULT_SITE_URL


# Units: the workbook writer and the feed's size ------------------------------------------------------

CELL_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"), min_size=1, max_size=20)
CELL = st.one_of(
    CELL_TEXT,
    st.integers(min_value=-(10**15), max_value=10**15),
    # Excel holds 15 significant digits (and XlsxWriter writes 16): the data's decimals have far fewer
    st.floats(allow_nan=False, allow_infinity=False, width=64).filter(lambda x: abs(x) < 1e300).map(lambda x: float(f"{x:.15g}")),
    st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2100, 12, 31)),
)


@settings(deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), CELL), min_size=1, max_size=4), min_size=1, max_size=6))
def test_workbook_writer_round_trips_any_cells(rows: list[list[object]]) -> None:
    """Text (with & < > quotes, spaces, emoji, kanji), integers, decimals and dates come back as written."""
    content = write_xlsx([Sheet("t", [["h"], *rows])], "作成者", "題名", (2019, 6, 28, 0, 0, 0))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            got = sheet.cell(row=r, column=c).value
            if isinstance(value, datetime.date):
                assert got == datetime.datetime(value.year, value.month, value.day)
            else:
                assert got == value, (r, c)


def test_workbook_writer_keeps_control_characters_out_of_the_xml() -> None:
    content = write_xlsx([Sheet("t", [["h"], ["a\x0bb"]])], "", "", (2019, 6, 28, 0, 0, 0))
    assert openpyxl.load_workbook(io.BytesIO(content)).active["A2"].value in ("a\x0bb", "a_x000B_b")


def test_feed_entry_lists_at_most_a_hundred_values(package: Path) -> None:
    """A first publication of many values stays a small entry that points to the change log."""
    path = package / "data" / "observations.csv"
    extra = "".join(f"partnership-awareness,{year},15,出典（テスト用）,,2020-07-01\n" for year in range(1950, 2010))
    extra += "".join(f"centre-users,{year},29000,出典（テスト用）,,2020-07-01\n" for year in range(1950, 2010))
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    site = read_site(package, "https://example.jp/")
    feed = feedparser.parse(render_feed(site))
    latest = feed.entries[0]
    assert latest.updated.startswith("2020-07-01")
    assert latest.content[0].value.count("<li>") == ENTRY_ITEMS
    assert f"ほか{120 - ENTRY_ITEMS}件は" in latest.content[0].value
    assert "120件の値を掲載しました" in latest.summary
    # The change log likewise: the newest update on /changes/ stops at the same number, its year's
    # page has every value
    pages = render_pages(site)
    index = pages["changes.md"]
    assert re.search(r'id="latest-2020-07-01">(.*?)</dl>', index, re.S)[1].count("<dd>") == ENTRY_ITEMS
    assert f'ほか{120 - ENTRY_ITEMS}件は<a href="2020/#2020-07-01">' in index
    assert re.search(r'id="changes-2020-07-01">(.*?)</dl>', pages["changes/2020.md"], re.S)[1].count("<dd>") == 120


def test_status_csv_has_a_table_schema_it_satisfies(tmp_path: Path) -> None:
    """status.csv is derived by the site, not a resource of the package: its Table Schema is published
    beside it, and frictionless validates the file against it (types, required cells, status codes)."""
    from frictionless import Resource, Schema

    from plansite.cli import main

    assert main(["--data", str(VALID), "--out", str(tmp_path / "out")]) == 0
    data = tmp_path / "out" / "docs" / "data"
    schema = json.loads((data / "status.schema.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in schema["fields"]] == next(csv.reader(io.StringIO((data / "status.csv").read_text(encoding="utf-8"))))
    assert all(f.get("description") and f.get("title") for f in schema["fields"])
    report = Resource(path="status.csv", basepath=str(data), schema=Schema.from_descriptor(schema)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])
    sheet = pd.read_excel(data / "datapackage.xlsx", sheet_name="fields")
    assert set(sheet[sheet["resource"] == "status"]["name"]) == {f["name"] for f in schema["fields"]}
