"""Which plan is in datapackage/: the tests of Shimonoseki's own plan run only when it is there.

Upstream's tests are of two kinds. Engine tests build and read any package (a fixture, or the one in
datapackage/). Tests marked `plan` check what was transcribed from Shimonoseki's plan (its figures,
indicator ids, ordinance, the words of its hand-written pages): in a fork, whose datapackage/ holds
another plan, they have nothing to check and are skipped (conftest.py). A fork's own data is checked
by `scripts/build_data.py --check` and by the engine tests, which build its site.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPO_PACKAGE = ROOT / "datapackage"
# The `name` of upstream's datapackage.json: the one fact that says the package is Shimonoseki's
UPSTREAM_PACKAGE_NAME = "shimonoseki-civic-activity-plan"

SKIP_REASON = (
    "下関市の計画のデータ（datapackage/ の数値・指標・役割区分）と上流の手書きのページを確かめるテストです。"
    f"datapackage/ が下関市のもの（datapackage.json の name が {UPSTREAM_PACKAGE_NAME}）ではないため実行しません。"
    "フォークのデータは scripts/build_data.py --check と、そのデータでサイトを作るエンジンのテストが確かめます"
)


def package_name(package: Path = REPO_PACKAGE) -> str | None:
    """The `name` of the package's datapackage.json (None when it has none)."""
    return json.loads((package / "datapackage.json").read_text(encoding="utf-8")).get("name")


def is_upstream(package: Path = REPO_PACKAGE) -> bool:
    """Whether the package is Shimonoseki's plan, so that the `plan` tests have something to check."""
    return package_name(package) == UPSTREAM_PACKAGE_NAME
