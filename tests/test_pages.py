"""The generated pages, as a reader checks them: figures, statuses, links, roles, escaping, the built site.

Three packages: the real datapackage/ (baselines only, so every indicator is 実績未登録),
tests/fixtures/valid/ and tests/fixtures/statuses/ (made-up actuals, one indicator per status and edge
case; the numbers expected below were worked out by hand from the method on /method/). The tests of
Shimonoseki's own figures and roles are marked `plan`; the others hold for any plan's datapackage/.

Golden pages: tests/golden/<fixture>/<path> holds render_pages() of each fixture, byte for byte.
After an intended change to the pages, rewrite them with `UPDATE_GOLDEN=1 .venv/bin/pytest
tests/test_pages.py` and review the diff like any other change.

MkDocs builds run once per test session per package (session fixtures), into temporary folders.
"""

from __future__ import annotations

import csv
import difflib
import html
import io
import json
import math
import os
import posixpath
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st

from html_reader import table_dicts, tables
from packages import read_site
from plansite.chart import chart_figure
from plansite.fmt import format_number, format_period
from plansite.model import Site
from plansite.publish import STATUS_FIELDS, status_rows, to_csv
from plansite.render import render_pages
from seed import ACTORS, read_role_table
from sites import build_site

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
PACKAGES = {"real": ROOT / "datapackage", "valid": FIXTURES / "valid", "statuses": FIXTURES / "statuses"}
FIXTURE_NAMES = ("valid", "statuses")


# Reading packages and pages ----------------------------------------------------------------------


def status_csv(site: Site) -> bytes:
    return to_csv(STATUS_FIELDS, status_rows(site))


@pytest.fixture(scope="module")
def sites() -> dict[str, Site]:
    return {name: read_site(root) for name, root in PACKAGES.items()}


@pytest.fixture(scope="module")
def pages(sites: dict[str, Site]) -> dict[str, dict[str, str]]:
    """render_pages() of each package, with the default site address (citations name it)."""
    return {name: render_pages(site) for name, site in sites.items()}


def address(path: str) -> str:
    """The §5 address of a generated page: indicators/x.md → indicators/x/, index.md → ''."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def links(page_path: str, text: str) -> set[str]:
    """Every link target of a page, resolved to an address relative to the site root."""
    page = address(page_path)
    targets = set()
    for href in re.findall(r'href="([^"]*)"', text):
        href = html.unescape(href).split("#")[0]  # the page; fragments are checked where they are made
        if re.match(r"[a-z]+:", href) or not href:
            continue
        resolved = posixpath.normpath(posixpath.join(page or ".", href))
        resolved = "" if resolved == "." else resolved
        targets.add(resolved + "/" if href.endswith("/") and resolved else resolved)
    return targets


def plain(fragment: str) -> str:
    """Text as a reader sees it: tags dropped, <br> as a space, entities decoded, spaces collapsed."""
    text = re.sub(r"<br\s*/?>", " ", fragment)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return re.sub(r"\s+", " ", text).strip()


def block(text: str, css_class: str) -> str:
    """The inner HTML of the one <div class="css_class"> of a page (these blocks hold no <div>)."""
    found = re.findall(rf'<div class="{css_class}">(.*?)</div>', text, flags=re.DOTALL)
    assert len(found) == 1, (css_class, len(found))
    return found[0]


def status_of(fragment: str) -> tuple[str, str]:
    """(code, label) of the status badge in an HTML fragment."""
    match = re.search(r'plansite-status--([a-z-]+)"><span aria-hidden="true">[^<]*</span> ([^<]+)</span>', fragment)
    assert match, fragment
    return match.group(1), match.group(2)


def counts_by_status(text: str, table_id: str) -> dict[str, int]:
    """A status-count table as {label: count}; the badge's symbol (◎, ○, …) is dropped."""
    return {row["状況"].split()[-1]: int(row["指標の数"]) for row in table_dicts(text, table_id)}


