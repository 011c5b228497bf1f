"""The yearly cycle's pages (design §9, issue 13), read as a person reads them: the list of annual
reports, a year's page (dates in both calendars, each measure's progress by actor in words, the
council's evaluation and proposals, the values known then, the text for the bulletin and the press),
the latest status beside each role, the report an indicator's latest value came from, and the change
log and the feed of the publication. The cycle fixture (tests/fixtures/cycle, fictional) has every
state; the real package has no report yet and says so."""

from __future__ import annotations

import re

import feedparser
import pytest

from html_reader import tables
from html_reader import words_of as text_of


@pytest.fixture(scope="module")
def cycle(built):
    return built("cycle")


def page(site, address: str) -> str:
    return (site.root / address / "index.html").read_text(encoding="utf-8")


def rows(html: str, table_id: str) -> list[dict[str, str]]:
    table = tables(html)[table_id]
    [headers] = table["headers"]
    return [dict(zip(headers, row, strict=True)) for row in table["rows"]]


def test_the_list_has_every_year_newest_first_with_its_dates(cycle) -> None:
    listed = rows(page(cycle, "reports"), "report-list")
    assert [r["調査した年度"] for r in listed] == ["2020年度（令和2年度）", "2019年度（平成31年度・令和元年度）", "2018年度（平成30年度）"]
    latest, middle, first = listed
    assert latest["審議会の評価"] == "—"  # fy2020 is not evaluated yet
    assert latest["所管委員会への報告"] == "2021年9月6日" and latest["公表"] == "2021年9月30日"
    assert first["審議会の評価"] == "2019年7月22日" and first["公表"] == "2019年9月30日"
    assert "報告書（市の公表資料）" in first["報告書"] and "報告書（市の公表資料）" not in middle["報告書"]


def test_the_list_links_each_year_and_the_official_document(cycle) -> None:
    html = page(cycle, "reports")
    for year in (2018, 2019, 2020):
        assert f'href="{year}/"' in html
    assert 'href="https://example.org/kakuu/nenji-hokoku-2018.pdf"' in html
    assert "nenji-hokoku-2019" not in html


def test_a_year_shows_its_dates_in_both_calendars(cycle) -> None:
    text = text_of(page(cycle, "reports/2019"))
    assert "公表 2020年10月30日（令和2年10月30日）" in text
    assert "審議会の評価 2020年8月20日（令和2年8月20日）" in text
    assert "報告書の URL は登録されていません。" in text
    assert "調査した年度 2019年度（平成31年度・令和元年度）" in text


def test_a_year_shows_each_measure_by_actor_in_words(cycle) -> None:
    html = page(cycle, "reports/2019")
    p1 = rows(html, "progress-p1")
    assert [(r["取組"], r["主体"], r["実施状況"]) for r in p1] == [
        ("情報の提供と共有", "市民・市民活動団体", "◐ 一部実施"),
        ("情報の提供と共有", "行政", "● 実施"),
        ("出前講座の開催", "行政", "報告なし"),  # an action that no actor reported on
    ]
    assert "担当: 市民協働課（架空）" in p1[1]["内容"]
    p2 = rows(html, "progress-p2")
    assert [r["実施状況"] for r in p2] == ["－ 該当なし", "✕ 未実施"]
    assert "実施 1件、一部実施 1件、未実施 1件、該当なし 1件" in text_of(html)


def test_a_year_in_which_only_some_actors_reported(cycle) -> None:
    p1 = rows(page(cycle, "reports/2020"), "progress-p1")
    by_actor = {(r["取組"], r["主体"]): r["実施状況"] for r in p1}
    assert by_actor[("情報の提供と共有", "行政")] == "◐ 一部実施"
    assert by_actor[("情報の提供と共有", "市民・市民活動団体")] == "報告なし"


