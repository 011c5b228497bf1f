"""Two builds of one commit give byte-identical sites (design §7).

The fixture package is built twice, data stage and `mkdocs build --strict`, into two different
temporary folders, with SOURCE_DATE_EPOCH set as `make build` and the Pages workflow set it (the
commit's time). Every file of the two sites is compared byte for byte: pages, search index, sitemap
and its gzip, the zip and the workbook. A clock, a random id, a set's order or a temporary path that
leaks into the output shows up as a differing file, named in the failure.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest

from sites import build_site

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "valid"
# A date far from today: if the sitemap showed the build clock instead, the test would notice.
EPOCH = int(datetime.datetime(2021, 6, 30, 12, tzinfo=datetime.UTC).timestamp())


def build(work: Path) -> Path:
    return build_site(FIXTURE, work, "https://example.org/plan/", SOURCE_DATE_EPOCH=str(EPOCH))


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    first = files_of(build(tmp_path_factory.mktemp("build-a")))
    second = files_of(build(tmp_path_factory.mktemp("build-b")))
    return first, second


def test_two_builds_give_the_same_files_byte_for_byte(two_builds: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    first, second = two_builds
    only_first = sorted(first.keys() - second.keys())
    only_second = sorted(second.keys() - first.keys())
    assert not only_first and not only_second, f"files in one build only: {only_first} / {only_second}"
    differing = sorted(path for path in first if first[path] != second[path])
    assert not differing, f"{len(differing)} of {len(first)} files differ between two builds: {differing}"


def test_the_comparison_covers_the_files_a_clock_would_change(two_builds: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    """Archives and compressed files carry timestamps of their own; they must be among the compared."""
    first, _ = two_builds
    for path in ("index.html", "indicators/partnership-awareness/index.html", "search/search_index.json",
                 "sitemap.xml", "sitemap.xml.gz", "data/datapackage.zip", "data/datapackage.xlsx"):
        assert path in first, path


def test_sitemap_dates_come_from_source_date_epoch_not_the_clock(two_builds: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    first, _ = two_builds
    sitemap = first["sitemap.xml"].decode("utf-8")
    dates = set(line.strip() for line in sitemap.splitlines() if "<lastmod>" in line)
    assert dates == {"<lastmod>2021-06-30</lastmod>"}


def test_the_search_index_carries_japanese_as_utf8(two_builds: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    """Every visitor downloads the index: a kana or kanji is three bytes in UTF-8, six as a \\u escape
    (hooks/generated.py rewrites Material's index)."""
    first, _ = two_builds
    text = first["search/search_index.json"].decode("utf-8")
    index = json.loads(text)
    assert any("協働" in doc["title"] + doc["text"] for doc in index["docs"])
    assert "協働" in text
    assert not re.search(r"(?<!\\)\\u[3-9][0-9a-fA-F]{3}", text), "Japanese left as \\u escapes"


def test_the_search_index_has_each_indicator_but_not_its_year_by_year_numbers(
    two_builds: tuple[dict[str, bytes], dict[str, bytes]],
) -> None:
    """The index is downloaded by every visitor; the values table and the arithmetic, half of it for
    many indicators, are left out (render.py marks their headings data-search-exclude)."""
    first, _ = two_builds
    docs = json.loads(first["search/search_index.json"])["docs"]
    page = [doc for doc in docs if doc["location"].startswith("indicators/partnership-awareness/")]
    titles = {doc["title"] for doc in page}
    assert {"協働の認知度", "指標の定義と出典"} <= titles
    assert not titles & {"数値の表", "評価の計算"}
    assert not any("架空市 市民意識調査 2016年" in doc["text"] for doc in page), "a year's source from the values table"