# Golden pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", FIXTURE_NAMES)
def test_pages_equal_the_golden_files(fixture: str, pages: dict[str, dict[str, str]]) -> None:
    rendered = {path: text.encode("utf-8") for path, text in pages[fixture].items()}
    folder = GOLDEN / fixture
    if os.environ.get("UPDATE_GOLDEN") == "1":
        shutil.rmtree(folder, ignore_errors=True)
        for path, content in rendered.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(content)
    golden = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    hint = "intended? rewrite with UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_pages.py and review the diff"
    assert sorted(rendered) == sorted(golden), f"pages added or removed; {hint}"
    for path in sorted(rendered):
        if rendered[path] != golden[path]:
            diff = difflib.unified_diff(
                golden[path].decode("utf-8").splitlines(), rendered[path].decode("utf-8").splitlines(),
                f"golden/{fixture}/{path}", "rendered", lineterm="", n=1,
            )
            pytest.fail(f"{path} differs from its golden file; {hint}\n" + "\n".join(list(diff)[:40]))


def test_rendering_is_deterministic_whatever_the_row_order(tmp_path: Path, pages: dict[str, dict[str, str]]) -> None:
    """Same package, rows of every CSV in reverse order: the same pages (sorted output, no clock)."""
    copy = shutil.copytree(PACKAGES["statuses"], tmp_path / "statuses")
    for path in (copy / "data").glob("*.csv"):
        header, *rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
        rows[-1] = rows[-1] if rows[-1].endswith("\n") else rows[-1] + "\n"
        path.write_text(header + "".join(reversed(rows)), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SITE_URL", raising=False)
        again = render_pages(read_site(copy))
    assert again == pages["statuses"]


# Reachability ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PACKAGES)
def test_every_indicator_page_is_reachable_from_the_list_and_its_policy(name: str, sites, pages) -> None:
    site, rendered = sites[name], pages[name]
    from_list = links("indicators/index.md", rendered["indicators/index.md"])
    from_policy_index = links("policies/index.md", rendered["policies/index.md"])
    for indicator in site.indicators:
        target = f"indicators/{indicator.indicator_id}/"
        assert f"indicators/{indicator.indicator_id}.md" in rendered
        assert target in from_list, target
        policy_page = f"policies/{indicator.policy_id}.md"
        assert target in links(policy_page, rendered[policy_page]), (target, policy_page)
    for policy in site.policies:
        assert f"policies/{policy.policy_id}/" in from_policy_index


@pytest.mark.parametrize("name", PACKAGES)
def test_every_link_between_pages_has_a_target(name: str, pages) -> None:
    """Links to pages: generated ones, or the hand-written /method/ and /promotion/ (files: see below)."""
    rendered = pages[name]
    known = {address(path) for path in rendered} | {"method/", "promotion/"}
    for path, text in rendered.items():
        for target in links(path, text):
            if target == "" or target.endswith("/"):
                assert target in known, (path, target)


# The real package --------------------------------------------------------------------------------

# Baseline and target of each indicator as a reader must see them, written out by hand from the plan
# (datapackage/sources/plan-chapter5.txt): id → (baseline, its period, target, its period).
REAL_FIGURES = {
    "partnership-awareness": ("10.6%", "2014年（平成26年）", "15%", "2020年（令和2年）"),
    "city-participation": ("9.1%", "2014年（平成26年）", "15%", "2020年（令和2年）"),
    "centre-registered-groups": ("254団体", "2014年度（平成26年度）", "260団体", "2019年度（平成31年度・令和元年度）"),
    "collaborative-measures": ("59施策", "2014年（平成26年）", "70施策", "2020年（令和2年）"),
    "centre-use": ("4.1%", "2014年（平成26年）", "10%", "2020年（令和2年）"),
    "centre-awareness": ("7.4%", "2014年（平成26年）", "20%", "2020年（令和2年）"),
    "civic-activity-participation": ("29.3%", "2014年（平成26年）", "35%", "2020年（令和2年）"),
    "centre-users": ("28,239人", "2013年度（平成25年度）", "29,000人", "2019年度（平成31年度・令和元年度）"),
    "network-promotion-measures": ("4施策", "2014年（平成26年）", "10施策", "2020年（令和2年）"),
    "intermediary-support-groups": ("2団体", "2014年（平成26年）", "4団体", "2020年（令和2年）"),
}


def definition(text: str, term: str) -> str:
    """The text of <dd> after <dt>term</dt> on an indicator page."""
    found = re.findall(rf"<dt>{re.escape(term)}</dt><dd>(.*?)</dd>", text, flags=re.DOTALL)
    assert len(found) == 1, (term, found)
    return plain(found[0])


@pytest.mark.plan
def test_real_baselines_and_targets_are_formatted_on_each_page_and_the_list(sites, pages) -> None:
    rendered = pages["real"]
    indicators = {i.indicator_id: i for i in sites["real"].indicators}
    assert list(indicators) == list(REAL_FIGURES)
    rows = table_dicts(rendered["indicators/index.md"], "indicator-list")
    assert len(rows) == len(REAL_FIGURES)
    for row, (indicator_id, (baseline, since, target, by)) in zip(rows, REAL_FIGURES.items(), strict=True):
        page = rendered[f"indicators/{indicator_id}.md"]
        assert definition(page, "現状値") == f"{baseline} {since}", indicator_id
        assert definition(page, "目標値") == f"{target} {by}", indicator_id
        assert f"（現状値 {baseline}、{since}）" in plain(block(page, "plansite-status-block"))
        assert (row["現状値"], row["目標値"]) == (f"{baseline} {since}", f"{target} {by}"), indicator_id
        assert row["成果指標"].startswith(indicators[indicator_id].name), indicator_id


@pytest.mark.plan
def test_real_package_every_indicator_is_not_yet_assessable(sites, pages) -> None:
    """Baselines only: 実績未登録 everywhere, with the reason, and no rate."""
    site, rendered = sites["real"], pages["real"]
    for indicator in site.indicators:
        page = rendered[f"indicators/{indicator.indicator_id}.md"]
        status = block(page, "plansite-status-block")
        assert status_of(status) == ("no-data", "実績未登録")
        assert "より後の実績値がまだ登録されていないため、評価できません。" in plain(status)
        assert "評価できません" in plain(block(page, "plansite-calculation"))
    for row in table_dicts(rendered["indicators/index.md"], "indicator-list"):
        assert (row["最新の実績値"], row["達成率"], row["状況"].split()[-1]) == ("未登録", "—", "実績未登録")
    assert counts_by_status(rendered["index.md"], "home-status") == {"実績未登録": 10, "合計": 10}
    for policy in site.policies:
        n = len(policy.indicators)
        assert counts_by_status(rendered[f"policies/{policy.policy_id}.md"], "policy-status") == {"実績未登録": n, "合計": n}
    rows = list(csv.DictReader(io.StringIO(status_csv(site).decode("utf-8"))))
    assert [row["indicator_id"] for row in rows] == list(REAL_FIGURES)
    for row in rows:
        assert (row["status"], row["status_label"]) == ("no-data", "実績未登録")
        assert row["latest_period"] == row["latest_value"] == row["achievement_rate"] == row["progress_ratio"] == ""


@pytest.mark.plan
def test_roles_page_has_every_action_and_role_of_the_plan(sites, pages) -> None:
    """/roles/ against the plan's own 役割区分 table, as tests/seed.py reads it from the source text."""
    site, page = sites["real"], pages["real"]["roles.md"]
    plan = read_role_table()
    found = tables(page)
    assert sorted(plan) == [policy.number for policy in site.policies]
    for policy in site.policies:
        table = found[f"roles-{policy.policy_id}"]
        assert table["headers"] == [["取組", *ACTORS]]
        columns = plan[policy.number]
        expected_actions = {item for items in columns.values() for item in items}
        assert sorted(row[0] for row in table["rows"]) == sorted(expected_actions), policy.policy_id
        for name, *marks in table["rows"]:
            for actor, mark in zip(ACTORS, marks, strict=True):
                expected = "○担う" if name in columns[actor] else "－担わない"
                assert mark == expected, (policy.number, name, actor)
    # each actor's own list ("a way to see just one actor's roles"), in the plan's order
    sections = re.split(r'<h3 id="actor-[a-z0-9-]+">', page)[1:]
    assert [plain(section.split("</h3>")[0]) for section in sections] == [f"{actor}の役割" for actor in ACTORS]
    for actor, section in zip(ACTORS, sections, strict=True):
        lists = re.findall(r"<strong>基本方針 (\d+) [^<]*</strong>（(\d+) 件）</p>\n<ul>(.*?)</ul>", section)
        assert [int(number) for number, _, _ in lists] == sorted(plan)
        for number, count, items in lists:
            names = [plain(item) for item in re.findall(r"<li>(.*?)</li>", items)]
            expected = plan[int(number)][actor]
            assert names == (expected or ["（この基本方針ではなし）"]), (actor, number)
            assert int(count) == len(expected)


# The statuses fixture ----------------------------------------------------------------------------

# id → (status label, the 評価の計算 block's three substituted formulas), worked out by hand:
# b, T, a and the years are in tests/fixtures/statuses/data/; e and R rounded as the page shows them.
STATUS_PAGES = {
    "awareness": ("目標達成", [  # 10.6 → 15 % (2014–2020); 15.2 in 2018
        "(15.2 − 10.6) ÷ (15 − 10.6) × 100 = 104.5%",
        "10.6 + (15 − 10.6) × 4 ÷ 6 = 13.5333",
        "(15.2 − 10.6) ÷ (13.5333 − 10.6) = 1.57",
    ]),
    "participation": ("順調", [  # R = 2.09 / 2.2 = 0.95 exactly
        "(12.69 − 10.6) ÷ (15 − 10.6) × 100 = 47.5%",
        "10.6 + (15 − 10.6) × 3 ÷ 6 = 12.8",
        "(12.69 − 10.6) ÷ (12.8 − 10.6) = 0.95",
    ]),
    "complaints": ("遅れ", [  # decrease: 40 → 20 件; 36 in 2017
        "(36 − 40) ÷ (20 − 40) × 100 = 20.0%",
        "40 + (20 − 40) × 3 ÷ 6 = 30",
        "(36 − 40) ÷ (30 − 40) = 0.40",
    ]),
    "centre-users": ("やや遅れ", [  # the method page's worked example
        "(28,500 − 28,239) ÷ (29,000 − 28,239) × 100 = 34.3%",
        "28,239 + (29,000 − 28,239) × 3 ÷ 6 = 28,619.5",
        "(28,500 − 28,239) ÷ (28,619.5 − 28,239) = 0.69",
    ]),
    "joint-projects": ("順調", [  # baseline 0; 2014–2019 年度, 8 in 2017
        "(8 − 0) ÷ (12 − 0) × 100 = 66.7%",
        "0 + (12 − 0) × 3 ÷ 5 = 7.2",
        "(8 − 0) ÷ (7.2 − 0) = 1.11",
    ]),
    "venues": ("目標達成", [  # target equal to baseline, held: rate and R not computed
        "(3 − 3) ÷ (3 − 3) × 100 = —",
        "3 + (3 − 3) × 2 ÷ 5 = 3",
        "(3 − 3) ÷ (3 − 3) = —",
    ]),
    "volunteering": ("後退", [  # 9.1 → 15 %; 8 in 2016
        "(8 − 9.1) ÷ (15 − 9.1) × 100 = -18.6%",
        "9.1 + (15 − 9.1) × 2 ÷ 6 = 11.0667",
        "(8 − 9.1) ÷ (11.0667 − 9.1) = -0.56",
    ]),
    "measures": ("未達成", [  # 59 → 70 施策 by 2020; latest 68 in 2021, after the target year
        "(68 − 59) ÷ (70 − 59) × 100 = 81.8%",
        "59 + (70 − 59) × 6 ÷ 6 = 70",
        "(68 − 59) ÷ (70 − 59) = 0.82",
    ]),
    "intermediaries": ("実績未登録", [  # only a year before the baseline besides it
        "現状値（2014年（平成26年））より後の実績値がまだ登録されていないため、評価できません。",
        "達成率 = (a − 2) ÷ (4 − 2) × 100 で計算します",
    ]),
}
# (latest period, latest value, expected value, rate, R, status code) as status.csv must give them
STATUS_ROWS = {
    "awareness": (2018, 15.2, 13.533333, 104.545455, 1.568182, "achieved"),
    "participation": (2017, 12.69, 12.8, 47.5, 0.95, "on-track"),
    "complaints": (2017, 36, 30, 20, 0.4, "behind"),
    "centre-users": (2016, 28500, 28619.5, 34.296978, 0.685940, "slightly-behind"),
    "joint-projects": (2017, 8, 7.2, 66.666667, 1.111111, "on-track"),
    "venues": (2016, 3, 3, None, None, "achieved"),
    "volunteering": (2016, 8, 11.066667, -18.644068, -0.559322, "regressing"),
    "measures": (2021, 68, 70, 81.818182, 0.818182, "not-achieved"),
    "intermediaries": (None, None, None, None, None, "no-data"),
}


def test_statuses_fixture_shows_every_status() -> None:
    """The fixture exists to show each status; it must keep doing so, and say it is made up."""
    assert {label for label, _ in STATUS_PAGES.values()} == {
        "目標達成", "順調", "やや遅れ", "遅れ", "後退", "未達成", "実績未登録",
    }
    descriptor = json.loads((PACKAGES["statuses"] / "datapackage.json").read_text(encoding="utf-8"))
    assert "架空のデータ（テスト用）" in descriptor["title"]
    assert "架空のデータ（テスト用）" in descriptor["description"]


@pytest.mark.plan
def test_statuses_fixture_has_the_real_schema() -> None:
    descriptor = json.loads((PACKAGES["statuses"] / "datapackage.json").read_text(encoding="utf-8"))
    real = json.loads((PACKAGES["real"] / "datapackage.json").read_text(encoding="utf-8"))
    # the real package's resources but the optional yearly cycle (design §9), which this fixture lacks
    cycle = {"reports", "action_progress", "evaluations"}
    expected = [r for r in real["resources"] if r["name"] not in cycle]
    assert descriptor["resources"] == expected, "the fixture must keep the real package's schema"


@pytest.mark.parametrize("indicator_id", STATUS_PAGES)
def test_indicator_page_shows_its_status_and_calculation(indicator_id: str, sites, pages) -> None:
    label, formulas = STATUS_PAGES[indicator_id]
    page = pages["statuses"][f"indicators/{indicator_id}.md"]
    assert status_of(block(page, "plansite-status-block"))[1] == label
    calculation = block(page, "plansite-calculation")
    text = plain(calculation)
    for formula in formulas:
        assert formula in text, (indicator_id, formula, text)
    if label != "実績未登録":
        assert status_of(calculation)[1] == label  # the 判定 line
        # the values table shows the same e for the latest year as the calculation does
        indicator = next(i for i in sites["statuses"].indicators if i.indicator_id == indicator_id)
        latest = format_period(indicator.evaluation.latest_period, indicator.period_type)
        [row] = [row for row in table_dicts(page, "values") if row[indicator.period_type] == latest]
        assert row["直線の経路（期待値）"] == formulas[1].rsplit("= ", 1)[1] + indicator.unit


def test_indicator_list_shows_rate_and_status(sites, pages) -> None:
    rows = table_dicts(pages["statuses"]["indicators/index.md"], "indicator-list")
    expected_rates = {
        "awareness": "104.5%", "participation": "47.5%", "complaints": "20.0%", "centre-users": "34.3%",
        "joint-projects": "66.7%", "venues": "—", "volunteering": "-18.6%", "measures": "81.8%",
        "intermediaries": "—",
    }
    assert len(rows) == len(STATUS_PAGES)
    for row, indicator in zip(rows, sites["statuses"].indicators, strict=True):
        assert row["成果指標"].startswith(indicator.name)
        assert row["達成率"] == expected_rates[indicator.indicator_id]
        assert row["状況"].split()[-1] == STATUS_PAGES[indicator.indicator_id][0]


def test_home_and_policy_pages_count_indicators_by_status(pages) -> None:
    rendered = pages["statuses"]
    assert counts_by_status(rendered["index.md"], "home-status") == {
        "目標達成": 2, "順調": 2, "やや遅れ": 1, "遅れ": 1, "後退": 1, "未達成": 1, "実績未登録": 1, "合計": 9,
    }
    assert counts_by_status(rendered["policies/p1.md"], "policy-status") == {"目標達成": 1, "順調": 1, "遅れ": 1, "合計": 3}
    assert counts_by_status(rendered["policies/p2.md"], "policy-status") == {"目標達成": 1, "順調": 1, "やや遅れ": 1, "合計": 3}
    assert counts_by_status(rendered["policies/p3.md"], "policy-status") == {"後退": 1, "未達成": 1, "実績未登録": 1, "合計": 3}


def test_status_csv_has_one_row_per_indicator_with_the_right_codes(sites) -> None:
    site = sites["statuses"]
    rows = list(csv.DictReader(io.StringIO(status_csv(site).decode("utf-8"))))
    assert [row["indicator_id"] for row in rows] == [i.indicator_id for i in site.indicators]
    assert sorted(row["indicator_id"] for row in rows) == sorted(STATUS_ROWS)
    for row in rows:
        period, value, expected, rate, ratio, code = STATUS_ROWS[row["indicator_id"]]
        assert row["status"] == code, row
        assert row["status_label"] == STATUS_PAGES[row["indicator_id"]][0]
        assert row["latest_period"] == ("" if period is None else str(period))
        for field, number in (("latest_value", value), ("expected_value", expected),
                              ("achievement_rate", rate), ("progress_ratio", ratio)):
            if number is None:
                assert row[field] == "", (row["indicator_id"], field)
            else:
                assert float(row[field]) == pytest.approx(number, abs=5e-7), (row["indicator_id"], field)


# Charts ------------------------------------------------------------------------------------------


def figure_on_page(text: str) -> dict:
    found = re.findall(r'data-figure="([^"]*)"', text)
    assert len(found) == 1
    return json.loads(html.unescape(found[0]))


@pytest.mark.parametrize("name", PACKAGES)
def test_every_chart_is_a_valid_plotly_figure_with_the_indicators_numbers(name: str, sites, pages) -> None:
    for indicator in sites[name].indicators:
        figure = chart_figure(indicator)
        go.Figure(figure)  # plotly.py validates every property against the plotly.js schema
        assert figure_on_page(pages[name][f"indicators/{indicator.indicator_id}.md"]) == json.loads(json.dumps(figure))
        traces = [(list(trace["x"]), list(trace["y"])) for trace in figure["data"]]
        b, t0 = indicator.baseline.value, indicator.baseline_period
        target, t1 = indicator.target_value, indicator.target_period
        actuals = ([o.period for o in indicator.observations], [o.value for o in indicator.observations])
        assert ([t0, t1], [b, target]) in traces, "straight path from baseline to target"
        assert actuals in traces, "baseline and actuals"
        assert (b in actuals[1]) and (t0 in actuals[0])
        assert ([t1], [target]) in traces, "target"
        [period] = [s for s in figure["layout"]["shapes"] if s["type"] == "rect"]
        assert (period["x0"], period["x1"]) == (t0, t1), "plan period"


def svg_number(text: str, unit: str) -> float:
    """A tick label or a value as the chart writes it (30,000人, 12.5%) as a number."""
    return float(text.removesuffix(unit).replace(",", "").replace("−", "-"))


def read_chart(svg: str, unit: str) -> dict:
    """What a reader reads off a static chart: each axis as (label value, position) pairs, the points
    (their tooltip text and centre) and the target star, its size."""
    root = ElementTree.fromstring(svg)
    texts = [(group.get("text-anchor"), text) for group in root.iter("g") for text in group.iter("text")]
    return {
        "size": tuple(float(v) for v in root.get("viewBox").split()[2:]),
        "y_axis": [(svg_number(t.text, unit), float(t.get("y"))) for anchor, t in texts if anchor == "end"],
        "x_axis": [(int(t.text), float(t.get("x"))) for anchor, t in texts if anchor == "middle" and t.text.isdigit()],
        "points": [(c.findtext("title"), float(c.get("cx")), float(c.get("cy"))) for c in root.iter("circle")],
        "star": [(p.findtext("title"), p.get("d")) for p in root.findall("path") if p.get("fill") == "#b34700"],
    }


def axis_value(axis: list[tuple[float, float]], position: float) -> float:
    """Read a position off an axis, as a ruler does: between its first and last labelled ticks."""
    (v0, p0), (v1, p1) = axis[0], axis[-1]
    return v0 + (position - p0) * (v1 - v0) / (p1 - p0)


def test_static_charts_draw_every_number_where_the_axes_say(sites) -> None:
    """Both layouts of every chart: a point per observation with its period and value in its tooltip,
    at the year and value that the axes' labels give (within a pixel), inside the drawing; the star
    at the target; the value axis starts at zero and has the unit on each label."""
    from plansite.chart import NARROW, WIDE, chart_svg

    checked = 0
    for name in PACKAGES:
        for indicator in sites[name].indicators:
            unit, kind = indicator.unit, indicator.period_type
            for layout in (WIDE, NARROW):
                chart = read_chart(chart_svg(indicator, layout), unit)
                width, height = chart["size"]
                y_axis, x_axis = chart["y_axis"], chart["x_axis"]
                assert y_axis[0][0] == 0 and len(y_axis) >= 3, "value axis from zero"
                assert 3 <= len(x_axis) <= layout.max_x_ticks or len(x_axis) == len({o.period for o in indicator.observations} | {indicator.target_period})
                pixel = abs(axis_value(y_axis, 0) - axis_value(y_axis, 1))
                expected = [
                    (f"{'現状値' if o.period == indicator.baseline_period else '実績値'} {format_period(o.period, kind)}: {format_number(o.value)}{unit}", o.period, o.value)
                    for o in indicator.observations
                ]
                titles = [title for title, _, _ in expected] if layout.titles else [None] * len(expected)
                assert [title for title, _, _ in chart["points"]] == titles
                for (_, cx, cy), (_, year, value) in zip(chart["points"], expected, strict=True):
                    assert 0 < cx < width and 0 < cy < height
                    assert axis_value(x_axis, cx) == pytest.approx(year, abs=0.01)
                    assert axis_value(y_axis, cy) == pytest.approx(value, abs=pixel)
                [(title, path)] = chart["star"]
                if layout.titles:
                    assert title == f"目標値 {format_period(indicator.target_period, kind)}: {format_number(indicator.target_value)}{unit}"
                top_x, top_y = (float(v) for v in path[1:].split("L")[0].split(","))
                assert axis_value(x_axis, top_x) == pytest.approx(indicator.target_period, abs=0.01)
                assert axis_value(y_axis, top_y + 8.5) == pytest.approx(indicator.target_value, abs=pixel)
                checked += 1
    assert checked == 2 * sum(len(site.indicators) for site in sites.values())


def test_static_chart_escapes_the_data(sites) -> None:
    from dataclasses import replace

    from plansite.chart import WIDE, chart_svg, legend

    indicator = replace(sites["statuses"].indicators[0], unit="<b>人", period_type="年&")
    svg = chart_svg(indicator, WIDE)
    ElementTree.fromstring(svg)  # well-formed
    assert "<b>" not in svg and "&lt;b&gt;人" in svg and "年&amp;" in svg
    assert "<script" not in legend()


@pytest.mark.parametrize("name", ["real", "valid"])
def test_every_link_to_a_place_on_a_page_finds_it_in_the_built_site(name: str, built, pages) -> None:
    """Links with a #fragment (the change log's dates, the data page's sections) are raw HTML, which
    `mkdocs build --strict` does not check: each must name an id of its target page as built (heading
    ids come from Markdown's toc)."""
    root = built(name).root
    checked = 0
    for path, text in pages[name].items():
        page = address(path)
        for href in sorted(set(re.findall(r'href="([^"]*#[^"]*)"', text))):
            target, fragment = html.unescape(href).split("#", 1)
            if re.match(r"[a-z]+:", target):
                continue
            resolved = posixpath.normpath(posixpath.join(page or ".", target or "."))
            built_page = root / ("" if resolved == "." else resolved) / "index.html"
            assert f'id="{fragment}"' in built_page.read_text(encoding="utf-8"), (path, href)
            checked += 1
    assert checked > 0


def test_built_pages_hold_what_markdown_makes_of_them(built) -> None:
    """The hook adds the generated pages and leaves them to MkDocs: each built page holds, unchanged,
    what Python-Markdown alone makes of its Markdown with the site's extensions (less the marks of
    raw HTML blocks, which the hook takes out: tests/test_markdown_fast_path.py)."""
    import markdown
    from mkdocs.config import load_config
    from mkdocs.utils import meta

    config = load_config(str(ROOT / "mkdocs.yml"))
    site = built("valid").root
    generated = site.parent / "generated" / "docs"
    checked = 0
    for path in sorted(generated.rglob("*.md")):
        text, _ = meta.get_data(path.read_text(encoding="utf-8"))
        text = text.replace("<!--plansite:raw unindexed-->\n", "").replace("<!--plansite:raw-->\n", "")
        made = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs).convert(text)
        address = path.relative_to(generated).as_posix()
        address = address.removesuffix("index.md") if address.endswith("index.md") else address.removesuffix(".md") + "/"
        built_page = (site / address / "index.html").read_text(encoding="utf-8")
        assert made in built_page, address
        checked += 1
    assert checked > 10


