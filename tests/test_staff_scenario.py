"""The staff scenario of issue 7, end to end: a clerk adds a year's figure and opens a pull request.

Starting from the real package (a copy: the real one is never touched), the clerk adds one row to
observations.csv and saves it as Excel's 「CSV UTF-8（コンマ区切り）」 does (byte-order mark, CRLF line
ends). The pull-request check runs the commands of .github/workflows/pull-request.yml: the check
(`--check --format github`) must pass, and the strict build must show the new figure everywhere a
citizen looks: the indicator page, the list, status.csv, the change log and the updates feed. Then the same with a mistaken row: the check must fail with the one annotation that
GitHub shows on the exact cell.

The figure is made up and lives only in this test (its source says so); the real package keeps its
published baselines only.

Then a year's annual report (design §9), added the same way in the guide's order: a row of
reports.csv, rows of action_progress.csv, a row of evaluations.csv, each file saved from Excel. The
check passes, the data stage publishes the clerk's files, and the year's page shows the report as the
clerk entered it. The report, too, is made up and says so.

The figures expected are worked out by hand from Shimonoseki's baselines and the scenario starts
from its package as it is (no report yet), so the module is marked `plan`: in a fork it is skipped
(tests/plan.py).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from html_reader import tables, text_of
from sites import build_site

pytestmark = pytest.mark.plan

ROOT = Path(__file__).resolve().parents[1]
BUILD_DATA = ROOT / "scripts" / "build_data.py"
BOM = b"\xef\xbb\xbf"
OBSERVATIONS = "datapackage/data/observations.csv"

# The clerk's row: partnership-awareness in 2017 (平成29年). Made up for this test only.
INDICATOR = "partnership-awareness"
NEW_ROW = {
    "indicator_id": INDICATOR,
    "period": "2017",
    "value": "12.3",
    "source": "平成29年 市民協働参画に関する意識調査（試験用の架空の値）",
    "note": "",
    "published": "2027-06-01",
}
# The status worked out by hand from the plan's figures (design §6): b = 10.6 in 2014, T = 15 in 2020,
# a = 12.3 in 2017. 達成率 = (12.3 − 10.6) ÷ (15 − 10.6) × 100 = 1.7 ÷ 4.4 × 100 = 38.6%;
# e = 10.6 + 4.4 × 3/6 = 12.8; R = 1.7 ÷ 2.2 = 0.77, so 0.60 ≤ R < 0.95: やや遅れ.
EXPECTED_RATE = "38.6%"
EXPECTED_STATUS = ("slightly-behind", "やや遅れ")


# Helpers: what the clerk does --------------------------------------------------------------------


def copy_real_package(repo: Path) -> Path:
    """A working copy laid out like the repository, so that problems name datapackage/data/…."""
    repo.mkdir(parents=True)
    shutil.copytree(ROOT / "datapackage", repo / "datapackage")
    return repo


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def save_as_excel_csv_utf8(path: Path, rows: list[list[str]]) -> None:
    """What Excel's 「CSV UTF-8（コンマ区切り）」 writes: a byte-order mark, CRLF, quotes only where needed."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(BOM + buffer.getvalue().encode("utf-8"))


def add_observation(repo: Path, row: dict[str, str]) -> int:
    """Append a row in the file's own column order, saved from Excel; return its line (header = 1)."""
    return add_rows(repo, OBSERVATIONS, [row])


def add_rows(repo: Path, file: str, new: list[dict[str, str]]) -> int:
    """Append rows in the file's own column order, saved from Excel; return the last one's line."""
    path = repo / file
    rows = read_csv(path)
    rows += [[row[name] for name in rows[0]] for row in new]
    save_as_excel_csv_utf8(path, rows)
    return len(rows)


# Helpers: what the workflow runs -----------------------------------------------------------------


def run_check(repo: Path) -> subprocess.CompletedProcess[str]:
    """The workflow's check step, `build_data.py --check --format github`, run from the repository root."""
    return subprocess.run(
        [sys.executable, str(BUILD_DATA), "--check", "--format", "github"],
        cwd=repo, capture_output=True, text=True, timeout=120,
    )


def build(repo: Path, work: Path) -> Path:
    """`make build`: the data stage, then `mkdocs build --strict`, both into temporary folders."""
    data = subprocess.run(
        [sys.executable, str(BUILD_DATA), "--out", str(work / "generated")],
        cwd=repo, capture_output=True, text=True, timeout=300,
    )
    assert data.returncode == 0, data.stdout + data.stderr
    return build_site(repo / "datapackage", work)


