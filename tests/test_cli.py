"""The command-line contract of design §4: exit codes, output formats, nothing written on problems."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mutations import VALID, append_line, set_cell
from plansite.cli import main
from plansite.problems import CODES

ROOT = Path(__file__).resolve().parents[1]
TEXT_LINE = re.compile(r"^(?P<file>.+):(?P<line>[0-9]+):(?P<column>[0-9]+): (?P<message>.+) \[(?P<code>[a-z-]+)\]$")
GITHUB_LINE = re.compile(r"^::error file=(?P<file>[^,]+),line=(?P<line>[0-9]+),col=(?P<column>[0-9]+),title=(?P<code>[a-z-]+)::(?P<message>.+)$")


@pytest.fixture
def broken(package: Path) -> Path:
    """Two problems in two files."""
    set_cell(package, "observations.csv", 3, "period", "平成28")
    append_line(package, "roles.csv", "p1-02,centre")
    return package


EXPECTED = {
    ("japanese-era-year", "observations.csv", 3, 2),
    ("unknown-reference", "roles.csv", 7, 2),
}


def test_valid_package_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check", "--data", str(VALID)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip()  # says what came in


def test_data_problems_exit_1_one_line_each(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check", "--data", str(broken)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    matches = [TEXT_LINE.match(line) for line in lines]
    assert all(matches), lines
    found = {(m["code"], Path(m["file"]).name, int(m["line"]), int(m["column"])) for m in matches}
    assert found == EXPECTED
    assert all(m["code"] in CODES for m in matches)
    assert "Traceback" not in out + err


def test_nothing_is_written_when_there_are_problems(broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "generated"
    assert main(["--data", str(broken), "--out", str(out)]) == 1  # a full build, not --check
    assert not out.exists()


def test_json_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check", "--data", str(broken), "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert {(p["code"], Path(p["file"]).name, p["line"], p["column"]) for p in problems} == EXPECTED
    assert all(isinstance(p["message"], str) and p["message"] for p in problems)


def test_json_format_of_a_valid_package_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check", "--data", str(VALID), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_github_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check", "--data", str(broken), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    matches = [GITHUB_LINE.match(line) for line in lines]
    assert all(matches), lines
    assert {(m["code"], Path(m["file"]).name, int(m["line"]), int(m["column"])) for m in matches} == EXPECTED


def test_github_format_escapes_line_breaks_in_messages(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A cell value shown in a message must not end the workflow command early."""
    set_cell(package, "observations.csv", 4, "note", "=1\n+2")
    assert main(["--check", "--data", str(package), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and GITHUB_LINE.match(lines[0])


def test_github_format_escapes_the_file_name(package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A comma or colon in the package's folder (「令和7年度,確定」) stays inside the file property."""
    moved = package.rename(tmp_path / "令和7年度,確定:版")
    set_cell(moved, "observations.csv", 4, "value", "abc")
    assert main(["--check", "--data", str(moved), "--format", "github"]) == 1
    [line] = capsys.readouterr().out.splitlines()
    match = GITHUB_LINE.match(line)
    assert match and match["file"].endswith("令和7年度%2C確定%3A版/data/observations.csv")
    assert (match["line"], match["code"]) == ("4", "type-error")


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["--check", "--no-such-option"])
    assert exit.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_internal_error_exits_2_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x", encoding="utf-8")
    assert main(["--check", "--data", str(not_a_folder)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_missing_package_folder_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check", "--data", str(tmp_path / "nowhere")]) == 1
    assert "[missing-file]" in capsys.readouterr().out


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "scripts/build_data.py", *args],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=60,
    )


def test_script_exit_codes(broken: Path) -> None:
    """Through the real entry point, as staff and CI run it (exit 0 is covered through main())."""
    invalid = run_script("--check", "--data", str(broken))
    assert invalid.returncode == 1
    assert len(invalid.stdout.splitlines()) == len(EXPECTED)
    assert "Traceback" not in invalid.stdout + invalid.stderr
    usage = run_script("--no-such-option")
    assert usage.returncode == 2
    assert "Traceback" not in usage.stderr
