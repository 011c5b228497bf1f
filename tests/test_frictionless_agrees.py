"""Our vectorised Table Schema checks agree with frictionless, the reference validator.

validate.py does not use frictionless' row validation because it is too slow for the budget of
design §7 (see the docstring at the top of validate.py). This test documents that the two agree:
frictionless accepts the valid fixture and rejects every schema-level broken package that our
validator rejects, on the same row, and the file- and row-level mistakes too.

Where we are deliberately stricter, frictionless accepts: full-width digits (Python's float() reads
「１２.５」, but Excel, R and most readers of a published CSV do not), a cell of spaces in a required
field, and a blank line above the header. The domain rules of design §3 are ours alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from frictionless import Package

from mutations import CASES, CYCLE, VALID, Case, copy_fixture

SCHEMA_LEVEL = [c for c in CASES if c.schema_level]
FILE_AND_ROW_CODES = {
    "encoding-error", "empty-file", "missing-file", "missing-column", "extra-column", "duplicate-column",
    "wrong-cell-count", "blank-row", "japanese-era-year", "thousands-separator",
}
# frictionless raises instead of reporting on an unreadable descriptor; it skips a blank line above the header
NOT_COMPARED = {"encoding-error-descriptor", "missing-file-descriptor", "blank-row-before-header"}
FILE_AND_ROW_LEVEL = [c for c in CASES if c.code in FILE_AND_ROW_CODES and c.id not in NOT_COMPARED]


@pytest.mark.parametrize("fixture", [VALID, CYCLE], ids=["valid", "cycle"])
def test_frictionless_accepts_the_valid_fixtures(fixture: Path) -> None:
    report = Package(fixture / "datapackage.json").validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_schema_level_cases_cover_the_table_schema_codes() -> None:
    codes = {c.code for c in SCHEMA_LEVEL}
    assert {"type-error", "required-value", "duplicate-key", "unknown-reference",
            "pattern-mismatch", "invalid-value", "out-of-range"} <= codes


@pytest.mark.parametrize("case", SCHEMA_LEVEL, ids=[c.id for c in SCHEMA_LEVEL])
def test_frictionless_rejects_what_we_reject(case: Case, tmp_path: Path) -> None:
    root = copy_fixture(case.base, tmp_path / "package")
    case.mutate(root)
    report = Package(root / "datapackage.json").validate()
    assert not report.valid
    # frictionless numbers rows as we do (header = 1); it reports the same rows of the same files
    ours = {(file, line) for _, file, line, _ in case.expected}
    theirs = {
        (Path(task.place).name, error.row_number)
        for task in report.tasks
        for error in task.errors
        if getattr(error, "row_number", None)
    }
    assert ours <= theirs, (ours, theirs)


@pytest.mark.parametrize("case", FILE_AND_ROW_LEVEL, ids=[c.id for c in FILE_AND_ROW_LEVEL])
def test_frictionless_rejects_file_and_row_mistakes(case: Case, tmp_path: Path) -> None:
    root = copy_fixture(case.base, tmp_path / "package")
    case.mutate(root)
    assert not Package(root / "datapackage.json").validate().valid