def tables_of(page: Path) -> dict[str, list[list[str]]]:
    """Every <table id=…> of a page as rows of cell texts, the header row first."""
    return {name: table["headers"] + table["rows"] for name, table in tables(page.read_text(encoding="utf-8")).items()}


def as_records(table: list[list[str]]) -> list[dict[str, str]]:
    """A table's body rows keyed by the header row's texts."""
    header, *body = table
    return [dict(zip(header, row, strict=True)) for row in body]


# The scenario ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clerk(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | int | subprocess.CompletedProcess[str]]:
    """The real package with the clerk's row, checked and built once for the module."""
    base = tmp_path_factory.mktemp("staff")
    repo = copy_real_package(base / "repo")
    line = add_observation(repo, NEW_ROW)
    check = run_check(repo)
    site = base / "site"
    if check.returncode == 0:  # a failed check is reported by its own test, not as a build error
        build(repo, base)
    return {"repo": repo, "line": line, "check": check, "site": site}


def test_the_clerks_file_is_as_excel_saves_it(clerk: dict) -> None:
    data = (clerk["repo"] / OBSERVATIONS).read_bytes()
    assert data.startswith(BOM)
    assert data.count(b"\r\n") == data.count(b"\n") == clerk["line"]
    assert data != (ROOT / OBSERVATIONS).read_bytes()


def test_the_check_passes_without_annotations(clerk: dict) -> None:
    check = clerk["check"]
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout == ""  # no ::error line, so no annotation on the pull request
    assert "検証OK" in check.stderr


def test_the_indicator_page_shows_the_new_figure(clerk: dict) -> None:
    page = clerk["site"] / "indicators" / INDICATOR / "index.html"
    values = {row["年"]: row for row in as_records(tables_of(page)["values"])}
    row = values["2017年（平成29年）"]
    assert row["実績値"] == "12.3%"
    assert row["出典"] == NEW_ROW["source"]
    text = text_of(page)
    assert f"状況: △ {EXPECTED_STATUS[1]}" in text
    assert f"達成率 {EXPECTED_RATE}（2017年（平成29年）の実績値 12.3%）" in text
    assert "実績未登録" not in text
    assert "この指標の最終更新: 2027年6月1日" in text


def test_the_indicator_list_shows_the_new_figure(clerk: dict) -> None:
    page = clerk["site"] / "indicators" / "index.html"
    records = {row["成果指標"]: row for row in as_records(tables_of(page)["indicator-list"])}
    row = next(row for name, row in records.items() if name.startswith("市民協働参画（パートナーシップ）認知度"))
    assert row["最新の実績値"] == "12.3% 2017年（平成29年）"
    assert row["達成率"] == EXPECTED_RATE
    assert row["状況"] == f"△ {EXPECTED_STATUS[1]}"
    # The other nine indicators still have their baselines only.
    others = [r for r in records.values() if r is not row]
    assert len(others) == 9
    assert all(r["状況"].endswith("実績未登録") for r in others)


def test_status_csv_has_the_new_status(clerk: dict) -> None:
    rows = {row["indicator_id"]: row for row in csv.DictReader(io.StringIO((clerk["site"] / "data" / "status.csv").read_text(encoding="utf-8")))}
    row = rows[INDICATOR]
    assert (row["latest_period"], row["latest_value"]) == ("2017", "12.3")
    assert (row["status"], row["status_label"]) == EXPECTED_STATUS
    assert round(float(row["achievement_rate"]), 1) == 38.6
    assert float(row["expected_value"]) == 12.8


