"""Japanese search in the browser: the words citizens type find the right pages of the real site,
kanji-katakana compounds included (mkdocs.yml's search separator splits where the script changes,
overrides/assets/javascripts/lunr/min/lunr.ja.min.js finds a word inside a compound), and the results
show the page text as it is. The quality test over many queries is test_search_quality.py.

The queries are Shimonoseki's words and the pages they must find its pages (tests marked `plan`, run
where datapackage/ is Shimonoseki's, tests/plan.py); the search dialog's accessibility holds for any plan."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from pages import new_page, report

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


@pytest.mark.plan
def test_centre_compound_finds_the_centre_indicators_first(real_site, desktop):
    """市民活動センター is kanji then katakana: Material's default separator found nothing at all."""
    found = search(desktop, real_site, "市民活動センター")
    assert CENTRE <= set(found[:5])  # after 市民活動団体等と協働を行った施策数 at most, which also has 市民活動


@pytest.mark.plan
def test_intermediary_support_groups(real_site, desktop):
    assert search(desktop, real_site, "中間支援団体")[0] == "indicators/intermediary-support-groups/"


@pytest.mark.plan
def test_partnership_in_katakana(real_site, desktop):
    assert search(desktop, real_site, "パートナーシップ")[0] == "indicators/partnership-awareness/"


@pytest.mark.plan
def test_awareness_finds_every_awareness_indicator(real_site, desktop):
    assert set(search(desktop, real_site, "認知度")[:4]) == AWARENESS


@pytest.mark.plan
def test_collaboration(real_site, desktop):
    found = search(desktop, real_site, "協働")
    assert found[0] == "indicators/collaborative-measures/"
    # 基本方針 3 協働に向けたネットワークの構築 has the word as a word of its own, 基本方針 1
    # 市民協働への理解促進 inside 市民協働: either is a policy about it
    assert {"policies/p1/", "policies/p3/"} & set(found[:3])


@pytest.mark.plan
def test_a_word_that_is_nowhere_finds_nothing(real_site, desktop):
    assert search(desktop, real_site, "温室効果ガス") == []


RESULT_MARKUP = """() => [...document.querySelectorAll('.md-search-result__article')].map(article => ({
    text: article.innerHTML,
    nested: article.querySelectorAll('mark *').length,
    marked: [...article.querySelectorAll('mark')].map(mark => mark.textContent),
    missing: [...article.querySelectorAll('.md-search-result__terms del')].map(del => del.textContent),
}))"""


@pytest.mark.plan
def test_an_action_in_kanji_finds_its_roles_and_policy(real_site, desktop):
    """市民活動保険 is inside 市民活動保険の実施, a measure of basic policy 2."""
    assert {"roles/", "policies/p2/"} <= set(search(desktop, real_site, "市民活動保険")[:3])


@pytest.mark.plan
def test_results_show_the_page_text_with_whole_words_marked(real_site, desktop):
    search(desktop, real_site, "活動保険")
    articles = desktop.evaluate(RESULT_MARKUP)
    assert articles and all(a["nested"] == 0 and "&lt;" not in a["text"] for a in articles)
    assert {word for a in articles for word in a["marked"]} == {"市民活動保険"}
    assert all(a["missing"] == [] for a in articles)


@pytest.mark.plan
def test_a_word_found_by_two_pieces_is_marked_once(real_site, desktop):
    """市民参画協働 occurs nowhere: its pieces 市民, 参画 and 協働 all lie in 市民協働参画, one word,
    which the worker would hand Material three times; marked three times, the result's markup broke."""
    assert search(desktop, real_site, "市民参画協働")
    articles = desktop.evaluate(RESULT_MARKUP)
    assert any("市民協働参画" in a["marked"] for a in articles)
    assert all(a["nested"] == 0 and "&lt;" not in a["text"] for a in articles)


@pytest.mark.plan
def test_particles_are_not_reported_missing(real_site, desktop):
    found = search(desktop, real_site, "ニーズの把握")
    assert "policies/p1/" in found[:3]
    assert all("の" not in a["missing"] for a in desktop.evaluate(RESULT_MARKUP))


@pytest.mark.plan
def test_full_width_digits_find_the_year(real_site, desktop):
    """Typed with a Japanese input method, 平成２６年度 comes in full-width digits."""
    assert search(desktop, real_site, "平成２６年度")[0] == "indicators/centre-registered-groups/"


@pytest.mark.parametrize("query", ["市民活動センター", "温室効果ガス"])
def test_search_dialog_with_results_passes_axe(real_site, browser, viewport, query):
    """The dialog as a reader sees it, results or none, at desktop and phone width."""
    page = new_page(browser, viewport)
    report.open_page(page, real_site.url)
    if viewport == "phone":
        page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_function(RESULT_META)
    assert page.locator(".md-search__inner").is_visible() and page.locator(".md-search-result__meta").is_visible()
    violations = report.summarise(report.run_axe(page))["violations"]
    page.context.close()
    assert [(v["id"], v["help"], v["targets"][:5]) for v in violations] == []
