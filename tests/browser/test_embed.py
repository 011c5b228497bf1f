"""Share and embed (issue 17) in Chromium: the embed page inside an iframe of another site, its
accessibility, the copy buttons, and the head's JSON-LD across instant navigation.

"Another site" is a page served from a second 127.0.0.1 server (another port: another origin) holding
exactly the iframe code that the indicator page gives to copy.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from pages import follow, new_page, report

pytestmark = pytest.mark.browser

INDICATOR = "partnership-awareness"


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    """Another site: a folder served on its own port, where a test writes the page that embeds."""
    folder = tmp_path_factory.mktemp("host")
    server = report.start_server(folder)
    yield folder, report.base_url(server)
    server.shutdown()


def iframe_code(site, indicator_id: str) -> str:
    """The code of the indicator page's 「埋め込み」 field, as a reader copies it."""
    page = (site.directory / "indicators" / indicator_id / "index.html").read_text(encoding="utf-8")
    return html.unescape(re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', page, re.S).group(1))


def host_page(folder, name: str, code: str) -> None:
    (folder / name).write_text(
        '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>埋め込みの例</title></head>'
        f"<body><main><h1>ある記事</h1><p>本文。</p>{code}<p>本文の続き。</p></main></body></html>",
        encoding="utf-8",
    )


@pytest.mark.parametrize("indicator_id", ["partnership-awareness", "registered-groups", "centre-users"])
def test_embed_page_shows_chart_and_table_inside_an_iframe_and_loads_only_from_the_site(fixture_site, browser, host, indicator_id):
    folder, host_url = host
    code = iframe_code(fixture_site, indicator_id)
    host_page(folder, f"{indicator_id}.html", code)
    page = new_page(browser, "desktop")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(host_url + f"{indicator_id}.html")
    page.wait_for_load_state("load")
    frame = page.frame_locator("iframe")
    frame.locator(".plansite-chart svg.plansite-chart-wide").wait_for(state="visible")
    assert frame.locator("#values").is_visible()
    # the same rows as the indicator page's values table
    indicator_page = (fixture_site.directory / "indicators" / indicator_id / "index.html").read_text(encoding="utf-8")
    rows = re.search(r'<table id="values".*?<tbody>(.*?)</tbody>', indicator_page, re.S).group(1).count("<tr>")
    assert frame.locator("#values tbody tr").count() == rows >= 2
    assert frame.locator(".plansite-embed-source").is_visible()
    # the iframe is as tall as its page at full width: no scroll bar inside it (the frame is of
    # another origin than the host page, so it is measured from inside)
    embedded = next(f for f in page.frames if f.url == fixture_site.at(f"indicators/{indicator_id}/embed/"))
    embedded.evaluate("() => document.fonts.ready.then(() => true)")
    needed, width = embedded.evaluate("() => [Math.ceil(document.body.getBoundingClientRect().height), document.documentElement.clientWidth]")
    height, shown = page.evaluate("() => [document.querySelector('iframe').getAttribute('height') | 0, document.querySelector('iframe').clientHeight]")
    sizes = (height, shown, needed, width)
    assert height == shown and width >= 700, sizes
    assert needed <= height, sizes
    assert height - needed < 80, sizes  # and not much taller
    # every request goes to the host page or to the site: the embed page, its stylesheet, nothing else
    from_site = sorted({url for url in requests if url.startswith(fixture_site.url)})
    assert [url for url in requests if not url.startswith((fixture_site.url, host_url))] == []
    assert from_site == [fixture_site.at("assets/stylesheets/extra.css"), fixture_site.at(f"indicators/{indicator_id}/embed/")]
    page.context.close()


def test_embed_page_in_a_narrow_iframe_draws_the_phone_chart(fixture_site, browser, host):
    folder, host_url = host
    code = iframe_code(fixture_site, INDICATOR).replace('width="100%"', 'width="340"')
    host_page(folder, "narrow.html", code)
    page = new_page(browser, "phone")
    page.goto(host_url + "narrow.html")
    frame = page.frame_locator("iframe")
    frame.locator(".plansite-chart svg.plansite-chart-narrow").wait_for(state="visible")
    assert not frame.locator(".plansite-chart svg.plansite-chart-wide").is_visible()
    assert page.evaluate("() => window.scrollX === 0 && document.documentElement.scrollWidth <= innerWidth")
    page.context.close()


def test_embed_page_passes_axe(fixture_site, real_site, browser, viewport):
    for site in (fixture_site, real_site):
        indicator_id = site.templates["indicator"].split("/")[1]
        page = new_page(browser, viewport)
        report.open_page(page, site.at(f"indicators/{indicator_id}/embed/"))
        violations = report.summarise(report.run_axe(page))["violations"]
        page.context.close()
        assert [(v["id"], v["help"], v["targets"][:5]) for v in violations] == [], site.url


def test_axe_checks_the_embed_page_for_what_matters_there(fixture_site, desktop):
    """Not vacuous: the rules for contrast, link names, table headers and the chart's label ran."""
    from axe_playwright_python.sync_playwright import Axe

    report.open_page(desktop, fixture_site.at(f"indicators/{INDICATOR}/embed/"))
    options = {"runOnly": {"type": "tag", "values": report.AXE_TAGS}, "resultTypes": ["passes"]}
    passes = {rule["id"] for rule in Axe().run(desktop, options=options).response["passes"]}
    assert {"color-contrast", "link-name", "th-has-data-cells", "role-img-alt", "html-has-lang", "document-title"} <= passes


# The indicator page ----------------------------------------------------------------------------------


def head_datasets(page) -> list[dict]:
    return [json.loads(text) for text in page.eval_on_selector_all(
        'head script[type="application/ld+json"]', "els => els.map(el => el.textContent)")]


def test_instant_navigation_brings_the_pages_jsonld_into_the_head(fixture_site, desktop):
    """Material adds the next page's head elements and removes the last page's: the Dataset follows
    the page, and none is ever run as a script or left in the content."""
    errors: list[str] = []
    desktop.on("pageerror", lambda error: errors.append(str(error)))
    report.open_page(desktop, fixture_site.at("indicators/"))
    assert head_datasets(desktop) == []
    desktop.evaluate("() => { window.__marker = 1 }")
    follow(desktop, fixture_site, f"{INDICATOR}/", f"indicators/{INDICATOR}/", "協働の認知度")
    desktop.wait_for_function("() => document.head.querySelector('script[type=\"application/ld+json\"]')")
    assert desktop.evaluate("() => window.__marker") == 1  # instant: the same document
    datasets = head_datasets(desktop)
    assert [d["url"] for d in datasets] == [fixture_site.at(f"indicators/{INDICATOR}/")]
    assert "協働の認知度" in datasets[0]["name"]
    assert desktop.locator('.md-content script[type="application/ld+json"]').count() == 0
    assert desktop.get_attribute('meta[property="og:url"]', "content") == fixture_site.at(f"indicators/{INDICATOR}/")
    # on to the indicator's policy page, then another indicator: each head has its own, or none
    follow(desktop, fixture_site, "policies/p1/", "policies/p1/")
    desktop.wait_for_function("() => !document.head.querySelector('script[type=\"application/ld+json\"]')")
    assert desktop.locator('meta[property="og:url"]').count() == 1
    assert desktop.get_attribute('meta[property="og:url"]', "content") == fixture_site.at("policies/p1/")
    follow(desktop, fixture_site, "indicators/registered-groups/", "indicators/registered-groups/")
    desktop.wait_for_function("() => document.head.querySelector('script[type=\"application/ld+json\"]')")
    assert [d["identifier"] for d in head_datasets(desktop)] == ["registered-groups"]
    assert desktop.evaluate("() => window.__marker") == 1
    assert errors == []


def test_copy_buttons_copy_the_address_and_the_iframe_code(fixture_site, browser):
    context = browser.new_context(viewport=report.VIEWPORTS["desktop"])
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=fixture_site.url.rstrip("/"))
    page = context.new_page()
    report.open_page(page, fixture_site.at(f"indicators/{INDICATOR}/"))
    address = page.locator("#share-url")
    assert address.input_value() == fixture_site.at(f"indicators/{INDICATOR}/")
    page.get_by_role("button", name="アドレスをコピー").click()
    page.wait_for_function("() => document.querySelector('#share-url ~ .plansite-copy-status').textContent !== ''")
    assert page.evaluate("() => navigator.clipboard.readText()") == address.input_value()
    page.get_by_role("button", name="コードをコピー").click()
    page.wait_for_function("() => [...document.querySelectorAll('.plansite-copy-status')].every(s => s.textContent)")
    assert page.evaluate("() => navigator.clipboard.readText()") == iframe_code(fixture_site, INDICATOR)
    assert page.locator(".plansite-copy-status").all_inner_texts() == ["コピーしました。", "コピーしました。"]
    context.close()


def test_share_links_load_nothing_until_pressed(fixture_site, desktop):
    requests: list[str] = []
    desktop.on("request", lambda request: requests.append(request.url))
    report.open_page(desktop, fixture_site.at(f"indicators/{INDICATOR}/"))
    desktop.locator("#共有").scroll_into_view_if_needed()
    assert [url for url in requests if not url.startswith(fixture_site.url)] == []
    links = desktop.locator(".plansite-share-links a")
    assert links.all_inner_texts() == ["LINE で送る", "X（旧 Twitter）でポストする"]
    assert all(box["height"] >= 44 for box in (links.nth(i).bounding_box() for i in range(2)))
