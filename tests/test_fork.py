"""A fork: another municipality publishes its own plan by changing data and configuration only (issue 14).

tests/fixtures/other-city/ is a fictional town (架空町, local government code 000000, every title and
source labelled テスト用の架空データ) with another plan, its own words (施策の柱, 数値目標), units (点,
件, 法人, 万人, 円), thresholds and status labels, five policies, no role division, no cycle and no
promotion page. Its site is built the way FORKING.md tells a fork to: a copy of this repository's
site files with datapackage/ replaced by the fork's package, the entries of mkdocs.yml that a fork
edits changed, and docs/promotion.md and docs/accessibility-results.json removed; src/, hooks/,
overrides/ and the templates as they are. Then it is read as a reader would: every page template,
the plan's words, each status worked out by hand, units as the data writes them, and not one word of
Shimonoseki's plan outside the hand-written pages that FORKING.md tells a fork to rewrite.

A copy of the real package without its role division, promotion page and cycle builds a clean site too.

The tests that look for Shimonoseki's words, or take Shimonoseki's package apart, are marked `plan`:
in a fork, whose datapackage/ and hand-written pages are its own, they are skipped (tests/plan.py).
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from html_reader import table_dicts, tables, text_of
from plansite.cli import main as build_data
from sites import ROOT, build_site, report

OTHER_CITY = ROOT / "tests" / "fixtures" / "other-city"
REAL = ROOT / "datapackage"
GUIDE = ROOT / "FORKING.md"

# The entries of mkdocs.yml a fork edits (FORKING.md), as the other town would write them
OTHER_CITY_SETTINGS = {
    "site_name": "架空町まちづくり総合戦略 数値目標の達成状況（テスト用の架空データ）",
    "site_description": "架空町まちづくり総合戦略の数値目標の達成状況を公表するサイト（テスト用の架空データ）",
    "site_author": "架空町（テスト用の架空データ）",
}
OTHER_CITY_NAV = {"成果指標": "数値目標", "基本方針": "施策の柱"}
# This repository's hand-written pages, which a fork rewrites for its own plan (FORKING.md says so)
HANDWRITTEN = {"method/": "docs/method.md", "accessibility/": "docs/accessibility.md", "promotion/": "docs/promotion.md"}
# Files that a fork's guide step removes: a page the plan does not have, results of upstream's site
REMOVED = ("docs/promotion.md", "docs/accessibility-results.json")
TEXT_FILES = (".html", ".xml", ".json", ".csv", ".txt")

# Each indicator's status by the method of design §6, worked out by hand with the town's thresholds
# (on_track 0.9, slightly_behind 0.5): id → (status, 達成率 as shown)
EXPECTED_STATUSES = {
    # b = 60点 (2020), T = 70点 (2025), a = 65.5点 (2023): e = 60 + 10·3/5 = 66, R = 5.5/6 = 0.917 ≥ 0.9
    # (by the default 0.95 it would be slightly-behind); rate = 5.5/10 = 55%
    "resident-satisfaction": ("on-track", "55.0%"),
    # decreasing to a target of 0: a = 0人 (2022年度) ≤ T = 0 before the target year; rate = −12/−12
    "waiting-children": ("achieved", "100.0%"),
    # b = 480件 (2020年度), T = 600件 (2025年度), a = 507件 (2022年度): e = 480 + 120·2/5 = 528,
    # R = 27/48 = 0.5625, in [0.5, 0.9) (by the default 0.60 it would be behind); rate = 27/120 = 22.5%
    "childcare-consultations": ("slightly-behind", "22.5%"),
    # target equal to the baseline (8法人, keep the level): a = 9 ≥ 8; rate and R undefined
    "new-corporations": ("achieved", "—"),
    # only the baseline (2021年度) is observed
    "migration-consultations": ("no-data", "—"),
    # decreasing: b = 12,000円 (2020年度), T = 10,000円 (2025年度), a = 11,800円 (2022年度):
    # e = 12,000 − 2,000·2/5 = 11,200, R = −200/−800 = 0.25 < 0.5; rate = −200/−2,000 = 10%
    "waste-cost": ("behind", "10.0%"),
    # decreasing to a target of 0: b = 15件 (2019), a = 2件 in the target year 2025 > 0; rate = −13/−15
    "illegal-dumping": ("not-achieved", "86.7%"),
    # b = 1.2万人 (2019), T = 1.5万人 (2025), a = 0.9万人 (2021): e = 1.3, R = −0.3/0.1 = −3 < 0
    "visitors": ("regressing", "-100.0%"),
    # target equal to the baseline (55%): a = 52.5% (2023) below it before the target year
    "town-pride": ("regressing", "—"),
}
# The town's own labels where it replaced the defaults (datapackage.json status.labels)
LABELS = {
    "achieved": "目標達成", "on-track": "おおむね順調", "slightly-behind": "やや遅れている", "behind": "遅れている",
    "regressing": "後退", "not-achieved": "未達成", "no-data": "実績未登録",
}
# Baseline, latest and target cells of the indicator list, as the data writes them (unit kinds:
# 万人 and 点 number, 件 and 法人 count, 円 money; 年 and 年度 periods)
EXPECTED_CELLS = {
    "resident-satisfaction": ("60点 2020年（令和2年）", "65.5点 2023年（令和5年）", "70点 2025年（令和7年）"),
    "waiting-children": ("12人 2020年度（令和2年度）", "0人 2022年度（令和4年度）", "0人 2024年度（令和6年度）"),
    "childcare-consultations": ("480件 2020年度（令和2年度）", "507件 2022年度（令和4年度）", "600件 2025年度（令和7年度）"),
    "new-corporations": ("8法人 2019年（平成31年・令和元年）", "9法人 2022年（令和4年）", "8法人 2024年（令和6年）"),
    "migration-consultations": ("35件 2021年度（令和3年度）", "未登録", "50件 2025年度（令和7年度）"),
    "waste-cost": ("12,000円 2020年度（令和2年度）", "11,800円 2022年度（令和4年度）", "10,000円 2025年度（令和7年度）"),
    "illegal-dumping": ("15件 2019年（平成31年・令和元年）", "2件 2025年（令和7年）", "0件 2025年（令和7年）"),
    "visitors": ("1.2万人 2019年（平成31年・令和元年）", "0.9万人 2021年（令和3年）", "1.5万人 2025年（令和7年）"),
    "town-pride": ("55% 2020年（令和2年）", "52.5% 2023年（令和5年）", "55% 2025年（令和7年）"),
}


# A fork, as FORKING.md makes one ----------------------------------------------------------------------


def make_fork(target: Path, package: Path, settings: dict[str, str] | None = None, nav: dict[str, str] | None = None) -> Path:
    """This repository's site files at `target` with `package` as its datapackage/, mkdocs.yml's
    `settings` lines and `nav` titles replaced, and the files of REMOVED deleted. The engine (src/)
    is the repository's own, unchanged: a link, not a copy."""
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__")
    for folder in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
    shutil.copytree(package, target / "datapackage", ignore=ignore)
    (target / "src").symlink_to(ROOT / "src", target_is_directory=True)
    for path in REMOVED:
        (target / path).unlink(missing_ok=True)  # a fork that runs these tests removed them already
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for key, value in (settings or {}).items():
        text, count = re.subn(rf"(?m)^{key}: .*$", f"{key}: {value}", text)
        assert count == 1, f"mkdocs.yml has no line {key}: (FORKING.md tells a fork to edit it)"
    for old, new in (nav or {}).items():
        text, count = re.subn(rf"(?m)^  - {old}: ", f"  - {new}: ", text)
        assert count == 1, f"mkdocs.yml's nav has no entry {old} (FORKING.md tells a fork to rename it)"
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def other_city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The other town's built site (mkdocs build --strict), as its fork publishes it."""
    work = tmp_path_factory.mktemp("other-city")
    fork = make_fork(work / "fork", OTHER_CITY, OTHER_CITY_SETTINGS, OTHER_CITY_NAV)
    return build_site(fork / "datapackage", work, root=fork)


