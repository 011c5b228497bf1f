"""The site in a browser (issue 3): charts show on a direct visit, and after a click the page is
replaced by instant navigation (no full reload), with the new page's chart shown too."""

from __future__ import annotations

import pytest
from pages import follow, report

pytestmark = pytest.mark.browser

DRAWN = ".plansite-chart svg.plansite-chart-wide >> visible=true"


def heading(page) -> str:
    return page.locator("h1").inner_text().removesuffix("¶")  # ¶: the permalink


def test_home_indicator_and_roles_pages_open(fixture_site, desktop):
    report.open_page(desktop, fixture_site.at(""))
    assert heading(desktop).endswith("進捗状況")
    report.open_page(desktop, fixture_site.at("indicators/partnership-awareness/"))
    assert desktop.locator(DRAWN).count() >= 1
    report.open_page(desktop, fixture_site.at("roles/"))
    assert heading(desktop) == "役割区分"


def test_instant_navigation_draws_the_chart_of_the_new_page(fixture_site, desktop):
    report.open_page(desktop, fixture_site.at(""))
    desktop.evaluate("() => { window.__marker = 1 }")
    follow(desktop, fixture_site, "indicators/partnership-awareness/", "indicators/partnership-awareness/", "協働の認知度")
    desktop.wait_for_selector(DRAWN)
    assert desktop.evaluate("() => window.__marker") == 1  # the same document: no full reload
    assert heading(desktop) == "協働の認知度"


def test_instant_navigation_from_one_chart_to_another(fixture_site, desktop):
    report.open_page(desktop, fixture_site.at("indicators/"))
    desktop.evaluate("() => { window.__marker = 1 }")
    follow(desktop, fixture_site, "registered-groups/", "indicators/registered-groups/", "市民活動センター登録団体数")
    desktop.wait_for_selector(DRAWN)
    assert desktop.evaluate("() => window.__marker") == 1


def test_search_dialog_has_a_name_after_instant_navigation(fixture_site, desktop):
    """Screen readers announce the search box by name (Lighthouse aria-dialog-name), on every page."""
    report.open_page(desktop, fixture_site.at(""))
    assert desktop.get_attribute(".md-search[role=dialog]", "aria-label") == "検索"
    follow(desktop, fixture_site, "roles/", "roles/")
    assert desktop.get_attribute(".md-search[role=dialog]", "aria-label") == "検索"
