"""One broken package per failure mode: the valid fixture with one mistake, made at test time.

Each Case names the problem code it must produce, a mutation applied to a copy of
tests/fixtures/valid/ (or, for the yearly cycle of design §9, of tests/fixtures/cycle/) and the exact problems expected as (code, file name, line, column), with lines as
a spreadsheet shows them (header = line 1, first data row = line 2). Mutations are chosen so that one
mistake gives exactly the listed problems; where one mistake honestly gives two (a renamed column is
both missing and extra), both are listed.

Shared by test_invalid.py (our validator) and test_frictionless_agrees.py (the reference validator).
Generating the broken packages here, rather than committing twenty folders, keeps each one a
readable one-line difference from the valid fixture that cannot drift from it.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid"
CYCLE = FIXTURES / "cycle"  # the valid fixture with three fictional years of the chapter 5 cycle
DESCRIPTOR = "datapackage.json"

Location = tuple[str, str, int, int]  # (code, file name, line, column)


def copy_valid(destination: Path) -> Path:
    """A private copy of the valid fixture; tests never touch the committed one."""
    return copy_fixture(VALID, destination)


def copy_fixture(base: Path, destination: Path) -> Path:
    """A private copy of a committed fixture package (VALID or CYCLE)."""
    shutil.copytree(base, destination)
    return destination


def path_of(root: Path, file: str) -> Path:
    return root / file if file == DESCRIPTOR else root / "data" / file


def replace(root: Path, file: str, old: str, new: str) -> None:
    """Replace one exact, unique piece of a file's text (so a fixture edit cannot go unnoticed)."""
    path = path_of(root, file)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_bytes(text.replace(old, new).encode("utf-8"))


def drop_resources(root: Path, *names: str) -> None:
    """Take resources out of the descriptor (their files stay), as a fork trimming a plan would."""
    path = path_of(root, DESCRIPTOR)
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    before = len(descriptor["resources"])
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] not in names]
    assert len(descriptor["resources"]) == before - len(names), names
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def replace_line(root: Path, file: str, line: int, new: str) -> None:
    """Replace a whole line (1 = header) with new text."""
    path = path_of(root, file)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = new
    path.write_bytes("\n".join(lines).encode("utf-8"))


def insert_line(root: Path, file: str, line: int, new: str) -> None:
    """Insert new text so that it becomes line `line`."""
    path = path_of(root, file)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(line - 1, new)
    path.write_bytes("\n".join(lines).encode("utf-8"))


def drop_line(root: Path, file: str, line: int) -> None:
    path = path_of(root, file)
    lines = path.read_text(encoding="utf-8").split("\n")
    del lines[line - 1]
    path.write_bytes("\n".join(lines).encode("utf-8"))


def append_line(root: Path, file: str, new: str) -> None:
    path = path_of(root, file)
    path.write_bytes(path.read_bytes() + new.encode("utf-8") + b"\n")


def read_rows(root: Path, file: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path_of(root, file).read_text(encoding="utf-8"), newline="")))


def write_rows(root: Path, file: str, rows: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path_of(root, file).write_bytes(buffer.getvalue().encode("utf-8"))


def set_cell(root: Path, file: str, line: int, column: str, value: str) -> None:
    """Set one cell, addressed as a spreadsheet would: line number and column name."""
    rows = read_rows(root, file)
    rows[line - 1][rows[0].index(column)] = value
    write_rows(root, file, rows)


def drop_column(root: Path, file: str, column: str) -> None:
    rows = read_rows(root, file)
    index = rows[0].index(column)
    write_rows(root, file, [row[:index] + row[index + 1 :] for row in rows])


def add_column(root: Path, file: str, name: str, value: str) -> None:
    rows = read_rows(root, file)
    write_rows(root, file, [rows[0] + [name]] + [row + [value] for row in rows[1:]])


def reencode(root: Path, file: str, encoding: str) -> None:
    path = path_of(root, file)
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))


