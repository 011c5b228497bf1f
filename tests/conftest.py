"""Shared fixtures: a private copy of the valid fixture package per test, and each package's site,
built once per run and served (tests/sites.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutations import copy_valid
from sites import BuiltSites


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
