"""Every failure mode is reported with its code, file, line and column; the valid fixture passes.

Assertions are on (code, file name, line, column), never on the Japanese wording, which is for staff
and may be improved freely.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mutations import (
    CASES,
    CYCLE,
    DESCRIPTOR,
    VALID,
    Case,
    add_column,
    append_line,
    copy_fixture,
    drop_column,
    path_of,
    set_cell,
)
from plansite.load import load_package
from plansite.problems import CODES, Problem
from plansite.validate import validate_package


def check(root: Path) -> list[Problem]:
    """Load and validate as the command does; every problem of both stages."""
    package, problems = load_package(root)
    if package is not None:
        problems += validate_package(package)[0]
    return problems


def locations(problems: list[Problem]) -> set[tuple[str, str, int, int]]:
    return {(p.code, Path(p.file).name, p.line, p.column) for p in problems}


def test_valid_fixture_has_no_problems() -> None:
    assert check(VALID) == []


def test_valid_fixture_is_labelled_as_made_up() -> None:
    """Its numbers are invented: the package must say so wherever it is shown (design §2)."""
    descriptor = json.loads((VALID / DESCRIPTOR).read_text(encoding="utf-8"))
    assert "架空のデータ（テスト用）" in descriptor["title"]
    assert "架空のデータ（テスト用）" in descriptor["description"]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_broken_package_gives_exactly_its_problems(case: Case, tmp_path: Path) -> None:
    package = copy_fixture(case.base, tmp_path / "package")
    case.mutate(package)
    problems = check(package)
    assert locations(problems) == case.expected
    assert all(p.message.strip() for p in problems)


def test_every_code_is_exercised() -> None:
    """A code no case produces is a check nobody has seen fire (or a catalogue entry to remove)."""
    produced = {code for c in CASES for code, *_ in c.expected}
    assert set(CODES) - produced == set()
    assert produced - set(CODES) == set(), "a check yields a code missing from problems.CODES"
    assert {c.code for c in CASES} == set(CODES)


def test_problem_codes_are_stable_slugs() -> None:
    for code in CODES:
        assert code == code.lower() and " " not in code and "_" not in code


def test_excel_csv_utf8_is_valid(package: Path) -> None:
    """Excel's 「CSV UTF-8（コンマ区切り）」 writes a byte-order mark and CRLF line ends."""
    for path in (package / "data").glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    loaded, problems = load_package(package)
    assert problems == []
    problems, tables = validate_package(loaded)
    assert problems == []
    # the mark is not part of the first column's name, and no value keeps a \r
    assert list(tables["observations"].columns[:2]) == ["indicator_id", "period"]
    assert tables["observations"]["published"].notna().all()
    assert not tables["observations"]["source"].str.contains("\r").any()


def test_excel_problem_lines_are_unchanged_by_bom_and_crlf(package: Path) -> None:
    set_cell(package, "observations.csv", 5, "value", "１４.５")
    path = path_of(package, "observations.csv")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert locations(check(package)) == {("full-width-digits", "observations.csv", 5, 3)}


def test_quoted_cell_with_line_break_counts_as_one_row(package: Path) -> None:
    """A note with Alt+Enter in Excel is one spreadsheet row: later rows keep their numbers."""
    set_cell(package, "observations.csv", 3, "note", "1行目\n2行目")
    set_cell(package, "observations.csv", 5, "value", "H30")
    assert locations(check(package)) == {("japanese-era-year", "observations.csv", 5, 3)}


def test_all_problems_in_all_files_are_reported_in_one_run(package: Path) -> None:
    path_of(package, "actors.csv").write_bytes(path_of(package, "actors.csv").read_text(encoding="utf-8").encode("shift_jis"))
    set_cell(package, "observations.csv", 3, "period", "平成28")
    set_cell(package, "observations.csv", 5, "value", "120")
    set_cell(package, "indicators.csv", 3, "period_type", "年次")
    add_column(package, "actions.csv", "memo", "")
    append_line(package, "roles.csv", "p1-02,city")
    assert locations(check(package)) == {
        ("encoding-error", "actors.csv", 2, 12),
        ("japanese-era-year", "observations.csv", 3, 2),
        ("percent-out-of-range", "observations.csv", 5, 3),
        ("invalid-value", "indicators.csv", 3, 7),
        ("extra-column", "actions.csv", 1, 5),
        ("duplicate-key", "roles.csv", 7, 2),
    }