@dataclass(frozen=True)
class Case:
    id: str
    code: str  # the failure mode this case is about
    mutate: Callable[[Path], None]
    expected: frozenset[Location]
    schema_level: bool = False  # a Table Schema rule that frictionless checks too
    base: Path = VALID  # the fixture the mutation is applied to

    def __repr__(self) -> str:  # readable ids in pytest output
        return self.id


def case(id: str, code: str, mutate: Callable[[Path], None], *expected: Location, schema_level: bool = False, base: Path = VALID) -> Case:
    return Case(id, code, mutate, frozenset(expected), schema_level, base)


def cycle_case(id: str, code: str, mutate: Callable[[Path], None], *expected: Location, schema_level: bool = False) -> Case:
    """A mistake in a year's annual report, made on a copy of the cycle fixture."""
    return case(id, code, mutate, *expected, schema_level=schema_level, base=CYCLE)


OBS = "observations.csv"
IND = "indicators.csv"

# Lines of the valid fixture that the cases below address:
#   indicators.csv   2 partnership-awareness (%, 年)  3 registered-groups (団体, 年度)  4 centre-users (人, 年度)
#   observations.csv 2 partnership-awareness 2014 (baseline)  3 …2016  4 …2017  5 …2018
#                    6 registered-groups 2014 (baseline)  7 …2015  8 centre-users 2013 (baseline)
#   roles.csv        2–6, actors.csv 2 citizens 3 city, actions.csv 2–4
NEW_INDICATOR = "{id},p2,2,市民活動センターの認知度,知っている,%,年,increase,2014,2020,20,市民意識調査（架空）,"
NAME_LINE = '  "name": "plansite-test-fixture",\n'


# Lines of the cycle fixture that the cycle cases address:
#   reports.csv          2 fy2018 (all four dates)  3 fy2019 (no url)  4 fy2020 (not evaluated)
#                        columns: report_id 1, fiscal_year 2, title 3, published 4, url 5, evaluated 6,
#                        reported_to_committee 7, source 8, note 9
#   action_progress.csv  2–5 fy2018, 6–9 fy2019, 10–12 fy2020; columns: report_id 1, action_id 2,
#                        actor_id 3, status 4, activities 5, department 6, source 7
#   evaluations.csv      2 fy2018 plan  3 fy2018 p1  4 fy2019 plan  5 fy2019 p2  6 fy2019 centre-users;
#                        columns: report_id 1, scope 2, evaluation 3, proposals 4, source 5
REP = "reports.csv"
PROG = "action_progress.csv"
EVAL = "evaluations.csv"
NEW_REPORT = "{id},2017,（架空）平成29年度 市民協働参画に関する年次報告,2018-09-28,,,,テスト用の架空データ,"
NEW_PROGRESS = "fy2018,{action},{actor},implemented,（架空）取組を行った。,,テスト用の架空データ"
NEW_EVALUATION = "fy2018,{scope},（架空）評価の文。,,テスト用の架空データ"

