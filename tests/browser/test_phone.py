"""A phone (375 px wide): the page never scrolls sideways, wide tables scroll inside themselves, and
links that stand alone (navigation, lists, buttons) are at least 24 × 24 px to tap."""

from __future__ import annotations

import pytest
from pages import report, templates_of

from sites import PACKAGES

pytestmark = pytest.mark.browser

# The real site's templates are the ones it has: all of them upstream (test_accessibility.py checks that)
CASES = [("real", key) for key in templates_of(PACKAGES["real"])] + [
    ("fixture", key) for key in ("home", "indicator-list", "indicator", "policy", "roles", "data", "changes", "changes-year")
]

# Targets that are not inline in a sentence: WCAG 2.5.8 exempts those in a line of text
TAP_TARGETS = """() => [...document.querySelectorAll(
        '.md-nav__link, .md-header__button, .md-footer a, .md-typeset .headerlink, .md-content li a, ' +
        '.plansite-actor-nav a, .plansite-card a')]
    .filter(el => el.getClientRects().length > 0)
    .map(el => { const box = el.getBoundingClientRect();
                 return {text: el.textContent.trim().slice(0, 30), width: box.width, height: box.height}; })"""


@pytest.mark.parametrize(("site_name", "template"), CASES)
def test_no_sideways_scrolling_and_targets_big_enough(site_name, template, sites, phone):
    site = sites(site_name)
    report.open_page(phone, site.at(site.templates[template]))
    widths = phone.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    targets = phone.evaluate(TAP_TARGETS)
    assert widths[0] <= widths[1] == 375
    assert len(targets) > 5
    assert [t for t in targets if t["width"] < 24 or t["height"] < 24] == []


def test_a_wide_table_scrolls_inside_its_wrapper(fixture_site, phone):
    report.open_page(phone, fixture_site.at("indicators/partnership-awareness/"))
    wrapper = phone.locator(".plansite-table", has=phone.locator("#values"))
    scroll_width, client_width, right = wrapper.evaluate(
        "el => [el.scrollWidth, el.clientWidth, el.getBoundingClientRect().right]")
    assert scroll_width > client_width  # the table is wider than the screen …
    assert right <= 375  # … and its wrapper is not
    assert wrapper.evaluate("el => getComputedStyle(el).overflowX") == "auto"


def test_the_phone_gets_the_narrow_chart_with_readable_labels(fixture_site, phone):
    report.open_page(phone, fixture_site.at("indicators/partnership-awareness/"))
    assert not phone.locator(".plansite-chart svg.plansite-chart-wide").is_visible()
    chart = phone.locator(".plansite-chart svg.plansite-chart-narrow")
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["width"] > 300
    label = chart.locator("text").first.bounding_box()
    assert label["height"] >= 12  # 13 units of a 360-unit drawing, shown about 343 px wide
