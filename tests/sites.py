"""Build a site the way `make build` does, for tests: the real `mkdocs build --strict`, with the hook
pointed at a package and private output folders (work/generated, work/site), never the repository's.

One implementation serves the tests and the published accessibility results:
scripts/accessibility_report.py's build_site (and its server and browser helpers, as `report`).

Each package's site is built once per test run and served on 127.0.0.1 (BuiltSites, the session
fixture `built` of conftest.py): the browser tests, the download tests and the page tests share it.
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import accessibility_report as report  # noqa: E402 - lives in scripts/, found through the path above


def build_site(data: Path, work: Path, site_url: str | None = None, root: Path = ROOT, **extra: str) -> Path:
    """report.build_site, and in a fork that removed docs/promotion.md (FORKING.md) a site for a test
    package that names that page all the same (tests/fixtures/valid, statuses): built from a copy of
    the project with a stand-in page, as the package needs. Upstream the page is there and the site
    is built from the repository itself, as before."""
    if root == ROOT:
        root = project_for(data, work / "project")
    return report.build_site(data, work, site_url, root, **extra)


def project_for(data: Path, work: Path) -> Path:
    """The project to build `data` with: the repository, or in a fork without the promotion page
    that the test package names, a copy of it at `work` with a stand-in page."""
    return project_with_stand_in_promotion_page(data, work) if missing_promotion_page(data, ROOT) else ROOT


def missing_promotion_page(data: Path, root: Path) -> str | None:
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    page = descriptor.get("site", {}).get("promotion_page")
    return page if page and not (root / "docs" / page).is_file() else None


def project_with_stand_in_promotion_page(data: Path, target: Path) -> Path:
    """The project's site files at `target` (the engine linked, not copied) and a short page where the
    package's site.promotion_page points."""
    page = missing_promotion_page(data, ROOT)
    if (target / "docs" / page).is_file():  # made by an earlier build into the same folder
        return target
    ignore = shutil.ignore_patterns("__pycache__")
    for folder in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
    for folder in ("src", "datapackage"):  # the engine, and the package mkdocs.yml watches
        (target / folder).symlink_to(ROOT / folder, target_is_directory=True)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "docs" / page).write_text("# 計画の推進\n\nテスト用のページです。\n", encoding="utf-8")
    return target

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


# Page templates that only some sites have: the resource or the hand-written page each needs
OPTIONAL_TEMPLATES = {"roles": ("resource", "roles"), "reports": ("resource", "reports"),
                      "promotion": ("page", "promotion.md"), "method": ("page", "method.md"),
                      "accessibility": ("page", "accessibility.md")}


def templates_of(data: Path) -> list[str]:
    """The keys of report.TEMPLATES that the site of package `data` has (design §10: optional parts
    appear only when the package has them), so that a fork's site is checked on every page it has.
    Shimonoseki's site has them all (tests/browser/test_accessibility.py checks that)."""
    resources = {r["name"] for r in json.loads((data / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    has = {"resource": lambda name: name in resources, "page": lambda name: (ROOT / "docs" / name).is_file()}
    return [key for key in report.TEMPLATES
            if key not in OPTIONAL_TEMPLATES or has[OPTIONAL_TEMPLATES[key][0]](OPTIONAL_TEMPLATES[key][1])]


__all__ = ["PACKAGES", "ROOT", "Built", "BuiltSites", "build_site", "project_for", "report", "templates_of"]
