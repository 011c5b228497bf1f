"""Search quality in the browser: queries written as citizens write them, on the real site, each with
the page that must come first (or in the top three, where several pages fit the words equally).

The queries use the words of the pages: indicator names, the actions of the role division, the
promotion chapter, years in both calendars. Run at desktop and phone width; the hit rate is printed
whether or not every query passes, so that a change to the search can be compared by its rate.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from pages import ROOT, new_page

# Shimonoseki's words and pages: run where datapackage/ is Shimonoseki's (tests/plan.py)
pytestmark = [pytest.mark.browser, pytest.mark.plan]


@dataclass(frozen=True)
class Case:
    query: str
    kind: str  # what the query tests: kanji, katakana, mixed, hiragana, two words, year
    pages: tuple[str, ...]  # any one of them is right
    top: int = 1  # it must be among the first `top` pages found


def ind(*ids: str) -> tuple[str, ...]:
    return tuple(f"indicators/{i}/" for i in ids)


CENTRE = ind("centre-registered-groups", "centre-use", "centre-awareness", "centre-users")
# The indicators surveyed by calendar year from a 2014 (平成26年) baseline
SURVEYED_2014 = ind("partnership-awareness", "city-participation", "collaborative-measures", "centre-use",
                    "centre-awareness", "civic-activity-participation", "network-promotion-measures",
                    "intermediary-support-groups")

CASES = [
    # Kanji only: indicator names and parts of them
    Case("中間支援団体", "kanji", ind("intermediary-support-groups")),
    Case("中間支援団体数", "kanji", ind("intermediary-support-groups")),
    Case("登録団体数", "kanji", ind("centre-registered-groups")),
    Case("利用数", "kanji", ind("centre-users")),
    Case("協働", "kanji", ind("collaborative-measures")),
    Case("施策数", "kanji", ind("collaborative-measures", "network-promotion-measures")),
    Case("市民協働参画認知度", "kanji", ind("partnership-awareness")),
    # Kanji only: actions of the role division find the roles page and their policy's page
    Case("市民活動保険", "kanji", ("roles/",), 3),
    Case("市民活動保険", "kanji", ("policies/p2/",), 3),
    Case("市民活動助成制度", "kanji", ("policies/p2/",), 3),
    Case("備品", "kanji", ("roles/",), 3),
    Case("相談体制", "kanji", ("policies/p2/",), 3),
    Case("出前講座", "kanji", ("policies/p1/",), 3),
    Case("出前講座", "kanji", ("roles/",), 3),
    Case("市職員", "kanji", ("policies/p1/",), 3),
    Case("教育機関", "kanji", ("policies/p2/",), 3),
    Case("公共施設", "kanji", ("policies/p2/",), 3),
    Case("自治会", "kanji", ("policies/p3/",), 3),
    Case("若者", "kanji", ("policies/p1/",), 3),
    Case("人材育成", "kanji", ("policies/p3/",), 3),
    # Kanji only: the promotion chapter and the method
    Case("推進体制", "kanji", ("promotion/",)),
    # the council: the promotion chapter describes it; the annual reports' page records its evaluations
    Case("審議会", "kanji", ("promotion/", "reports/")),
    # the annual reports' own page (the home page and the promotion chapter also name them)
    Case("年次報告", "kanji", ("reports/",)),
    Case("市民協働参画条例", "kanji", ("promotion/",), 3),
    Case("達成率", "kanji", ("method/",)),
    # Katakana
    Case("パートナーシップ", "katakana", ind("partnership-awareness")),
    Case("ネットワーク", "katakana", ind("network-promotion-measures") + ("policies/p3/",)),
    Case("ボランティア", "katakana", ("policies/p3/",), 3),
    Case("コーディネート", "katakana", ("roles/",), 3),
    Case("セミナー", "katakana", ("policies/p1/",), 3),
    Case("コミュニティ", "katakana", ("policies/p3/",), 3),
    Case("マネジメント", "katakana", ("policies/p2/",), 3),
    Case("センター", "katakana", CENTRE, 3),
    Case("アクセシビリティ", "katakana", ("accessibility/",)),
    # Kanji and kana in one word
    Case("市民活動センター", "mixed", CENTRE),
    Case("センター登録団体", "mixed", ind("centre-registered-groups")),
    Case("センター利用数", "mixed", ind("centre-users")),
    Case("パートナーシップ認知度", "mixed", ind("partnership-awareness")),
    Case("ネットワーク化", "mixed", ind("network-promotion-measures")),
    Case("ボランティアネットワーク", "mixed", ("policies/p3/",), 3),
    Case("市民活動への参加", "mixed", ind("civic-activity-participation")),
    Case("環境づくり", "mixed", ("policies/p2/",), 3),
    Case("ニーズの把握", "mixed", ("policies/p1/",), 3),
    # Hiragana, as the site writes it
    Case("しものせき", "hiragana", CENTRE, 3),
    Case("しものせき市民活動センター", "hiragana", CENTRE),
    # Two words
    Case("センター 認知度", "two words", ind("centre-awareness")),
    Case("センター 利用", "two words", ind("centre-use", "centre-users")),
    Case("市民活動 参加", "two words", ind("civic-activity-participation")),
    Case("市政 参画", "two words", ind("city-participation")),
    Case("協働 施策数", "two words", ind("collaborative-measures")),
    Case("ネットワーク 施策", "two words", ind("network-promotion-measures")),
    # Years, western and Japanese calendar
    Case("2014", "year", SURVEYED_2014 + ind("centre-registered-groups"), 3),
    Case("平成26年", "year", SURVEYED_2014, 3),
    Case("平成26年度", "year", ind("centre-registered-groups")),
    Case("2014年度", "year", ind("centre-registered-groups")),
    Case("2013", "year", ind("centre-users")),
    Case("平成25年度", "year", ind("centre-users")),
    Case("令和元年度", "year", ind("centre-users", "centre-registered-groups"), 3),
    Case("2014 パートナーシップ", "year", ind("partnership-awareness")),
    Case("平成26年 中間支援団体", "year", ind("intermediary-support-groups")),
]

RESULTS_SHOWN = """(query) => {
    const meta = document.querySelector('.md-search-result__meta');
    return document.querySelector('input.md-search__input').value === query && meta !== null
        && /件|見つかりません/.test(meta.textContent);
}"""


def found_pages(page, query: str) -> list[str]:
    """Type `query` into the open search box as a reader does; the pages found, best first."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function("() => !/件/.test(document.querySelector('.md-search-result__meta').textContent)")
    box.fill(query)
    box.press("End")  # Material searches on key events
    page.wait_for_function(RESULTS_SHOWN, arg=query)
    hrefs = page.locator("li.md-search-result__item").evaluate_all(
        "items => items.map(item => item.querySelector('a').href)")  # a page, then its sections
    return [urlsplit(href).path.removeprefix("/") for href in hrefs]