# Figures as statistics publish them: zero, or from a millionth to a trillion, either sign
FIGURES = st.one_of(st.just(0.0), st.floats(1e-6, 1e12), st.floats(-1e12, -1e-6))


@given(FIGURES, FIGURES, st.integers(min_value=3, max_value=12))
def test_value_axis_ticks_cover_the_values_from_zero(a: float, b: float, max_ticks: int) -> None:
    from plansite.chart import value_ticks

    low, high = min(a, b), max(a, b)
    bottom, top, ticks = value_ticks(low, high, max_ticks)
    assert bottom <= min(low, 0) and top >= max(high, 0) and top > bottom, "every value and zero inside the axis"
    assert 0 in ticks and len(ticks) <= max_ticks + 1
    assert all(bottom - 1e-9 * abs(bottom) <= t <= top + 1e-9 * abs(top) for t in ticks)
    steps = [later - earlier for earlier, later in zip(ticks, ticks[1:], strict=False)]
    assert steps == pytest.approx([steps[0]] * len(steps), rel=1e-6), "evenly spaced"
    if steps:
        mantissa = steps[0] / 10 ** math.floor(math.log10(steps[0]))
        assert round(mantissa, 6) in (1, 2, 2.5, 5, 10), steps[0]


# Built sites (mkdocs build --strict, once per session per package) -------------------------------


