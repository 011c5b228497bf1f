"""Japanese search in the browser: the words citizens type find the right pages of the real site,
kanji-katakana compounds included (mkdocs.yml's search separator splits where the script changes)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

RESULT_META = """() => {
    const meta = document.querySelector('.md-search-result__meta');
    return meta !== null && /件|見つかりません/.test(meta.textContent);
}"""


def search(page, site, query: str) -> list[str]:
    """Type `query` into the search box as a reader does; the pages found, best first."""
    page.goto(site.url)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on key events
    page.wait_for_function(RESULT_META)
    hrefs = page.locator("li.md-search-result__item").evaluate_all(
        "items => items.map(item => item.querySelector('a').href)")
    return [urlsplit(href).path.removeprefix("/") for href in hrefs]


CENTRE = {"indicators/centre-registered-groups/", "indicators/centre-use/",
          "indicators/centre-awareness/", "indicators/centre-users/"}
AWARENESS = {"indicators/partnership-awareness/", "indicators/city-participation/",
             "indicators/centre-use/", "indicators/centre-awareness/"}


def test_centre_compound_finds_the_centre_indicators_first(real_site, desktop):
    """市民活動センター is kanji then katakana: Material's default separator found nothing at all."""
    found = search(desktop, real_site, "市民活動センター")
    assert CENTRE <= set(found[:5])  # after 市民活動団体等と協働を行った施策数 at most, which also has 市民活動


def test_intermediary_support_groups(real_site, desktop):
    assert search(desktop, real_site, "中間支援団体")[0] == "indicators/intermediary-support-groups/"


def test_partnership_in_katakana(real_site, desktop):
    assert search(desktop, real_site, "パートナーシップ")[0] == "indicators/partnership-awareness/"


def test_awareness_finds_every_awareness_indicator(real_site, desktop):
    assert set(search(desktop, real_site, "認知度")[:4]) == AWARENESS


def test_collaboration(real_site, desktop):
    found = search(desktop, real_site, "協働")
    assert found[0] == "indicators/collaborative-measures/"
    assert "policies/p1/" in found[:3]  # 基本方針 1 市民協働への理解促進


def test_a_word_that_is_nowhere_finds_nothing(real_site, desktop):
    assert search(desktop, real_site, "温室効果ガス") == []