def test_the_change_log_shows_the_new_figure_as_the_newest_update(clerk: dict) -> None:
    day = NEW_ROW["published"]
    expected = f"市民協働参画（パートナーシップ）認知度 2017年（平成29年）の実績値 12.3% 出典: {NEW_ROW['source']}"
    index = (clerk["site"] / "changes" / "index.html").read_text(encoding="utf-8")
    latest = re.search(rf'<dl[^>]* id="latest-{day}">(.*?)</dl>', index, re.S)[1]
    assert " ".join(re.sub(r"<[^>]+>", " ", latest).split()) == expected
    assert re.findall(r'<a href="\d{4}/#([0-9-]+)">', index)[0] == day  # first in the list of dates
    year = (clerk["site"] / "changes" / day[:4] / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<h2 id="([0-9-]+)"', year)[0] == day
    listed = re.search(rf'<dl[^>]* id="changes-{day}">(.*?)</dl>', year, re.S)[1]
    assert " ".join(re.sub(r"<[^>]+>", " ", listed).split()) == expected
    assert f'href="../../indicators/{INDICATOR}/"' in listed


def test_the_updates_feed_announces_the_new_figure(clerk: dict) -> None:
    feed = feedparser.parse((clerk["site"] / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    newest = feed.entries[0]
    assert newest.published.startswith(NEW_ROW["published"])
    assert "市民協働参画（パートナーシップ）認知度" in newest.title and "2017年（平成29年）" in newest.title
    assert "12.3%" in newest.content[0].value
    assert [tag.term for tag in newest.tags] == [INDICATOR]
    assert newest.link.endswith(f"/changes/{NEW_ROW['published'][:4]}/#{NEW_ROW['published']}")
    assert all(entry.published < newest.published for entry in feed.entries[1:])


def test_the_download_is_the_clerks_file(clerk: dict) -> None:
    assert (clerk["site"] / "data" / "observations.csv").read_bytes() == (clerk["repo"] / OBSERVATIONS).read_bytes()


# The same, with a mistake ------------------------------------------------------------------------

MISTAKES = [
    # (column, what the clerk typed, the annotation GitHub shows: line 12 is the new row, header = 1)
    ("value", "１２.３", "::error file=datapackage/data/observations.csv,line=12,col=3,title=full-width-digits::"),
    ("period", "令和2", "::error file=datapackage/data/observations.csv,line=12,col=2,title=japanese-era-year::"),
    # Excel shows a date as 2027/06/01 and saves it that way if the cell is retyped
    ("published", "2027/06/01", "::error file=datapackage/data/observations.csv,line=12,col=6,title=type-error::"),
]


@pytest.mark.parametrize(("column", "typed", "annotation"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_mistaken_row_gets_one_annotation_on_its_cell(tmp_path: Path, column: str, typed: str, annotation: str) -> None:
    repo = copy_real_package(tmp_path / "repo")
    assert add_observation(repo, NEW_ROW | {column: typed}) == 12
    check = run_check(repo)
    assert check.returncode == 1
    lines = check.stdout.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(annotation), lines[0]
    message = lines[0].removeprefix(annotation)
    assert typed in message  # the message names what was typed, in Japanese
    assert "Traceback" not in check.stdout + check.stderr


# A year's annual report (design §9) ----------------------------------------------------------------

REPORTS = "datapackage/data/reports.csv"
PROGRESS = "datapackage/data/action_progress.csv"
EVALUATIONS = "datapackage/data/evaluations.csv"
MADE_UP = "試験用の架空の報告"
# The clerk's report for 2016年度 (平成28年度), made up for this test only, in the guide's order.
REPORT = {
    "report_id": "fy2016", "fiscal_year": "2016", "title": f"平成28年度 市民協働参画に関する年次報告（{MADE_UP}）",
    "published": "2017-10-02", "url": "", "evaluated": "2017-08-21", "reported_to_committee": "2017-09-11",
    "source": MADE_UP, "note": "",
}
PROGRESS_ROWS = [  # two ○ of the plan's role table: 基本方針1「情報の提供と共有」, by the city and by citizens
    {"report_id": "fy2016", "action_id": "p1-01", "actor_id": "city", "status": "implemented",
     "activities": f"市報に市民活動の特集を掲載した（{MADE_UP}）。", "department": f"市民協働課（{MADE_UP}）", "source": f"{MADE_UP} p.5"},
    {"report_id": "fy2016", "action_id": "p1-01", "actor_id": "citizens", "status": "partly",
     "activities": f"団体の会報で情報を発信した（{MADE_UP}）。", "department": "", "source": f"{MADE_UP} p.5"},
]
EVALUATION = {"report_id": "fy2016", "scope": "plan", "evaluation": f"取組はおおむね進んでいる（{MADE_UP}）。",
              "proposals": "", "source": MADE_UP}


def add_report(repo: Path, report: dict[str, str] = REPORT, progress: list[dict[str, str]] = PROGRESS_ROWS,
               evaluation: dict[str, str] = EVALUATION) -> None:
    """The guide's order: the report first, then its progress rows, then the council's evaluation."""
    add_rows(repo, REPORTS, [report])
    add_rows(repo, PROGRESS, progress)
    add_rows(repo, EVALUATIONS, [evaluation])


def build_data_stage(repo: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """The first command of `make build` (the pages of the cycle come with the templates issue)."""
    return subprocess.run(
        [sys.executable, str(BUILD_DATA), "--out", str(out)],
        cwd=repo, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="module")
def clerk_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | subprocess.CompletedProcess[str]]:
    base = tmp_path_factory.mktemp("staff-report")
    repo = copy_real_package(base / "repo")
    add_report(repo)
    check = run_check(repo)
    data = build_data_stage(repo, base / "generated") if check.returncode == 0 else None
    return {"repo": repo, "check": check, "data": data, "generated": base / "generated"}


def test_the_report_files_are_as_excel_saves_them(clerk_report: dict) -> None:
    for file, rows in ((REPORTS, 2), (PROGRESS, 3), (EVALUATIONS, 2)):
        data = (clerk_report["repo"] / file).read_bytes()
        assert data.startswith(BOM), file
        assert data.count(b"\r\n") == data.count(b"\n") == rows, file


def test_the_report_passes_the_check_without_annotations(clerk_report: dict) -> None:
    check = clerk_report["check"]
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout == ""
    assert "reports 1 行、action_progress 2 行、evaluations 1 行" in check.stderr


def test_the_data_stage_publishes_the_clerks_report_files(clerk_report: dict) -> None:
    data = clerk_report["data"]
    assert data is not None and data.returncode == 0, clerk_report["check"].stdout + (data.stderr if data else "")
    assert "Traceback" not in data.stderr
    for file in (REPORTS, PROGRESS, EVALUATIONS):
        name = Path(file).name
        published = clerk_report["generated"] / "docs" / "data" / name
        assert published.read_bytes() == (clerk_report["repo"] / file).read_bytes(), name
        excel = clerk_report["generated"] / "docs" / "data" / "excel" / name
        assert read_csv(excel) == read_csv(clerk_report["repo"] / file), name


def test_the_year_page_shows_the_clerks_report(clerk_report: dict) -> None:
    """The page citizens read: /reports/2016/, with the dates, each measure's status in words and the
    council's evaluation, and the list of reports names it."""
    docs = clerk_report["generated"] / "docs"
    page = (docs / "reports" / "2016.md").read_text(encoding="utf-8")
    assert REPORT["title"] in page
    assert "2017年10月2日（平成29年10月2日）" in page  # published, in both calendars
    assert "一部実施" in page and "実施" in page
    assert EVALUATION["evaluation"] in page
    listing = (docs / "reports" / "index.md").read_text(encoding="utf-8")
    assert 'href="2016/"' in listing and "まだ年次報告を掲載していません" not in listing


REPORT_MISTAKES = [
    # (what the clerk did, the one annotation GitHub shows; line 2 is the first row after the header)
    ("the report's word for the status",
     lambda repo: add_report(repo, progress=[PROGRESS_ROWS[0] | {"status": "実施"}, PROGRESS_ROWS[1]]),
     "::error file=datapackage/data/action_progress.csv,line=2,col=4,title=invalid-value::", "implemented"),
    ("a misspelt scope",
     lambda repo: add_report(repo, evaluation=EVALUATION | {"scope": "p01"}),
     "::error file=datapackage/data/evaluations.csv,line=2,col=2,title=unknown-scope::", "p01"),
    ("published before the committee heard it",
     lambda repo: add_report(repo, report=REPORT | {"published": "2017-09-01"}),
     "::error file=datapackage/data/reports.csv,line=2,col=4,title=dates-out-of-order::", "2017-09-01"),
    ("the fiscal year in 和暦, as the report's cover writes it",
     lambda repo: add_report(repo, report=REPORT | {"fiscal_year": "平成28年度"}),
     "::error file=datapackage/data/reports.csv,line=2,col=2,title=japanese-era-year::", "2016"),
    ("progress rows before their report",  # why the guide's order is reports first
     lambda repo: add_rows(repo, PROGRESS, PROGRESS_ROWS[:1]),
     "::error file=datapackage/data/action_progress.csv,line=2,col=1,title=unknown-reference::", "reports.csv"),
]


@pytest.mark.parametrize(("mistake", "make", "annotation", "named"), REPORT_MISTAKES, ids=[m[0] for m in REPORT_MISTAKES])
def test_a_mistaken_report_gets_one_annotation_on_its_cell(tmp_path: Path, mistake: str, make, annotation: str, named: str) -> None:
    repo = copy_real_package(tmp_path / "repo")
    make(repo)
    check = run_check(repo)
    assert check.returncode == 1
    lines = check.stdout.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(annotation), lines[0]
    assert named in lines[0].removeprefix(annotation)  # the message says what to write or what was typed
    assert "Traceback" not in check.stdout + check.stderr