@pytest.fixture(scope="session")
def real_site(built) -> Path:
    return built("real").root


SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="session")
def escaped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The statuses fixture with markup in an indicator name and an action name."""
    package = shutil.copytree(PACKAGES["statuses"], tmp_path_factory.mktemp("escaped") / "package")
    for file, old in (("indicators.csv", ",協働の認知度,"), ("actions.csv", ",協働についての情報の提供\n")):
        path = package / "data" / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1
        new = old.replace("の", f"の{SCRIPT}*emphasis*", 1)
        path.write_text(text.replace(old, new), encoding="utf-8")
    return build_site(package, package.parent)


def test_text_from_the_data_is_escaped_in_the_built_site(escaped_site: Path) -> None:
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;*emphasis*"
    for page in ("indicators/awareness/", "indicators/", "", "policies/p1/", "roles/"):
        text = (escaped_site / page / "index.html").read_text(encoding="utf-8")
        assert escaped in text, page
    for path in sorted(escaped_site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text, path.relative_to(escaped_site)
        assert "<em>emphasis</em>" not in text, path.relative_to(escaped_site)
    # the title, header and description, which the theme writes without escaping
    page = (escaped_site / "indicators" / "awareness" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>協働の&lt;script&gt;", page)
    assert f'content="成果指標「協働の{escaped}認知度」' in page


def read_rows(package: Path, name: str) -> list[dict[str, str]]:
    with open(package / "data" / f"{name}.csv", encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def test_real_site_builds_with_every_address(real_site: Path, pages) -> None:
    """`mkdocs build --strict` of the package in datapackage/, whichever plan it is: the stable
    addresses of design §5."""
    package = PACKAGES["real"]
    for row in read_rows(package, "indicators"):
        page = (real_site / "indicators" / row["indicator_id"] / "index.html").read_text(encoding="utf-8")
        assert re.search(r"<h1[^>]*>" + re.escape(html.escape(row["name"], quote=False)) + "<", page), row["indicator_id"]
    for row in read_rows(package, "policies"):
        assert (real_site / "policies" / row["policy_id"] / "index.html").is_file()
    for page in ("", "indicators/", "policies/", "method/", "data/"):
        assert (real_site / page / "index.html").is_file(), page
    # every link of every generated page leads to a page or a file of the built site
    for path, text in pages["real"].items():
        for target in links(path, text):
            built = real_site / target / "index.html" if target == "" or target.endswith("/") else real_site / target
            assert built.is_file(), (path, target)
    canonical = [package / "datapackage.json", *sorted((package / "data").glob("*.csv"))]
    for path in canonical:
        assert (real_site / "data" / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.plan
def test_real_site_has_every_page_of_shimonoseki_s_plan(real_site: Path) -> None:
    """Shimonoseki's site: ten indicators, none assessable yet, the optional pages, and ten files."""
    package = PACKAGES["real"]
    indicators = read_rows(package, "indicators")
    assert len(indicators) == 10
    for row in indicators:
        assert "実績未登録" in (real_site / "indicators" / row["indicator_id"] / "index.html").read_text(encoding="utf-8")
    for page in ("roles/", "promotion/"):
        assert (real_site / page / "index.html").is_file(), page
    canonical = [package / "datapackage.json", *sorted((package / "data").glob("*.csv"))]
    assert len(canonical) == 10  # the descriptor, six resources of design §2 and three of the cycle (§9)