CYCLE_CASES: tuple[Case, ...] = (
    # reports.csv: the Table Schema --------------------------------------------------------------
    cycle_case("required-value-published", "required-value",
               lambda root: set_cell(root, REP, 3, "published", ""),
               ("required-value", REP, 3, 4), schema_level=True),
    cycle_case("type-error-published", "type-error",  # Excel's way of showing a date
               lambda root: set_cell(root, REP, 2, "published", "2019/9/30"),
               ("type-error", REP, 2, 4), schema_level=True),
    cycle_case("japanese-era-year-fiscal-year", "japanese-era-year",
               lambda root: set_cell(root, REP, 2, "fiscal_year", "平成30年度"),
               ("japanese-era-year", REP, 2, 2)),
    cycle_case("pattern-mismatch-report-id", "pattern-mismatch",
               lambda root: append_line(root, REP, NEW_REPORT.format(id="FY2017")),
               ("pattern-mismatch", REP, 5, 1), schema_level=True),
    cycle_case("pattern-mismatch-report-id-digit", "pattern-mismatch",  # ids start with a letter
               lambda root: append_line(root, REP, NEW_REPORT.format(id="2017")),
               ("pattern-mismatch", REP, 5, 1), schema_level=True),
    cycle_case("pattern-mismatch-url", "pattern-mismatch",
               lambda root: set_cell(root, REP, 2, "url", "example.org/kakuu/nenji-hokoku-2018.pdf"),
               ("pattern-mismatch", REP, 2, 5), schema_level=True),
    cycle_case("duplicate-key-fiscal-year", "duplicate-key",  # one report a year
               lambda root: set_cell(root, REP, 4, "fiscal_year", "2019"),
               ("duplicate-key", REP, 4, 2), schema_level=True),
    # reports.csv: the domain rules ----------------------------------------------------------------
    cycle_case("dates-out-of-order", "dates-out-of-order",  # published before the committee heard it
               lambda root: set_cell(root, REP, 2, "published", "2019-09-01"),
               ("dates-out-of-order", REP, 2, 4)),
    cycle_case("dates-out-of-order-evaluated", "dates-out-of-order",  # evaluated after the committee
               lambda root: set_cell(root, REP, 3, "evaluated", "2020-10-20"),
               ("dates-out-of-order", REP, 3, 7)),
    cycle_case("dates-out-of-order-across-an-empty-date", "dates-out-of-order",
               lambda root: (set_cell(root, REP, 3, "reported_to_committee", ""),
                             set_cell(root, REP, 3, "evaluated", "2020-11-02")),
               ("dates-out-of-order", REP, 3, 4)),
    cycle_case("date-before-fiscal-year", "date-before-fiscal-year",
               lambda root: set_cell(root, REP, 2, "evaluated", "2018-03-20"),
               ("date-before-fiscal-year", REP, 2, 6)),
    cycle_case("date-before-fiscal-year-published", "date-before-fiscal-year",
               # a year's slip in the date: before the survey year began, and before the committee heard it
               lambda root: set_cell(root, REP, 4, "published", "2020-03-31"),
               ("date-before-fiscal-year", REP, 4, 4), ("dates-out-of-order", REP, 4, 4)),
    cycle_case("fiscal-year-outside-plan", "fiscal-year-outside-plan",
               lambda root: set_cell(root, REP, 4, "fiscal_year", "2021"),
               ("fiscal-year-outside-plan", REP, 4, 2)),
    cycle_case("fiscal-year-outside-plan-before", "fiscal-year-outside-plan",
               lambda root: set_cell(root, REP, 2, "fiscal_year", "2013"),
               ("fiscal-year-outside-plan", REP, 2, 2)),
    # action_progress.csv --------------------------------------------------------------------------
    cycle_case("invalid-value-status", "invalid-value",
               lambda root: set_cell(root, PROG, 2, "status", "済"),
               ("invalid-value", PROG, 2, 4), schema_level=True),
    cycle_case("invalid-value-status-label", "invalid-value",  # the word the report prints
               lambda root: set_cell(root, PROG, 7, "status", "一部実施"),
               ("invalid-value", PROG, 7, 4), schema_level=True),
    cycle_case("required-value-activities", "required-value",
               lambda root: set_cell(root, PROG, 3, "activities", ""),
               ("required-value", PROG, 3, 5), schema_level=True),
    cycle_case("duplicate-key-progress", "duplicate-key",
               lambda root: append_line(root, PROG, NEW_PROGRESS.format(action="p1-01", actor="city")),
               ("duplicate-key", PROG, 13, 3), schema_level=True),
    cycle_case("unknown-reference-progress-role", "unknown-reference",  # no ○ for this pair in roles.csv
               lambda root: append_line(root, PROG, NEW_PROGRESS.format(action="p1-02", actor="citizens")),
               ("unknown-reference", PROG, 13, 2), schema_level=True),
    # A package that keeps the year's progress but leaves out the role division it refers to: the
    # rows would reach no page. The file stays in data/; only the descriptor stops naming it
    cycle_case("missing-resource-progress-without-roles", "missing-resource",
               lambda root: drop_resources(root, "actors", "actions", "roles"),
               ("missing-resource", PROG, 1, 2)),
    cycle_case("missing-resource-part-of-role-division", "missing-resource",
               lambda root: drop_resources(root, "roles"),
               ("missing-resource", PROG, 1, 2), ("missing-resource", DESCRIPTOR, 1, 1)),
    cycle_case("unknown-reference-progress-report", "unknown-reference",
               lambda root: set_cell(root, PROG, 2, "report_id", "fy2017"),
               ("unknown-reference", PROG, 2, 1), schema_level=True),
    cycle_case("formula-injection-activities", "formula-injection",
               lambda root: set_cell(root, PROG, 3, "activities", '=HYPERLINK("http://example.com","詳細")'),
               ("formula-injection", PROG, 3, 5)),
    cycle_case("formula-injection-department", "formula-injection",
               lambda root: set_cell(root, PROG, 3, "department", "@市民協働課"),
               ("formula-injection", PROG, 3, 6)),
    # evaluations.csv ------------------------------------------------------------------------------
    cycle_case("unknown-scope", "unknown-scope",
               lambda root: set_cell(root, EVAL, 3, "scope", "p9"),
               ("unknown-scope", EVAL, 3, 2)),
    cycle_case("unknown-scope-indicator", "unknown-scope",
               lambda root: set_cell(root, EVAL, 6, "scope", "centre-user"),
               ("unknown-scope", EVAL, 6, 2)),
    cycle_case("unknown-scope-space", "unknown-scope",  # the file is published as written
               lambda root: set_cell(root, EVAL, 4, "scope", "plan "),
               ("unknown-scope", EVAL, 4, 2)),
    cycle_case("duplicate-key-evaluation", "duplicate-key",
               lambda root: append_line(root, EVAL, NEW_EVALUATION.format(scope="plan")),
               ("duplicate-key", EVAL, 7, 2), schema_level=True),
    cycle_case("unknown-reference-evaluation-report", "unknown-reference",
               lambda root: set_cell(root, EVAL, 2, "report_id", "fy2021"),
               ("unknown-reference", EVAL, 2, 1), schema_level=True),
    cycle_case("formula-injection-proposals", "formula-injection",
               lambda root: set_cell(root, EVAL, 2, "proposals", "-（架空）若い世代への情報発信を強めること。"),
               ("formula-injection", EVAL, 2, 4)),
    cycle_case("formula-injection-evaluation", "formula-injection",
               lambda root: set_cell(root, EVAL, 4, "evaluation", "+（架空）一部の取組に遅れが見られる。"),
               ("formula-injection", EVAL, 4, 3)),
)