def test_every_bad_cell_of_a_column_is_reported(package: Path) -> None:
    """Not only the first: staff fix the whole file in one go."""
    for line in (3, 4, 5):
        set_cell(package, "observations.csv", line, "value", f"{line},000")
    assert locations(check(package)) == {("thousands-separator", "observations.csv", line, 3) for line in (3, 4, 5)}


def test_problems_are_reported_in_file_and_line_order(package: Path) -> None:
    set_cell(package, "observations.csv", 5, "value", "120")
    set_cell(package, "observations.csv", 3, "value", "１２")
    set_cell(package, "indicators.csv", 3, "period_type", "年次")
    loaded, _ = load_package(package)
    problems, _ = validate_package(loaded)
    assert [(Path(p.file).name, p.line) for p in problems] == [
        ("indicators.csv", 3), ("observations.csv", 3), ("observations.csv", 5)
    ]


# The yearly cycle (design §9) ----------------------------------------------------------------------


def test_cycle_fixture_has_no_problems() -> None:
    assert check(CYCLE) == []


def test_a_status_outside_the_list_names_the_japanese_words(tmp_path: Path) -> None:
    """The one check on wording: naming the words an annual report prints is what this message is for.

    The words come from the field's `categories` in datapackage.json, as the pages' will."""
    package = copy_fixture(CYCLE, tmp_path / "package")
    set_cell(package, "action_progress.csv", 2, "status", "済")
    set_cell(package, "action_progress.csv", 3, "status", "実施")  # the report's word, not the code
    problems = check(package)
    assert locations(problems) == {("invalid-value", "action_progress.csv", line, 4) for line in (2, 3)}
    messages = {p.line: p.message for p in problems}
    for value, word in (("implemented", "実施"), ("partly", "一部実施"), ("not_implemented", "未実施"), ("not_applicable", "該当なし")):
        assert f"{value}（{word}）" in messages[2] and f"{value}（{word}）" in messages[3]
    # for the report's word, the value to write is named before the list of all of them
    assert "implemented" in messages[3].split("implemented（実施）")[0]
    assert "implemented" not in messages[2].split("implemented（実施）")[0]


def test_cycle_rules_run_when_the_indicators_cannot_be_read(tmp_path: Path) -> None:
    """The cycle's rules do not wait for the indicators; a scope is not judged against a table that
    did not parse (its own problem says why)."""
    package = copy_fixture(CYCLE, tmp_path / "package")
    drop_column(package, "indicators.csv", "unit")
    set_cell(package, "reports.csv", 2, "published", "2019-09-01")
    assert locations(check(package)) == {
        ("missing-column", "indicators.csv", 1, 6),
        ("dates-out-of-order", "reports.csv", 2, 4),
    }


def test_cycle_rules_run_in_a_plan_without_indicators(tmp_path: Path) -> None:
    """A descriptor without indicators and observations: the cycle is still checked, and a scope
    can then only be the plan or a policy."""
    package = copy_fixture(CYCLE, tmp_path / "package")
    descriptor = json.loads(path_of(package, DESCRIPTOR).read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] not in ("indicators", "observations")]
    path_of(package, DESCRIPTOR).write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    set_cell(package, "reports.csv", 3, "evaluated", "2020-10-20")
    assert locations(check(package)) == {
        ("unknown-scope", "evaluations.csv", 6, 2),  # centre-users: an indicator this plan lacks
        ("dates-out-of-order", "reports.csv", 3, 7),
    }


def test_a_plan_without_the_cycle_has_no_cycle_problems(tmp_path: Path) -> None:
    """The cycle is optional (design §9): the valid fixture has none of its resources."""
    descriptor = json.loads((VALID / DESCRIPTOR).read_text(encoding="utf-8"))
    assert not {"reports", "action_progress", "evaluations"} & {r["name"] for r in descriptor["resources"]}
    assert check(VALID) == []
