"""Printing on A4 (rule Art. 3 (1)(2): the counter and the council read paper): Chromium prints the
indicator, policy and role pages to PDF; the PDF holds the content and the link addresses, none of
the navigation, on a few A4 pages. pypdf reads the PDF's text."""

from __future__ import annotations

import io
import unicodedata

import pypdf
import pytest
from pages import report

pytestmark = pytest.mark.browser

A4_POINTS = (595, 842)  # 210 × 297 mm
NAVIGATION = ("検索", "Material for MkDocs", "目次", "アクセシビリティ", "この見出しへのリンク")


# The PDF's fonts map some kanji back to look-alike radicals that Unicode does not decompose (NFKC
# handles the Kangxi radicals such as ⽅ for 方, not these), and ・ to the hyphenation point
LOOK_ALIKES = str.maketrans({"\u2ea0": "民", "\u2ec4": "西", "\u2ec5": "見", "\u2ed1": "長", "\u2ed8": "青",
                             "\u2027": "・"})


def print_pages(page, url: str) -> list[str]:
    """Print `url` to an A4 PDF as a browser does; each page's text, as its reader sees it."""
    report.open_page(page, url)
    page.evaluate("() => dispatchEvent(new Event('beforeprint'))")  # page.pdf() does not fire it
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True, print_background=True)))
    for sheet in pdf.pages:
        assert (round(sheet.mediabox.width), round(sheet.mediabox.height)) == A4_POINTS
    return [unicodedata.normalize("NFKC", sheet.extract_text()).translate(LOOK_ALIKES) for sheet in pdf.pages]


def flat(texts: list[str]) -> str:
    """All text in one line: the PDF breaks lines where the paper does, also inside an address."""
    return "".join("".join(texts).split())


def test_indicator_page(fixture_site, desktop):
    sheets = print_pages(desktop, fixture_site.at("indicators/partnership-awareness/"))
    text = flat(sheets)
    assert len(sheets) <= 3
    assert sheets[0].startswith("協働の認知度")  # no header or navigation before the title
    assert not [word for word in NAVIGATION if word in text]
    # the status, the table's numbers and the calculation
    for shown in ("やや遅れ", "達成率45.0%", "2016年(平成28年)12.5%", "2018年(平成30年)14.5%", "2020年(令和2年)未登録"):
        assert shown in text
    # links carry their full address
    assert f"({fixture_site.at('policies/p1/')})" in text
    assert f"({fixture_site.at('data/indicators/partnership-awareness.csv')})" in text


def test_indicator_chart_is_printed_whole_on_one_page(fixture_site, desktop):
    sheets = print_pages(desktop, fixture_site.at("indicators/partnership-awareness/"))
    with_legend = [flat([s]) for s in sheets if "実績値(現状値を含む)" in flat([s])]
    assert len(with_legend) == 1  # the legend is drawn once …
    assert "2014201520162017201820192020" in with_legend[0]  # … with every year of the axis beside it


def test_chart_fits_the_paper_width(fixture_site, desktop):
    """Laid out at A4's printable width (182 mm ≈ 688 px), the chart scales down instead of spilling over."""
    report.open_page(desktop, fixture_site.at("indicators/partnership-awareness/"))
    desktop.evaluate("() => dispatchEvent(new Event('beforeprint'))")
    desktop.emulate_media(media="print")
    desktop.set_viewport_size({"width": 688, "height": 1000})
    chart = desktop.locator(".plansite-chart svg.plansite-chart-wide").bounding_box()
    content = desktop.locator(".md-content").bounding_box()
    assert chart["width"] > 400
    assert chart["x"] >= content["x"] and chart["x"] + chart["width"] <= content["x"] + content["width"] + 1


def test_policy_page(fixture_site, desktop):
    sheets = print_pages(desktop, fixture_site.at("policies/p1/"))
    text = flat(sheets)
    assert len(sheets) <= 2
    assert flat(sheets[:1]).startswith("基本方針1協働への理解を広げる")
    assert not [word for word in NAVIGATION if word in text]
    for shown in ("協働の認知度", "市民活動センター登録団体数", "情報の提供と共有", "出前講座の開催"):
        assert shown in text
    assert f"({fixture_site.at('indicators/partnership-awareness/')})" in text


@pytest.mark.plan
def test_roles_matrix_of_the_real_plan(real_site, desktop):
    """All 24 actions of the plan with their three actors, on at most four sheets."""
    sheets = print_pages(desktop, real_site.at("roles/"))
    text = flat(sheets)
    assert len(sheets) <= 4
    assert flat(sheets[:1]).startswith("役割区分")
    assert not [word for word in NAVIGATION if word in text]
    for shown in ("市民・市民活動団体", "行政", "しものせき市民活動センター", "情報の提供と共有", "基本方針3"):
        assert shown in text
