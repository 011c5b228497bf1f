"""The MkDocs hook as a fork's clerk meets it: `build_data.py --data DIR` and then a plain
`mkdocs build` publish DIR (they published datapackage/ before, silently), and the log says so; the
site's name comes from the package published."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sites import ROOT, project_for

FIXTURE = ROOT / "tests" / "fixtures" / "valid"


def test_mkdocs_publishes_the_package_the_data_stage_last_built(tmp_path: Path) -> None:
    generated, site = tmp_path / "generated", tmp_path / "site"
    env = {k: v for k, v in os.environ.items() if k not in ("PLANSITE_DATA", "SITE_URL")}
    env.update(PLANSITE_OUT=str(generated), NO_MKDOCS_2_WARNING="1")
    data = subprocess.run(
        [sys.executable, "scripts/build_data.py", "--data", str(FIXTURE), "--out", str(generated)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert data.returncode == 0, data.stderr
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project_for(FIXTURE, tmp_path / "project"), env=env, capture_output=True, text=True, timeout=600,
    )
    assert build.returncode == 0, build.stderr
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "架空市市民活動促進基本計画（テスト用）" in home and "下関市" not in home.split("<article", 1)[1]
    assert f"データパッケージ {FIXTURE}" in build.stderr  # the log names the package it publishes
    # the site's name is the fixture's, not mkdocs.yml's
    assert "<title>ホーム - 架空市市民活動促進基本計画（テスト用） 進捗状況</title>" in home
