"""The `plan` tests (Shimonoseki's own data and pages, tests/plan.py) run upstream and only skip in a
fork: the skip cannot hide them where Shimonoseki's package is."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from plan import REPO_PACKAGE, SKIP_REASON, UPSTREAM_PACKAGE_NAME, is_upstream

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def skipped_by_us(item: pytest.Item) -> bool:
    return any(mark.name == "skip" and mark.kwargs.get("reason") == SKIP_REASON for mark in item.iter_markers())


def test_plan_tests_run_where_shimonoseki_s_package_is_and_skip_elsewhere(request: pytest.FixtureRequest) -> None:
    plan_tests = [item for item in request.session.items if item.get_closest_marker("plan")]
    skipped = [item.nodeid for item in plan_tests if skipped_by_us(item)]
    if is_upstream():
        assert skipped == []
    else:
        assert skipped == [item.nodeid for item in plan_tests]
    # nothing but a plan test is skipped for the plan's sake
    assert [item.nodeid for item in request.session.items if skipped_by_us(item) and not item.get_closest_marker("plan")] == []


def test_shimonoseki_s_package_is_never_taken_for_a_fork_s() -> None:
    """A package titled as Shimonoseki's plan is recognised as upstream's: renaming it cannot skip
    the plan tests without this test failing."""
    descriptor = json.loads((REPO_PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    if "下関市" in descriptor["title"]:
        assert descriptor["name"] == UPSTREAM_PACKAGE_NAME and is_upstream()


def test_another_plan_is_not_taken_for_shimonoseki_s(tmp_path: Path) -> None:
    assert not is_upstream(FIXTURES / "other-city")
    assert not is_upstream(FIXTURES / "cycle")
    copy = shutil.copytree(FIXTURES / "other-city", tmp_path / "package")
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    (copy / "datapackage.json").write_text(json.dumps({**descriptor, "name": UPSTREAM_PACKAGE_NAME}), encoding="utf-8")
    assert is_upstream(copy)
