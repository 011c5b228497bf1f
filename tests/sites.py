"""Build a site the way `make build` does, for tests: the real `mkdocs build --strict`, with the hook
pointed at a package and private output folders (work/generated, work/site), never the repository's.

One implementation serves the tests and the published accessibility results:
scripts/accessibility_report.py's build_site (and its server and browser helpers, as `report`).

Each package's site is built once per test run and served on 127.0.0.1 (BuiltSites, the session
fixture `built` of conftest.py): the browser tests, the download tests and the page tests share it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import accessibility_report as report  # noqa: E402 - lives in scripts/, found through the path above

build_site = report.build_site
PACKAGES = {"real": ROOT / "datapackage", "valid": ROOT / "tests" / "fixtures" / "valid",
            "statuses": ROOT / "tests" / "fixtures" / "statuses", "cycle": ROOT / "tests" / "fixtures" / "cycle"}


@dataclass(frozen=True)
class Built:
    name: str
    data: Path  # the package
    base: str  # the address it is served at, which the build was told (SITE_URL)
    root: Path  # the built site folder


class BuiltSites:
    """Build a package's site on first use, serve it, and hand the same one to every later caller."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.sites: dict[str, Built] = {}
        self.servers: list = []

    def __call__(self, name: str) -> Built:
        if name not in self.sites:
            work = self.work / name
            server = report.start_server(work / "site")
            self.servers.append(server)
            base = report.base_url(server)
            self.sites[name] = Built(name, PACKAGES[name], base, build_site(PACKAGES[name], work, base))
        return self.sites[name]

    def close(self) -> None:
        for server in self.servers:
            server.shutdown()


__all__ = ["PACKAGES", "ROOT", "Built", "BuiltSites", "build_site", "report"]
