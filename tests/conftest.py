"""Shared fixtures: a private copy of the valid fixture package per test, each package's site, built
once per run and served (tests/sites.py), and the run's own cache of share cards. And the skip of the
`plan` tests in a fork (tests/plan.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mutations import copy_valid
from plan import SKIP_REASON, is_upstream
from sites import BuiltSites


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In a fork (datapackage/ holds another plan), skip the tests of Shimonoseki's plan (tests/plan.py).
    Upstream nothing is skipped, and test_plan.py fails if anything would be."""
    if is_upstream():
        return
    for item in items:
        if item.get_closest_marker("plan"):
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/valid/ that the test may break as it likes."""
    return copy_valid(tmp_path / "package")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """built("real" | "valid" | "statuses"): that package's site, built once and served."""
    sites = BuiltSites(tmp_path_factory.mktemp("built"))
    yield sites
    sites.close()


@pytest.fixture(scope="session", autouse=True)
def card_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The share cards' cache of this run (card.py, PLANSITE_CACHE): every build of the run, in this
    process or a child, reads and fills it, never the user's ~/.cache; each run starts cold."""
    folder = tmp_path_factory.mktemp("card-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANSITE_CACHE", str(folder))
        yield folder