def without_optional_parts(source: Path, target: Path) -> Path:
    """A copy of the package without the role division, the yearly cycle and the promotion page."""
    dropped = {"actors", "actions", "roles", "reports", "action_progress", "evaluations"}
    shutil.copytree(source, target)
    descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] in dropped:
            (target / resource["path"]).unlink()
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] not in dropped]
    del descriptor["site"]["promotion_page"]
    (target / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def real_without_optional_parts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real package's site without roles, promotion and the cycle: mkdocs.yml as it is (its nav
    lists roles.md and promotion.md), docs/promotion.md removed as a plan without that chapter would."""
    work = tmp_path_factory.mktemp("real-without-optional-parts")
    package = without_optional_parts(REAL, work / "package")
    fork = make_fork(work / "fork", package)
    return build_site(fork / "datapackage", work, root=fork)


# Reading the built site -------------------------------------------------------------------------------


class Nav(HTMLParser):
    """The titles and addresses of the primary navigation's entries (links to other pages)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[tuple[str, str]] = []
        self.href: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and "md-nav__link" in (attributes.get("class") or "") and not (attributes.get("href") or "#").startswith("#"):
            self.href, self.text = attributes["href"], []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.href is not None:
            self.entries.append(("".join(self.text).strip(), self.href))
            self.href = None

    def handle_data(self, data: str) -> None:
        if self.href is not None:
            self.text.append(data)


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append(value)