def break_json(root: Path) -> None:
    """Drop the comma after the package name, the commonest slip when editing JSON by hand."""
    replace(root, DESCRIPTOR, NAME_LINE, NAME_LINE.replace(",", ""))


def broken_json_location() -> tuple[int, int]:
    """Where a JSON parser stops: at the first key of the line after the missing comma."""
    text = (VALID / DESCRIPTOR).read_text(encoding="utf-8")
    next_line = text.count("\n", 0, text.index(NAME_LINE)) + 2
    indent = len(NAME_LINE) - len(NAME_LINE.lstrip())
    return next_line, indent + 1


CASES: tuple[Case, ...] = (
    # Reading the files ---------------------------------------------------------------------------
    case("encoding-error", "encoding-error",
         lambda root: reencode(root, "actors.csv", "shift_jis"),
         ("encoding-error", "actors.csv", 2, len("citizens,1,") + 1)),
    case("encoding-error-descriptor", "encoding-error",
         lambda root: reencode(root, DESCRIPTOR, "shift_jis"),
         ("encoding-error", DESCRIPTOR, 1, 1)),
    case("empty-file", "empty-file",
         lambda root: path_of(root, "roles.csv").write_bytes(b""),
         ("empty-file", "roles.csv", 1, 1)),
    case("empty-file-excel", "empty-file",  # what Excel writes for an empty sheet as 「CSV UTF-8」
         lambda root: path_of(root, "roles.csv").write_bytes(b"\xef\xbb\xbf\r\n"),
         ("empty-file", "roles.csv", 1, 1)),
    case("missing-file", "missing-file",
         lambda root: path_of(root, "roles.csv").unlink(),
         ("missing-file", "roles.csv", 1, 1)),
    case("missing-file-descriptor", "missing-file",
         lambda root: path_of(root, DESCRIPTOR).unlink(),
         ("missing-file", DESCRIPTOR, 1, 1)),
    case("invalid-descriptor", "invalid-descriptor", break_json,
         ("invalid-descriptor", DESCRIPTOR, *broken_json_location())),
    case("invalid-descriptor-no-resources", "invalid-descriptor",
         lambda root: replace(root, DESCRIPTOR, '"resources": [', '"tables": ['),
         ("invalid-descriptor", DESCRIPTOR, 1, 1)),
    case("invalid-descriptor-resource-not-object", "invalid-descriptor",
         lambda root: replace(root, DESCRIPTOR, '"resources": [', '"resources": ["policies",'),
         ("invalid-descriptor", DESCRIPTOR, 1, 1)),
    case("invalid-descriptor-profile", "invalid-descriptor",  # valid JSON, not a Data Package
         lambda root: replace(root, DESCRIPTOR, '"version": "0.1.0"', '"version": 1'),
         ("invalid-descriptor", DESCRIPTOR, 1, 1)),
    # The header ----------------------------------------------------------------------------------
    case("missing-column", "missing-column",
         lambda root: drop_column(root, OBS, "note"),
         ("missing-column", OBS, 1, 5)),
    case("extra-column", "extra-column",
         lambda root: add_column(root, "actors.csv", "memo", ""),
         ("extra-column", "actors.csv", 1, 4)),
    case("renamed-column", "missing-column",
         lambda root: replace_line(root, OBS, 1, "indicator_id,period,値,source,note,published"),
         ("missing-column", OBS, 1, 3), ("extra-column", OBS, 1, 3)),
    case("duplicate-column", "duplicate-column",
         lambda root: add_column(root, "actors.csv", "name", "x"),
         ("duplicate-column", "actors.csv", 1, 4)),
    # Rows ----------------------------------------------------------------------------------------
    case("wrong-cell-count-short", "wrong-cell-count",
         lambda root: replace(root, OBS, ",,2018-06-29\n", ",\n"),
         ("wrong-cell-count", OBS, 4, 6)),
    case("wrong-cell-count-long", "wrong-cell-count",
         lambda root: replace(root, OBS, ",,2018-06-29\n", ",,2018-06-29,\n"),
         ("wrong-cell-count", OBS, 4, 7)),
    case("blank-row", "blank-row",
         lambda root: insert_line(root, OBS, 4, ""),
         ("blank-row", OBS, 4, 1)),
    case("blank-row-commas", "blank-row",  # an emptied row as Excel saves it
         lambda root: insert_line(root, OBS, 4, ",,,,,"),
         ("blank-row", OBS, 4, 1)),
    case("blank-row-before-header", "blank-row",
         lambda root: insert_line(root, OBS, 1, ""),
         ("blank-row", OBS, 1, 1)),
    # Cells ---------------------------------------------------------------------------------------
    case("required-value", "required-value",
         lambda root: set_cell(root, OBS, 7, "source", ""),
         ("required-value", OBS, 7, 4), schema_level=True),
    case("required-value-whitespace", "required-value",
         lambda root: set_cell(root, "actions.csv", 3, "name", " "),
         ("required-value", "actions.csv", 3, 4)),
    case("type-error", "type-error",
         lambda root: set_cell(root, OBS, 5, "value", "14.5%"),
         ("type-error", OBS, 5, 3), schema_level=True),
    case("type-error-integer", "type-error",
         lambda root: set_cell(root, IND, 3, "order", "2番"),
         ("type-error", IND, 3, 3), schema_level=True),
    case("type-error-date", "type-error",  # Excel's own way of showing a date
         lambda root: set_cell(root, OBS, 5, "published", "2019/6/28"),
         ("type-error", OBS, 5, 6), schema_level=True),
    case("full-width-digits", "full-width-digits",
         lambda root: set_cell(root, OBS, 3, "value", "１２.５"),
         ("full-width-digits", OBS, 3, 3)),
    case("full-width-digits-period", "full-width-digits",
         lambda root: set_cell(root, OBS, 3, "period", "２０１６"),
         ("full-width-digits", OBS, 3, 2)),
    case("japanese-era-year", "japanese-era-year",
         lambda root: set_cell(root, OBS, 3, "period", "平成28"),
         ("japanese-era-year", OBS, 3, 2)),
    case("japanese-era-year-letter", "japanese-era-year",
         lambda root: set_cell(root, OBS, 3, "period", "H28"),
         ("japanese-era-year", OBS, 3, 2)),
    case("japanese-era-year-fiscal", "japanese-era-year",
         lambda root: set_cell(root, OBS, 7, "period", "平成27年度"),
         ("japanese-era-year", OBS, 7, 2)),
    case("thousands-separator", "thousands-separator",
         lambda root: set_cell(root, OBS, 8, "value", "28,000"),
         ("thousands-separator", OBS, 8, 3)),
    case("invalid-value-unit", "invalid-value",
         lambda root: set_cell(root, IND, 2, "unit", "パーセント"),
         ("invalid-value", IND, 2, 6), schema_level=True),
    case("invalid-value-period-type", "invalid-value",
         lambda root: set_cell(root, IND, 3, "period_type", "年次"),
         ("invalid-value", IND, 3, 7), schema_level=True),
    case("pattern-mismatch-capitals", "pattern-mismatch",
         lambda root: append_line(root, IND, NEW_INDICATOR.format(id="Centre-Awareness")),
         ("pattern-mismatch", IND, 5, 1), schema_level=True),
    case("pattern-mismatch-underscore", "pattern-mismatch",
         lambda root: append_line(root, IND, NEW_INDICATOR.format(id="centre_awareness")),
         ("pattern-mismatch", IND, 5, 1), schema_level=True),
    case("invalid-value-space", "invalid-value",  # the file is published as written: "% " is not "%"
         lambda root: set_cell(root, IND, 2, "unit", "% "),
         ("invalid-value", IND, 2, 6), schema_level=True),
    case("pattern-mismatch-space", "pattern-mismatch",
         lambda root: append_line(root, IND, NEW_INDICATOR.format(id=" centre-awareness")),
         ("pattern-mismatch", IND, 5, 1), schema_level=True),
    # Ids start with a letter: a spreadsheet turns 001 into the number 1 and 1-2 into a date
    case("pattern-mismatch-digits", "pattern-mismatch",
         lambda root: append_line(root, IND, NEW_INDICATOR.format(id="001")),
         ("pattern-mismatch", IND, 5, 1), schema_level=True),
    case("pattern-mismatch-date-like-actor", "pattern-mismatch",
         lambda root: append_line(root, "actors.csv", "1-2,3,地域の団体（架空）"),
         ("pattern-mismatch", "actors.csv", 4, 1), schema_level=True),
    case("out-of-range-period", "out-of-range",
         lambda root: set_cell(root, OBS, 3, "period", "1800"),
         ("out-of-range", OBS, 3, 2), schema_level=True),
    case("out-of-range-negative", "out-of-range",
         lambda root: set_cell(root, OBS, 4, "value", "-1"),
         ("out-of-range", OBS, 4, 3), schema_level=True),
    # Keys and references -------------------------------------------------------------------------
    case("duplicate-key", "duplicate-key",
         lambda root: append_line(root, OBS, "partnership-awareness,2017,13.5,架空市 市民意識調査 2017年（テスト用）,,2018-07-02"),
         ("duplicate-key", OBS, 9, 2), schema_level=True),
    case("duplicate-key-roles", "duplicate-key",
         lambda root: append_line(root, "roles.csv", "p1-02,city"),
         ("duplicate-key", "roles.csv", 7, 2), schema_level=True),
    case("duplicate-key-indicator", "duplicate-key",
         lambda root: append_line(root, IND, NEW_INDICATOR.format(id="registered-groups")),
         ("duplicate-key", IND, 5, 1), schema_level=True),
    case("unknown-reference", "unknown-reference",
         lambda root: append_line(root, OBS, "unknown-indicator,2016,1,架空の出典,,2017-06-30"),
         ("unknown-reference", OBS, 9, 1), schema_level=True),
    case("unknown-reference-actor", "unknown-reference",
         lambda root: append_line(root, "roles.csv", "p1-02,centre"),
         ("unknown-reference", "roles.csv", 7, 2), schema_level=True),
    case("unknown-reference-space", "unknown-reference",
         lambda root: append_line(root, "roles.csv", "p1-02,citizens "),
         ("unknown-reference", "roles.csv", 7, 2), schema_level=True),
    # Domain rules (design §3) --------------------------------------------------------------------
    *(
        case(f"formula-injection-{name}", "formula-injection",
             lambda root, text=text: set_cell(root, OBS, 4, "note", text),
             ("formula-injection", OBS, 4, 5))
        for name, text in (("equals", "=SUM(A1)"), ("plus", "+1"), ("minus", "-x"), ("at", "@x"))
    ),
    case("formula-injection-name", "formula-injection",
         lambda root: set_cell(root, "actions.csv", 2, "name", '=HYPERLINK("http://example.com","詳細")'),
         ("formula-injection", "actions.csv", 2, 4)),
    case("percent-out-of-range", "percent-out-of-range",
         lambda root: set_cell(root, OBS, 5, "value", "120"),
         ("percent-out-of-range", OBS, 5, 3)),
    case("percent-out-of-range-target", "percent-out-of-range",
         lambda root: set_cell(root, IND, 2, "target_value", "120"),
         ("percent-out-of-range", IND, 2, 11)),
    case("non-integer-count", "non-integer-count",
         lambda root: set_cell(root, OBS, 7, "value", "254.5"),
         ("non-integer-count", OBS, 7, 3)),
    case("non-integer-count-target", "non-integer-count",
         lambda root: set_cell(root, IND, 4, "target_value", "30000.5"),
         ("non-integer-count", IND, 4, 11)),
    case("baseline-missing", "baseline-missing",
         lambda root: drop_line(root, OBS, 8),
         ("baseline-missing", IND, 4, 9)),
    case("target-not-after-baseline", "target-not-after-baseline",
         lambda root: set_cell(root, IND, 3, "target_period", "2014"),
         ("target-not-after-baseline", IND, 3, 10)),
    case("target-before-baseline", "target-not-after-baseline",
         lambda root: set_cell(root, IND, 2, "target_period", "2010"),
         ("target-not-after-baseline", IND, 2, 10)),
    case("direction-mismatch", "direction-mismatch",
         lambda root: set_cell(root, IND, 2, "direction", "decrease"),
         ("direction-mismatch", IND, 2, 8)),
    *CYCLE_CASES,
)
