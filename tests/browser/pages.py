"""Helpers of the browser tests: the built site, a fresh page at a named width.

The build, the server, the browser and axe come from scripts/accessibility_report.py (through
tests/sites.py), so that the published accessibility results and these tests open and check the pages
one way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sites import ROOT, report, templates_of

__all__ = ["ROOT", "Site", "follow", "new_page", "report", "templates_of"]


@dataclass(frozen=True)
class Site:
    """A built site and where it is served."""

    url: str
    directory: Path
    templates: dict[str, str]  # template key → path from the site root

    def at(self, path: str) -> str:
        return self.url + path


def new_page(browser, viewport: str = "desktop"):
    """A page in a fresh context (no cache or storage shared with other tests) at a named width."""
    context = browser.new_context(viewport=report.VIEWPORTS[viewport])
    return context.new_page()


def follow(page, site: Site, href_end: str, path: str, text: str | None = None) -> None:
    """Click the content link whose address ends with `href_end` (and whose text has `text`), and wait
    until the address is the page at `path` (navigation.tracking may add a section's anchor: #_2)."""
    page.locator(f'.md-content a[href$="{href_end}"]', has_text=text).first.click()
    page.wait_for_url(lambda url: url.split("#")[0] == site.at(path))
