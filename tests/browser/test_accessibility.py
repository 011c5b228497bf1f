"""Accessibility in the browser: axe-core's WCAG 2.0/2.1 A and AA rules on every page template, at
desktop and phone width, on the fixture site and the real one; keyboard-only use; text alternatives."""

from __future__ import annotations

import pytest
from pages import new_page, report, templates_of

from plan import is_upstream
from sites import PACKAGES

pytestmark = pytest.mark.browser

# Hand-written pages are the same on both sites: they are checked on the real one only
GENERATED = ["home", "indicator-list", "indicator", "policy-list", "policy", "roles", "data", "changes", "changes-year"]
CASES = [("real", key) for key in templates_of(PACKAGES["real"])] + [("fixture", key) for key in GENERATED]


def test_every_template_of_the_real_site_is_checked():
    """Upstream, Shimonoseki's site has every page template, so each is checked above; a fork's
    site, the ones it has (it has the generated ones at least)."""
    checked = templates_of(PACKAGES["real"])
    if is_upstream():
        assert checked == list(report.TEMPLATES)
    assert {"home", "indicator-list", "indicator", "policy-list", "policy", "data", "changes", "changes-year"} <= set(checked)


@pytest.mark.parametrize(("site_name", "template"), CASES)
def test_axe_finds_no_violation(site_name, template, sites, browser, viewport):
    site = sites(site_name)
    page = new_page(browser, viewport)
    report.open_page(page, site.at(site.templates[template]))
    violations = report.summarise(report.run_axe(page))["violations"]
    page.context.close()
    assert [(v["id"], v["help"], v["targets"][:5]) for v in violations] == []


def test_axe_runs_the_wcag_rules_that_matter_here(fixture_site, desktop):
    """The run is not vacuous: contrast, link names, table headers and the chart's image role are checked."""
    report.open_page(desktop, fixture_site.at("indicators/partnership-awareness/"))
    passes = set(report.summarise(report.run_axe(desktop))["passes"])
    assert {"color-contrast", "link-name", "th-has-data-cells", "role-img-alt", "html-has-lang",
            "scrollable-region-focusable"} <= passes


FOCUSABLE_TARGETS = """() => {
    const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const targets = [...document.querySelectorAll(
        '.md-content a[href], .md-sidebar--primary a[href], .md-header a[href], .md-footer a[href], .plansite-table')]
        .filter(visible);
    targets.forEach((el, i) => el.dataset.tabTarget = i);
    return targets.map(el => el.textContent.trim().slice(0, 40) || el.getAttribute('href'));
}"""


@pytest.mark.parametrize("path", ["", "indicators/partnership-awareness/", "roles/", "policies/p1/"])
def test_tab_reaches_every_link_and_every_table(fixture_site, desktop, path):
    report.open_page(desktop, fixture_site.at(path))
    targets = desktop.evaluate(FOCUSABLE_TARGETS)
    assert len(targets) > 5
    reached = set()
    for _ in range(len(targets) * 3 + 20):
        desktop.keyboard.press("Tab")
        index = desktop.evaluate("() => document.activeElement.dataset.tabTarget")
        if index is not None:
            reached.add(int(index))
        if len(reached) == len(targets):
            break
    assert [t for i, t in enumerate(targets) if i not in reached] == []


def test_keyboard_scrolls_a_wide_table_on_a_phone(fixture_site, phone):
    """The data table wrapper takes focus, and the arrow keys scroll it sideways (not the page)."""
    report.open_page(phone, fixture_site.at("indicators/partnership-awareness/"))
    wrapper = phone.locator(".plansite-table", has=phone.locator("#values"))
    assert wrapper.evaluate("el => el.scrollWidth > el.clientWidth")
    wrapper.focus()
    for _ in range(5):
        phone.keyboard.press("ArrowRight")
    phone.wait_for_function("() => document.activeElement.scrollLeft > 0")
    assert phone.evaluate("() => window.scrollX") == 0


def test_chart_has_a_text_alternative_with_its_numbers(fixture_site, desktop):
    report.open_page(desktop, fixture_site.at("indicators/partnership-awareness/"))
    chart = desktop.locator(".plansite-chart")
    assert chart.get_attribute("role") == "img"
    label = chart.get_attribute("aria-label")
    assert "現状値 10%" in label and "最新の実績値 14.5%" in label and "目標値 20%" in label
    actuals = desktop.locator("#values tbody tr td:nth-of-type(1)").all_inner_texts()
    assert [text for text in actuals if text != "未登録"] == ["10%", "12.5%", "13%", "14.5%"]
