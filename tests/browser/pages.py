"""Helpers of the browser tests: the built site, a fresh page at a named width.

The build, the server, the browser and axe come from scripts/accessibility_report.py, so that the
published accessibility results and these tests open and check the pages one way.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import accessibility_report as report  # noqa: E402 - lives in scripts/, found through the path above

__all__ = ["ROOT", "Site", "new_page", "report"]


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
