"""The accessibility page publishes the policy and the committed automated results, as axe gave them."""

from __future__ import annotations

import datetime
import json
import re
from importlib.metadata import version

import pytest
from pages import ROOT, report

RESULTS_FILE = ROOT / "docs" / "accessibility-results.json"
# Upstream's results, taken of Shimonoseki's site: a fork deletes the file until it takes its own
# (FORKING.md), so these tests are of the plan
RESULTS = json.loads(RESULTS_FILE.read_text(encoding="utf-8")) if RESULTS_FILE.exists() else {}
pytestmark = pytest.mark.plan


def test_results_cover_every_template_at_both_widths_with_the_wcag_rules():
    assert {(p["template"], p["viewport"]) for p in RESULTS["pages"]} == {
        (key, viewport) for key in report.TEMPLATES for viewport in report.VIEWPORTS
    }
    assert RESULTS["tags"] == report.AXE_TAGS
    assert all(len(p["passes"]) > 10 for p in RESULTS["pages"])


def test_results_were_taken_with_the_installed_axe():
    """After an upgrade of axe the results are taken again (python scripts/accessibility_report.py)."""
    from axe_playwright_python.base import AXE_SCRIPT

    assert RESULTS["tools"]["axe_core"] == re.search(r"axe v([\d.]+)", AXE_SCRIPT).group(1)
    assert RESULTS["tools"]["axe_playwright_python"] == version("axe-playwright-python")


def test_published_results_have_no_violation():
    assert [(p["path"], p["viewport"], v["id"]) for p in RESULTS["pages"] for v in p["violations"]] == []


@pytest.mark.browser
def test_page_states_the_policy_and_shows_the_results(real_site, desktop):
    report.open_page(desktop, real_site.at("accessibility/"))
    text = desktop.locator(".md-content").inner_text()
    assert "JIS X 8341-3:2016 の適合レベル AA" in text
    taken = datetime.datetime.fromisoformat(RESULTS["generated_at"]).astimezone(datetime.timezone(datetime.timedelta(hours=9)))
    assert f"{taken.year}年{taken.month}月{taken.day}日 {taken.hour}時{taken.minute:02d}分（日本時間）" in text
    assert RESULTS["commit"][:12] in text
    assert f"axe-core {RESULTS['tools']['axe_core']}" in text
    rows = desktop.locator("#a11y-results tbody tr")
    assert rows.count() == len(RESULTS["pages"])
    for index, result in enumerate(RESULTS["pages"]):
        cells = rows.nth(index).locator("th, td").all_inner_texts()
        assert cells == [result["name"], {"desktop": "パソコン", "phone": "スマートフォン"}[result["viewport"]],
                         f"{len(result['violations'])} 件", str(len(result["passes"])), str(len(result["incomplete"]))]
    # the raw results are published beside the page
    assert desktop.request.get(real_site.at("accessibility-results.json")).json() == RESULTS
