"""Browser fixtures: each site is built once per session, served on 127.0.0.1, seen by one Chromium.

Two sites (built once per run for all tests, tests/sites.py): the fixture package tests/fixtures/valid/ (made-up actuals, so every kind of status and a
chart with a line) and the real datapackage/ (what is published). Helpers are in pages.py.
"""

from __future__ import annotations

import pytest
from pages import Site, new_page, report


def browsed(built) -> Site:
    return Site(built.base, built.root, report.page_templates(*report.first_ids(built.data)))


@pytest.fixture(scope="session")
def fixture_site(built) -> Site:
    return browsed(built("valid"))


@pytest.fixture(scope="session")
def real_site(built) -> Site:
    return browsed(built("real"))


@pytest.fixture(scope="session")
def cycle_site(built) -> Site:
    """The cycle fixture: three fictional years of annual reports (design §9)."""
    return browsed(built("cycle"))


@pytest.fixture(scope="session")
def sites(request: pytest.FixtureRequest):
    """Look a site up by name, so that tests can be parametrised over both."""
    return lambda name: request.getfixturevalue(f"{name}_site")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = report.launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(params=list(report.VIEWPORTS), ids=list(report.VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def desktop(browser):
    page = new_page(browser, "desktop")
    yield page
    page.context.close()


@pytest.fixture
def phone(browser):
    page = new_page(browser, "phone")
    yield page
    page.context.close()
