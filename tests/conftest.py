"""Shared fixtures: a private copy of the valid fixture package per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutations import copy_valid


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/valid/ that the test may break as it likes."""
    return copy_valid(tmp_path / "package")
