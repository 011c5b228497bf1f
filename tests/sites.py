"""Build a site the way `make build` does, for tests: the real `mkdocs build --strict`, with the hook
pointed at a package and private output folders (work/generated, work/site), never the repository's.

One implementation serves the tests and the published accessibility results:
scripts/accessibility_report.py's build_site (and its server and browser helpers, as `report`).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import accessibility_report as report  # noqa: E402 - lives in scripts/, found through the path above

build_site = report.build_site

__all__ = ["ROOT", "build_site", "report"]