def test_a_year_shows_the_councils_evaluation_and_proposals(cycle) -> None:
    html = page(cycle, "reports/2019")
    text = text_of(html)
    order = [m.group(1) for m in re.finditer(r'<h3 id="evaluation-([a-z0-9-]+)"', html)]
    assert order == ["plan", "p2", "centre-users"]  # the plan first, then policies, then indicators
    assert "評価 （架空）一部の取組に遅れが見られる。 意見提言 （架空）遅れている取組の理由と今後の予定を示すこと。" in text
    assert "評価 （架空）市民活動を支える環境づくりは一部で停滞した。 意見提言 （なし）" in text
    assert 'href="../../indicators/centre-users/"' in html


def test_a_year_without_an_evaluation_says_so(cycle) -> None:
    text = text_of(page(cycle, "reports/2020"))
    assert "審議会の評価 まだ登録されていません" in text
    assert "この年度の審議会の評価は、まだ登録されていません。" in text


def test_a_year_shows_the_values_known_when_it_was_published(cycle) -> None:
    values = rows(page(cycle, "reports/2019"), "report-values")
    assert {r["成果指標"]: r["値"] for r in values} == {
        "協働の認知度": "15.5% 2019年（平成31年・令和元年）",
        "市民活動センター登録団体数": "258団体 2019年度（平成31年度・令和元年度）",
        "市民活動センター利用者数": "27,000人 2019年度（平成31年度・令和元年度）",
    }
    # the next year's report had no value of centre-users for 2020: its latest known is 2019's
    later = {r["成果指標"]: r["値"] for r in rows(page(cycle, "reports/2020"), "report-values")}
    assert later["市民活動センター利用者数"].endswith("2019年度（平成31年度・令和元年度）")


def test_a_year_has_the_bulletin_summary_and_the_press_notice_to_copy(cycle) -> None:
    html = page(cycle, "reports/2019")
    copies = re.findall(r'<pre class="plansite-copy"[^>]*>(.*?)</pre>', html, re.S)
    assert len(copies) == 2
    bulletin, press = copies
    assert "2020年10月30日に公表しました" in bulletin and cycle.base + "reports/2019/" in bulletin
    assert press.startswith("報道機関各位")
    assert "・施策の進捗状況: 実施 1件、一部実施 1件、未実施 1件、該当なし 1件" in press
    assert "・審議会の評価: 2020年8月20日" in press and "・報告書:" not in press  # no document link that year


def test_the_roles_show_the_latest_status_beside_each_mark(cycle) -> None:
    html = page(cycle, "roles")
    [cell] = [row for row in tables(html)["roles-p2"]["rows"] if row[0] == "市民活動センターの運営"]
    # citizens: not implemented in 2020 (the latest), city: implemented in 2020
    assert cell[1] == "○担う ✕ 未実施 2020年度（令和2年度）"
    assert cell[2] == "○担う ● 実施 2020年度（令和2年度）"
    assert 'href="../reports/2020/"' in html


def test_the_indicator_page_names_the_report_of_its_latest_value(cycle) -> None:
    text = text_of(page(cycle, "indicators/registered-groups")).replace(" ", "")
    assert "最新の実績値は年次報告「（架空）令和2年度市民協働参画に関する年次報告」（2021年9月30日公表）によります。" in text


def test_the_change_log_and_the_feed_carry_each_publication(cycle) -> None:
    year = page(cycle, "changes/2020")
    assert "年次報告（2019年度（平成31年度・令和元年度））" in text_of(year)
    feed = feedparser.parse((cycle.root / "feed.xml").read_bytes())
    titles = [e.title for e in feed.entries]
    for title in ("（架空）平成30年度", "（架空）令和元年度", "（架空）令和2年度"):
        assert any(title in t for t in titles), titles
    entry = next(e for e in feed.entries if "令和元年度" in e.title)
    assert cycle.base + "reports/2019/" in entry.content[0].value


@pytest.mark.plan
def test_the_real_site_says_what_will_appear_until_a_report_is_added(built) -> None:
    real = built("real")
    text = text_of(page(real, "reports"))
    assert "まだ年次報告を掲載していません" in text
    assert "reports.csv" in text and "datapackage/README.md" in text
    assert not (real.root / "reports" / "2014").exists()
    assert [p.name for p in (real.root / "reports").iterdir() if p.is_dir()] == []