def nav_entries(page: Path) -> list[tuple[str, str]]:
    parser = Nav()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.entries


def headings(page: Path) -> list[str]:
    """The page's h1–h3 texts, without the permalink sign."""
    found = re.findall(r"<h([1-3])\b[^>]*>(.*?)</h\1>", page.read_text(encoding="utf-8"), re.S)
    return [text_of(inner).replace("¶", "").strip() for _, inner in found]


def badges(page: Path) -> list[tuple[str, str]]:
    """Every status badge of the page: (status code, label)."""
    pattern = r'<span class="plansite-status plansite-status--([a-z-]+)"><span aria-hidden="true">[^<]*</span> ([^<]*)</span>'
    return re.findall(pattern, page.read_text(encoding="utf-8"))


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def indicator_list(site: Path) -> dict[str, dict[str, str]]:
    """The rows of /indicators/ by indicator id, in the fixture's order (the list's order is the plan's)."""
    listed = table_dicts((site / "indicators" / "index.html").read_text(encoding="utf-8"), "indicator-list")
    ids = [row["indicator_id"] for row in rows(OTHER_CITY / "data" / "indicators.csv")]
    assert len(listed) == len(ids)
    return dict(zip(ids, listed, strict=True))


def page_of(site: Path, path: Path) -> str:
    """The address of a built file's page: indicators/visitors/index.html → indicators/visitors/."""
    relative = path.relative_to(site).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def texts_by_page(site: Path) -> dict[str, str]:
    """Every text file of the built site by the page it belongs to; the search index split into the
    pages its entries come from, so that a hand-written page's text there is counted as that page's."""
    texts: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        if path.suffix not in TEXT_FILES or not path.is_file():
            continue
        if path == site / "search" / "search_index.json":
            for doc in json.loads(path.read_text(encoding="utf-8"))["docs"]:
                key = "search:" + doc["location"].split("#")[0]
                texts[key] = texts.get(key, "") + doc["title"] + "\n" + doc["text"] + "\n"
        else:
            texts[page_of(site, path)] = path.read_text(encoding="utf-8")
    return texts


def shimonoseki_words() -> list[str]:
    """Words of Shimonoseki's plan that no page of another municipality's site may show: the city,
    its ordinance and council, its code, and the real package's actors, policies and indicators,
    read from datapackage/data/ now (so that a renamed actor is still looked for)."""
    data = REAL / "data"
    return ["下関", "しものせき", "市民協働参画", "352012"] + sorted(
        {row["name"] for row in rows(data / "actors.csv")}
        | {row["title"] for row in rows(data / "policies.csv")}
        | {row["name"] for row in rows(data / "indicators.csv")}
    )


def leaks(site: Path, words: list[str]) -> dict[str, list[str]]:
    """{page: the words found in it} over every text file of the built site."""
    found = {}
    for page, text in texts_by_page(site).items():
        hits = [word for word in words if word in text]
        if hits:
            found[page] = hits
    return found


