"""The yearly cycle's pages in the browser (issue 13): axe at desktop and phone width, a phone without
sideways scrolling, and the year's page printed on A4 as the counter copy, on the cycle fixture
(fictional reports) and on the real site (no report yet)."""

from __future__ import annotations

import pytest
from pages import new_page, report
from test_print import NAVIGATION, flat, print_pages

pytestmark = pytest.mark.browser

PAGES = ["reports/", "reports/2019/", "reports/2020/", "roles/", "indicators/registered-groups/"]


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation(cycle_site, browser, viewport, path):
    page = new_page(browser, viewport)
    report.open_page(page, cycle_site.at(path))
    violations = report.summarise(report.run_axe(page))["violations"]
    page.context.close()
    assert [(v["id"], v["help"], v["targets"][:5]) for v in violations] == []


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling_on_a_phone(cycle_site, phone, path):
    report.open_page(phone, cycle_site.at(path))
    widths = phone.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] == 375


def test_the_progress_table_stacks_on_a_phone(cycle_site, phone):
    """Each measure's row reads top to bottom on a phone: no cell squeezed beside another."""
    report.open_page(phone, cycle_site.at("reports/2019/"))
    boxes = phone.evaluate("""() => [...document.querySelectorAll('#progress-p1 tbody tr:first-child > *')]
        .map(cell => { const box = cell.getBoundingClientRect(); return [box.left, box.top, box.width]; })""")
    assert len(boxes) == 4
    lefts, tops, widths = zip(*boxes, strict=True)
    assert max(lefts) - min(lefts) < 2 and list(tops) == sorted(tops) and min(widths) > 300


def test_the_year_prints_on_a4_as_the_counter_copy(cycle_site, desktop):
    sheets = print_pages(desktop, cycle_site.at("reports/2019/"))
    text = flat(sheets)
    assert sheets[0].startswith("2019年度")  # no header or navigation before the title
    assert not [word for word in NAVIGATION if word in text]
    for shown in ("公表2020年10月30日(令和2年10月30日)", "一部実施", "未実施", "該当なし", "報告なし",
                  "審議会の評価と意見提言", "報道機関各位"):
        assert shown in text, shown


@pytest.mark.plan
def test_the_real_site_shows_the_empty_state_accessibly(real_site, desktop):
    report.open_page(desktop, real_site.at("reports/"))
    assert "まだ年次報告を掲載していません" in desktop.inner_text(".md-content")
    assert report.summarise(report.run_axe(desktop))["violations"] == []
