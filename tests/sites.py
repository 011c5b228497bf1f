"""Build a site the way `make build` does, for tests: the real `mkdocs build --strict`, with the hook
pointed at a package and private output folders (work/generated, work/site), never the repository's.

SITE_URL is the address the site will be served at; without it the mkdocs.yml default is used, even
when the caller's environment sets one, so that a test's output does not depend on the shell.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_site(data: Path, work: Path, site_url: str | None = None, **env: str) -> Path:
    site = work / "site"
    environment = {
        **os.environ, **env, "NO_MKDOCS_2_WARNING": "1",
        "PLANSITE_DATA": str(data), "PLANSITE_OUT": str(work / "generated"),
    }
    environment.pop("SITE_URL", None)
    if site_url:
        environment["SITE_URL"] = site_url
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        cwd=ROOT, env=environment, capture_output=True, text=True, encoding="utf-8", timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site
