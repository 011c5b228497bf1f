"""Charts in the browser: the static chart shows at once and loads no plotly.js (design §7's page
weight and Lighthouse budgets); 「グラフを操作する」 swaps in plotly.js's interactive chart of the same
figure and back, keeps that choice on the next pages, and says so when plotly.js cannot be loaded."""

from __future__ import annotations

import pytest
from pages import follow, report

pytestmark = pytest.mark.browser

PAGE = "indicators/partnership-awareness/"
STATIC = ".plansite-chart svg.plansite-chart-wide"
INTERACTIVE = ".plansite-chart[data-interactive='true'] svg.main-svg"


def plotly_requests(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if "plotly" in request.url else None)
    return requests


def test_the_chart_shows_on_load_without_plotly(fixture_site, desktop):
    requests = plotly_requests(desktop)
    report.open_page(desktop, fixture_site.at(PAGE))
    chart = desktop.locator(STATIC)
    assert chart.is_visible() and chart.bounding_box()["width"] > 600
    assert chart.locator("circle").count() == 4  # the baseline and three actuals of the fixture
    assert desktop.locator(".plansite-chart-legend li").all_inner_texts() == [
        "実績値（現状値を含む）", "直線の経路（期待値）", "目標値", "網かけ: 現状値の年から目標年までの期間"]
    assert desktop.locator(".plansite-chart-toggle").is_visible()
    desktop.wait_for_load_state("networkidle")
    assert requests == [] and desktop.evaluate("() => typeof Plotly") == "undefined"


def test_without_javascript_the_chart_shows_and_no_dead_button(fixture_site, browser):
    context = browser.new_context(java_script_enabled=False, viewport=report.VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(fixture_site.at(PAGE))
    try:
        assert page.locator(STATIC).is_visible()
        assert not page.locator(".plansite-chart-toggle").is_visible()
    finally:
        context.close()


def test_the_button_swaps_in_the_interactive_chart_and_back(fixture_site, desktop):
    requests = plotly_requests(desktop)
    report.open_page(desktop, fixture_site.at(PAGE))
    button = desktop.locator(".plansite-chart-toggle")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    desktop.wait_for_selector(INTERACTIVE)
    assert button.get_attribute("aria-pressed") == "true"
    assert desktop.locator(STATIC).count() == 0
    assert len(requests) == 1
    # plotly.js shows a point's value on hover: the 2016 actual of the fixture
    point = desktop.locator(".plansite-chart .scatterlayer .trace").nth(1).locator("path.point").nth(1)
    point.evaluate("el => el.scrollIntoView({block: 'center'})")
    box = point.bounding_box()  # plotly's drag layer lies over the points: move the mouse, as a reader does
    desktop.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    desktop.wait_for_selector(".plansite-chart .hoverlayer .hovertext")
    assert "2016年: 12.5%" in desktop.locator(".plansite-chart .hoverlayer .hovertext").text_content()
    # pressed again: the static chart is back, and the keyboard focus is still on the button
    button.focus()
    desktop.keyboard.press("Enter")
    desktop.wait_for_selector(STATIC)
    assert button.get_attribute("aria-pressed") == "false"
    assert desktop.locator(".plansite-chart svg.main-svg").count() == 0
    assert desktop.evaluate("() => document.activeElement.classList.contains('plansite-chart-toggle')")


def test_the_choice_holds_on_the_next_pages_and_plotly_loads_once(fixture_site, desktop):
    requests = plotly_requests(desktop)
    report.open_page(desktop, fixture_site.at(PAGE))
    desktop.evaluate("() => { window.__marker = 1 }")
    desktop.locator(".plansite-chart-toggle").click()
    desktop.wait_for_selector(INTERACTIVE)
    follow(desktop, fixture_site, "indicators/", "indicators/", "成果指標の一覧")
    follow(desktop, fixture_site, "registered-groups/", "indicators/registered-groups/", "市民活動センター登録団体数")
    desktop.wait_for_selector(INTERACTIVE)
    assert desktop.evaluate("() => window.__marker") == 1  # instant navigation, not a reload
    assert desktop.locator(".plansite-chart-toggle").get_attribute("aria-pressed") == "true"
    assert len(requests) == 1


def test_a_failed_load_says_so_and_keeps_the_static_chart(fixture_site, desktop):
    desktop.route("**/plotly-basic-*.js", lambda route: route.abort())
    report.open_page(desktop, fixture_site.at(PAGE))
    desktop.locator(".plansite-chart-toggle").click()
    status = desktop.locator(".plansite-chart-status")
    status.filter(has_text="読み込めませんでした").wait_for()
    assert status.get_attribute("role") == "status"  # read out by screen readers
    assert desktop.locator(STATIC).is_visible()
    assert desktop.locator(".plansite-chart-toggle").get_attribute("aria-pressed") == "false"
    assert desktop.evaluate("() => sessionStorage.getItem('plansite-interactive-charts')") is None
    # the connection is back: pressing again works
    desktop.unroute("**/plotly-basic-*.js")
    desktop.locator(".plansite-chart-toggle").click()
    desktop.wait_for_selector(INTERACTIVE)
    assert status.inner_text() == ""


def test_axe_finds_no_violation_on_the_interactive_chart(fixture_site, desktop):
    report.open_page(desktop, fixture_site.at(PAGE))
    desktop.locator(".plansite-chart-toggle").click()
    desktop.wait_for_selector(INTERACTIVE)
    violations = report.summarise(report.run_axe(desktop))["violations"]
    assert [(v["id"], v["help"], v["targets"][:5]) for v in violations] == []
