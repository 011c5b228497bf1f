"""datapackage/README.md, the staff guide, is a tested artifact: it keeps up with the code and schema."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from plansite.load import load_package
from plansite.problems import CODES
from plansite.validate import validate_package

PACKAGE = Path(__file__).resolve().parents[1] / "datapackage"
GUIDE = PACKAGE / "README.md"
RESOURCES = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))["resources"]


def read_guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def section(title: str) -> str:
    """The text of one '##'/'###' section, up to the next heading of any level."""
    match = re.search(rf"^#+ {re.escape(title)}.*?$(.*?)(?=^#+ |\Z)", read_guide(), re.M | re.S)
    assert match, f"no section {title!r} in {GUIDE.name}"
    return match.group(1)


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_problem_code_is_explained(code: str) -> None:
    """A clerk who sees [code] finds a row of the table saying what it means and how to fix it."""
    rows = [line for line in section("問題コードの一覧").splitlines() if line.startswith(f"| `{code}` |")]
    assert len(rows) == 1, code
    meaning, fix = (cell.strip() for cell in rows[0].split("|")[2:4])
    assert meaning and fix


def test_no_unknown_code_is_documented() -> None:
    documented = re.findall(r"^\| `([a-z-]+)` \|", section("問題コードの一覧"), re.M)
    assert set(documented) == set(CODES)


@pytest.mark.parametrize("resource", RESOURCES, ids=[r["name"] for r in RESOURCES])
def test_every_column_of_every_file_is_explained(resource: dict) -> None:
    text = section(Path(resource["path"]).name)
    for field in resource["schema"]["fields"]:
        assert re.search(rf"^\| `{field['name']}` \|", text, re.M), f"{resource['path']}: {field['name']}"


def test_saving_from_excel_is_explained() -> None:
    assert "CSV UTF-8（コンマ区切り）" in section("Excel で編集・保存するとき")


def csv_blocks() -> list[list[list[str]]]:
    """The rows of every ```csv block of the guide (indentation in a list item removed)."""
    blocks = re.findall(r"```csv\n(.*?)```", read_guide(), re.S)
    return [list(csv.reader(io.StringIO(re.sub(r"^ +", "", block, flags=re.M)))) for block in blocks]


def headed_by(rows: list[list[str]]) -> dict | None:
    """The resource whose header line a block starts with, if any."""
    return next((r for r in RESOURCES if rows[0] == [f["name"] for f in r["schema"]["fields"]]), None)


@pytest.mark.plan
def test_csv_examples_fit_observations() -> None:
    """A sample row a clerk copies must have exactly the columns of observations.csv."""
    fields = next(r for r in RESOURCES if r["name"] == "observations")["schema"]["fields"]
    blocks = [rows for rows in csv_blocks() if headed_by(rows) is None]
    assert blocks
    for block in blocks:
        for row in block:
            assert len(row) == len(fields), row


@pytest.mark.plan
def test_the_example_of_a_years_report_passes_the_check(tmp_path: Path) -> None:
    """The sample rows of a year's report (blocks headed by their file's header line), added to a
    copy of the real package in the guide's order, pass the check: a clerk who copies them has only
    the words and dates to change. They say they are made up, so no one copies them as data."""
    examples = {headed_by(rows)["name"]: rows for rows in csv_blocks() if headed_by(rows) is not None}
    assert list(examples) == ["reports", "action_progress", "evaluations"]
    package = tmp_path / "datapackage"
    shutil.copytree(PACKAGE, package)
    for name, (header, *rows) in examples.items():
        assert rows
        assert all("架空" in cell for row in rows for cell in row if not re.fullmatch(r"[a-z0-9_-]+|[0-9-]+", cell) and cell), name
        path = package / "data" / f"{name}.csv"
        assert path.read_text(encoding="utf-8").splitlines()[0].split(",") == header, name
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        path.write_bytes(path.read_bytes() + buffer.getvalue().encode("utf-8"))
    loaded, problems = load_package(package)
    assert problems == []
    assert validate_package(loaded)[0] == []