def hits(case: Case, found: list[str]) -> bool:
    return any(page in found[: case.top] for page in case.pages)


def test_there_are_enough_queries_of_every_kind():
    kinds = {case.kind for case in CASES}
    assert len(CASES) >= 40
    assert kinds == {"kanji", "katakana", "mixed", "hiragana", "two words", "year"}


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_citizens_queries_find_their_page(real_site, browser, viewport, capsys):
    page = new_page(browser, viewport)
    page.goto(real_site.url)
    if viewport == "phone":
        page.locator("label.md-header__button[for=__search]").click()
    else:
        page.locator("input.md-search__input").click()
    misses = []
    for case in CASES:
        found = found_pages(page, case.query)
        if not hits(case, found):
            misses.append(f"{case.query} ({case.kind}): expected {' or '.join(case.pages)} in the first {case.top}, found {found[:5]}")
    page.context.close()
    rate = 1 - len(misses) / len(CASES)
    with capsys.disabled():
        print(f"\nsearch hit rate ({viewport}): {len(CASES) - len(misses)}/{len(CASES)} = {rate:.0%}")
        for miss in misses:
            print("  miss:", miss)
    assert misses == []


def test_every_action_finds_the_roles_page_and_its_policy(real_site, browser):
    """Each measure of the role division, searched by its name, finds the roles page and the page of
    the basic policy where it stands, in the first three."""
    with open(ROOT / "datapackage" / "data" / "actions.csv", encoding="utf-8-sig", newline="") as file:
        actions = list(csv.DictReader(file))
    page = new_page(browser, "desktop")
    page.goto(real_site.url)
    page.locator("input.md-search__input").click()
    misses = []
    for action in actions:
        found = found_pages(page, action["name"])
        if not {"roles/", f"policies/{action['policy_id']}/"} <= set(found[:3]):
            misses.append(f"{action['name']}: {found[:5]}")
    page.context.close()
    assert len(actions) > 20 and misses == []
