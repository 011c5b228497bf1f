"""A browser without ResizeObserver (Safari before 13.1, Chrome before 64, Firefox before 69) gets the
polyfill from the site itself, and Material's script runs; no request leaves the site (design §5)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from pages import new_page

pytestmark = pytest.mark.browser

POLYFILL = "assets/javascripts/resize-observer-polyfill/ResizeObserver.js"


@pytest.mark.parametrize("template", ["home", "indicator"])
def test_without_resize_observer_the_polyfill_comes_from_the_site(fixture_site, browser, template):
    page = new_page(browser, "desktop")
    page.add_init_script("delete window.ResizeObserver")
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        with page.expect_response(lambda response: response.url.endswith(POLYFILL)) as polyfill:
            page.goto(fixture_site.at(fixture_site.templates[template]))
        assert polyfill.value.ok
        # Material's script went on with the polyfill: it sizes the sidebar from the observed sizes
        page.wait_for_function("typeof ResizeObserver === 'function' && document.querySelector('.md-sidebar__scrollwrap').style.height !== ''")
        page.wait_for_load_state("networkidle")
    finally:
        page.context.close()
    assert errors == []
    site = urlsplit(fixture_site.url).netloc
    assert [url for url in requests if urlsplit(url).netloc != site] == []
    assert any(url == fixture_site.at(POLYFILL) for url in requests)


def test_a_modern_browser_does_not_load_the_polyfill(fixture_site, desktop):
    requests: list[str] = []
    desktop.on("request", lambda request: requests.append(request.url))
    desktop.goto(fixture_site.at(fixture_site.templates["indicator"]))
    desktop.wait_for_load_state("networkidle")
    assert requests and not any(url.endswith(POLYFILL) for url in requests)