def dead_links(site: Path) -> list[tuple[str, str]]:
    """(page, link) for each link or resource address in the built HTML that names no built file."""
    dead = []
    for page in sorted(site.rglob("*.html")):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.targets:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site, or a fragment of this page
            base = site if parts.path.startswith("/") else page.parent  # the 404 page's are absolute
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                dead.append((page_of(site, page), link))
    return dead


# The other town's site --------------------------------------------------------------------------------


def test_other_city_package_validates() -> None:
    assert build_data(["--check", "--data", str(OTHER_CITY)]) == 0


@pytest.mark.plan
def test_other_city_has_no_role_division_cycle_or_promotion_page() -> None:
    """What the fixture is meant to lack, so that the tests below test a plan without them."""
    descriptor = json.loads((OTHER_CITY / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == ["policies", "indicators", "observations"]
    assert sorted(p.name for p in (OTHER_CITY / "data").iterdir()) == ["indicators.csv", "observations.csv", "policies.csv"]
    assert "promotion_page" not in descriptor["site"]
    assert descriptor["publisher"]["local_government_code"] == "000000"
    assert len(rows(OTHER_CITY / "data" / "policies.csv")) != len(rows(REAL / "data" / "policies.csv"))


def test_every_page_template_renders(other_city: Path) -> None:
    site = other_city
    indicators = [row["indicator_id"] for row in rows(OTHER_CITY / "data" / "indicators.csv")]
    policies = [row["policy_id"] for row in rows(OTHER_CITY / "data" / "policies.csv")]
    years = sorted({row["published"][:4] for row in rows(OTHER_CITY / "data" / "observations.csv")})
    pages = ["", "indicators/", "policies/", "data/", "changes/", "method/", "accessibility/"]
    pages += [f"indicators/{i}/" for i in indicators] + [f"policies/{p}/" for p in policies] + [f"changes/{y}/" for y in years]
    for page in pages:
        path = site / page / "index.html"
        assert path.is_file(), page
        assert "テスト用の架空データ" in path.read_text(encoding="utf-8"), f"{page} is not labelled fictional"
    assert not (site / "roles").exists()
    assert not (site / "promotion").exists()
    assert sorted(p.name for p in (site / "indicators").iterdir() if p.is_dir()) == sorted(indicators)
    assert sorted(p.name for p in (site / "policies").iterdir() if p.is_dir()) == sorted(policies)


def test_navigation_has_the_towns_words_and_no_absent_part(other_city: Path) -> None:
    titles = [title for title, _ in nav_entries(other_city / "data" / "index.html")]
    assert titles == ["ホーム", "数値目標", "施策の柱", "評価の方法", "オープンデータ", "更新履歴", "アクセシビリティ"]
    for page in (other_city / "index.html", other_city / "data" / "index.html", other_city / "policies" / "kurashi" / "index.html"):
        text = page.read_text(encoding="utf-8")
        for absent in ("役割区分", "計画の推進", 'href="roles/', 'href="../roles/', 'href="promotion/', 'href="../promotion/'):
            assert absent not in text, (page, absent)


def test_site_name_copyright_and_publication_sentence_are_the_towns(other_city: Path) -> None:
    descriptor = json.loads((OTHER_CITY / "datapackage.json").read_text(encoding="utf-8"))
    home = (other_city / "index.html").read_text(encoding="utf-8")
    assert f"<title>ホーム - {descriptor['site']['name']}</title>" in home
    assert descriptor["site"]["copyright"] in text_of(home)
    assert descriptor["plan"]["publication"] in text_of(home)
    assert "架空町（テスト用の架空データ）（全国地方公共団体コード 000000）" in text_of(home)
    assert "<name>架空町（テスト用の架空データ）</name>" in (other_city / "feed.xml").read_text(encoding="utf-8")


def test_headings_use_the_towns_vocabulary(other_city: Path) -> None:
    site = other_city
    home = headings(site / "index.html")
    assert "数値目標の状況" in home
    assert "施策の柱 1 住み続けたいと思える町をつくる（架空）" in home
    assert "施策の柱 5 町の魅力を町の外に伝える（架空）" in home
    assert headings(site / "indicators" / "index.html")[0] == "数値目標の一覧"
    assert headings(site / "policies" / "index.html")[0] == "施策の柱"
    assert headings(site / "policies" / "kankyo" / "index.html")[:2] == ["施策の柱 4 きれいな環境を次の世代に残す（架空）", "数値目標"]
    assert "数値目標ごとのファイル" in headings(site / "data" / "index.html")
    [header] = tables((site / "indicators" / "index.html").read_text(encoding="utf-8"))["indicator-list"]["headers"]
    assert header == ["数値目標", "施策の柱", "推移", "現状値", "最新の実績値", "目標値", "達成率", "状況"]
    assert "数値目標「観光の入込客数（架空）」" in text_of(site / "indicators" / "visitors" / "index.html")  # the citation


def test_default_words_do_not_appear_where_the_town_replaced_them(other_city: Path) -> None:
    """基本方針, 成果指標 and 取組 are the engine's defaults the town replaced; 役割区分 and the town's
    own 役割分担 name a part it does not have. None appears outside this repository's own pages."""
    defaults = ["基本方針", "成果指標", "取組", "役割区分", "役割分担"]
    found = {
        page: hits for page, hits in leaks(other_city, defaults).items()
        if page.removeprefix("search:") not in HANDWRITTEN and page != "data/datapackage.json"  # the descriptor names its words
    }
    assert found == {}


def test_statuses_are_the_ones_the_method_gives(other_city: Path) -> None:
    """Each status as the method gives it with the town's thresholds, under the town's labels: on the
    indicator page, in the indicator list and in status.csv."""
    listed = indicator_list(other_city)
    status_csv = {row["indicator_id"]: row for row in rows(other_city / "data" / "status.csv")}
    assert set(EXPECTED_STATUSES) == set(listed) == set(status_csv)
    for indicator_id, (status, rate) in EXPECTED_STATUSES.items():
        page = other_city / "indicators" / indicator_id / "index.html"
        assert badges(page)[0] == (status, LABELS[status]), indicator_id
        row = listed[indicator_id]
        assert row["状況"].endswith(LABELS[status]), (indicator_id, row["状況"])
        assert row["達成率"] == rate, (indicator_id, row["達成率"])
        assert (status_csv[indicator_id]["status"], status_csv[indicator_id]["status_label"]) == (status, LABELS[status])
    every_badge = {badge for page in other_city.rglob("index.html") for badge in badges(page)}
    assert every_badge <= set(LABELS.items())
    assert {"on-track", "slightly-behind", "behind"} <= {code for code, _ in every_badge}


def test_the_calculation_states_the_towns_thresholds(other_city: Path) -> None:
    text = text_of(other_city / "indicators" / "resident-satisfaction" / "index.html")
    assert "R が 0.90 以上のため「おおむね順調」。" in text
    text = text_of(other_city / "indicators" / "childcare-consultations" / "index.html")
    assert "R が 0.50 以上 0.90 未満のため「やや遅れている」。" in text


def test_values_are_written_with_their_units(other_city: Path) -> None:
    listed = indicator_list(other_city)
    for indicator_id, cells in EXPECTED_CELLS.items():
        row = listed[indicator_id]
        assert (row["現状値"], row["最新の実績値"], row["目標値"]) == cells, indicator_id
    assert "1.5万人" in text_of(other_city / "index.html")
    assert "12,000円" in text_of(other_city / "indicators" / "waste-cost" / "index.html")


@pytest.mark.plan
def test_no_word_of_shimonosekis_plan_outside_the_pages_a_fork_rewrites(other_city: Path) -> None:
    found = leaks(other_city, shimonoseki_words())
    outside = {page: hits for page, hits in found.items() if page.removeprefix("search:") not in HANDWRITTEN}
    assert outside == {}, f"Shimonoseki's words in the other town's site: {outside}"


@pytest.mark.plan
def test_the_guide_tells_a_fork_to_rewrite_every_handwritten_page_that_speaks_of_shimonoseki(other_city: Path) -> None:
    """This repository's own pages are Shimonoseki's: each that leaks into the fork's build (or, for
    promotion.md, would) must be named in FORKING.md's list of pages a fork rewrites."""
    words = shimonoseki_words()
    built = {page.removeprefix("search:") for page in leaks(other_city, words)}
    assert built <= set(HANDWRITTEN)
    assert built, "no hand-written page leaks any more: FORKING.md's list of pages to rewrite may shrink"
    sources = {HANDWRITTEN[page] for page in built} | {
        f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md") if any(w in p.read_text(encoding="utf-8") for w in words)
    }
    guide = GUIDE.read_text(encoding="utf-8")
    rewrite = guide[guide.index("<!-- pages-to-rewrite -->"): guide.index("<!-- /pages-to-rewrite -->")]
    for source in sorted(sources):
        assert f"`{source}`" in rewrite, f"FORKING.md does not tell a fork to rewrite {source}"


def test_accessibility_results_name_the_pages_in_the_towns_words() -> None:
    """`make accessibility-report` in the town's fork names its pages 数値目標の一覧, not 成果指標の一覧."""
    words = report.plan_words(OTHER_CITY)
    names = {key: name.format_map(words) for key, (name, _) in report.TEMPLATES.items()}
    assert (names["indicator-list"], names["indicator"], names["policy-list"], names["policy"]) == (
        "数値目標の一覧", "数値目標のページ", "施策の柱の一覧", "施策の柱のページ")
    assert not [name for name in names.values() if "成果指標" in name or "基本方針" in name]


def test_every_link_of_the_other_towns_site_has_a_target(other_city: Path) -> None:
    assert dead_links(other_city) == []


def test_a_promotion_page_the_fork_removed_stops_the_build(tmp_path: Path) -> None:
    """The home page links site.promotion_page by address, which MkDocs does not check."""
    package = tmp_path / "package"
    shutil.copytree(OTHER_CITY, package)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["site"]["promotion_page"] = "promotion.md"
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    fork = make_fork(tmp_path / "fork", package, OTHER_CITY_SETTINGS, OTHER_CITY_NAV)
    with pytest.raises(RuntimeError, match=r"site\.promotion_page は「promotion\.md」ですが、docs/promotion\.md がありません"):
        build_site(fork / "datapackage", tmp_path / "work", root=fork)


# The real package without its optional parts ------------------------------------------------------------


@pytest.mark.plan
def test_real_package_without_optional_parts_builds_a_clean_site(real_without_optional_parts: Path) -> None:
    site = real_without_optional_parts
    assert not (site / "roles").exists()
    assert not (site / "promotion").exists()
    assert not (site / "reports").exists()
    assert dead_links(site) == []
    titles = [title for title, _ in nav_entries(site / "data" / "index.html")]
    assert "役割区分" not in titles and "計画の推進" not in titles
    assert titles[:3] == ["ホーム", "成果指標", "基本方針"]


@pytest.mark.plan
def test_real_package_without_roles_does_not_mention_them(real_without_optional_parts: Path) -> None:
    site = real_without_optional_parts
    # The package's own words may name it (its source is chapter 5, 「成果指標・役割区分」, and its
    # description, which /data/'s schema.org Dataset quotes in the head); the pages' don't
    descriptor = json.loads((REAL / "datapackage.json").read_text(encoding="utf-8"))
    sources = [s["title"] for s in descriptor["sources"]] + [descriptor["description"]]
    for page in ("", "data/", "policies/", "policies/p1/"):
        text = (site / page / "index.html").read_text(encoding="utf-8")
        for title in sources:
            text = text.replace(title, "")
        assert "役割区分" not in text, page
        assert "計画の推進体制と公表" not in text, page
    [header] = tables((site / "policies" / "index.html").read_text(encoding="utf-8"))["policy-list"]["headers"]
    assert header == ["基本方針", "成果指標の数", "状況"]


# CI ------------------------------------------------------------------------------------------------


def test_ci_runs_this_module() -> None:
    """CI runs .ci/run, which runs `make test`, whose pytest collects tests/ whole: this module with it."""
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"(?m)^\s+run: make test$", (ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"(?ms)^test:.*?\n((?:\t.*\n)+)", makefile).group(1)
    assert re.search(r"(?m)^\t\$\(PY\) -m pytest$", recipe), "make test must run pytest over its testpaths"
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert options["testpaths"] == ["tests"]
    assert "--ignore" not in options.get("addopts", "") and " -k" not in options.get("addopts", "")
    assert Path(__file__).resolve() == ROOT / "tests" / "test_fork.py"
