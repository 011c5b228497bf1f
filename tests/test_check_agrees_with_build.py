"""Whatever the check accepts, the build publishes (design §8, issue 15): the edits a spreadsheet or a
clerk makes, applied to every column of every resource, and to whole files.

For each edit of a copy of the cycle fixture (every resource the engine knows):
- `build_data.py --check` exits 0 or 1, never 2 (no internal error for a data problem);
- exit 1 prints every problem located, as FILE:LINE:COLUMN: message [code];
- exit 0 means the data stage builds too (and, for a sample of the most markup-like accepted edits,
  the whole site with `mkdocs build --strict`);
- the package is never changed, whatever happens.

The edits are chosen by a fixed seed (the same cases on every run); each column gets every kind of
cell edit in turn across the rows, and each file every kind of file edit. Where a habit is harmless
(a trailing space around a date or a number) the check accepts it and so does every output; where it
is not, the check refuses it with a message.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mutations import CYCLE
from plansite.cli import main
from sites import build_site

SEED = 20261201
LOCATED = re.compile(r"^.+:\d+:\d+: .+ \[[a-z-]+\]$")

# Cell edits: what a spreadsheet or a clerk does to one cell (the cell's text in, the new text out)
CELL_EDITS: dict[str, Callable[[str], str]] = {
    "trailing-space": lambda cell: cell + " ",
    "leading-space": lambda cell: " " + cell,
    "ideographic-space": lambda cell: cell + "\u3000",
    "no-break-space": lambda cell: "\u00a0" + cell,
    "tab": lambda cell: cell + "\t",
    "exponent": lambda cell: "1e3" if cell else "1E-2",
    "plus-sign": lambda cell: "+" + cell,
    "nan": lambda cell: "NaN",
    "infinity": lambda cell: "inf",
    "negative-zero": lambda cell: "-0",
    "thousands": lambda cell: "1,000",
    "full-width": lambda cell: cell.translate(str.maketrans("0123456789", "０１２３４５６７８９")) or "１",
    "slashed-date": lambda cell: re.sub(r"^(\d{4})-(\d{2})-(\d{2})$", r"\1/\2/\3", cell) or "2020/1/2",
    "date-with-time": lambda cell: (cell + "T00:00:00") if re.match(r"^\d{4}-\d{2}-\d{2}$", cell) else "2020-01-02 09:00",
    "era-year": lambda cell: "平成26年",
    "emptied": lambda cell: "",
    "emoji": lambda cell: cell + "😀👍🏽",
    "markup": lambda cell: cell + "<script>alert(1)</script>**太字**[x](javascript:alert(1))",
    "formula": lambda cell: "=HYPERLINK(\"http://example.org\")",
    "very-long": lambda cell: cell + "長" * 5000,
    "nul": lambda cell: cell + "\x00",
    "line-break": lambda cell: cell + "\n2行目",
    "quote": lambda cell: '"' + cell,
    "zero-width": lambda cell: cell + "\u200b",
}


def quoted_all(text: str) -> str:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    buffer = io.StringIO(newline="")
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


# File edits: what saving from a spreadsheet or a text editor does to a whole file (bytes in and out)
FILE_EDITS: dict[str, Callable[[bytes], bytes]] = {
    "bom": lambda data: b"\xef\xbb\xbf" + data,
    "crlf": lambda data: data.replace(b"\n", b"\r\n"),
    "cr-only": lambda data: data.replace(b"\n", b"\r"),
    "blank-lines": lambda data: data + b"\n\n",
    "blank-line-inside": lambda data: data.replace(b"\n", b"\n\n", 2),
    "utf-16": lambda data: data.decode("utf-8").encode("utf-16"),
    "shift-jis": lambda data: data.decode("utf-8").encode("cp932", errors="replace"),
    "nul-bytes": lambda data: data[: len(data) // 2] + b"\x00\x00" + data[len(data) // 2 :],
    "truncated": lambda data: data[: max(1, len(data) * 2 // 3)],
    "no-final-newline": lambda data: data.rstrip(b"\n"),
    "extra-column": lambda data: data.replace(b"\n", b",extra\n"),
    "missing-column": lambda data: b"\n".join(line.rsplit(b",", 1)[0] for line in data.split(b"\n")),
    "all-quoted": lambda data: quoted_all(data.decode("utf-8")).encode("utf-8"),
    "header-spaces": lambda data: data.replace(b",", b" , ", 1),
    "empty": lambda data: b"",
}


def resources() -> dict[str, list[list[str]]]:
    """Each CSV of the cycle fixture as rows of cells, by file name."""
    return {
        path.name: list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        for path in sorted((CYCLE / "data").glob("*.csv"))
    }


def cell_cases() -> list[tuple[str, str, int, int]]:
    """(file, edit, row, column): every column of every resource, each edit in turn over its rows."""
    rng = random.Random(SEED)
    names = sorted(CELL_EDITS)
    cases = []
    for file, rows in resources().items():
        for column in range(len(rows[0])):
            for _ in range(2):
                cases.append((file, names[rng.randrange(len(names))], rng.randrange(1, len(rows)), column))
    # and every edit at least once, somewhere
    for name in names:
        file = rng.choice(sorted(resources()))
        rows = resources()[file]
        cases.append((file, name, rng.randrange(1, len(rows)), rng.randrange(len(rows[0]))))
    return sorted(set(cases))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8", errors="surrogatepass"))


def fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def judge(package: Path, tmp: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Check, and build when the check accepts; return "accepted" or "refused" (assert the contract)."""
    before = fingerprint(package)
    code, out, err = run(["--check", "--data", str(package)], capsys)
    assert code in (0, 1), f"--check exited {code}: {err}"
    if code == 1:
        lines = [line for line in out.splitlines() if line.strip()]
        assert lines and all(LOCATED.match(line) for line in lines), out
        verdict = "refused"
    else:
        built, _, err = run(["--data", str(package), "--out", str(tmp / "generated")], capsys)
        assert built == 0, f"the check accepted it, the data stage exited {built}: {err}"
        verdict = "accepted"
    assert fingerprint(package) == before, "the package was changed"
    return verdict


@pytest.fixture(scope="module")
def verdicts() -> dict[tuple, str]:
    return {}


@pytest.mark.parametrize(("file", "edit", "row", "column"), cell_cases())
def test_a_cell_edit_is_refused_with_a_location_or_published(file, edit, row, column, tmp_path, capsys, verdicts) -> None:
    package = shutil.copytree(CYCLE, tmp_path / "package")
    rows = resources()[file]
    rows[row][column] = CELL_EDITS[edit](rows[row][column])
    write_rows(package / "data" / file, rows)
    verdicts[(file, edit, row, column)] = judge(package, tmp_path, capsys)


@pytest.mark.parametrize("file", sorted(resources()))
@pytest.mark.parametrize("edit", sorted(FILE_EDITS))
def test_a_file_edit_is_refused_with_a_location_or_published(file, edit, tmp_path, capsys) -> None:
    package = shutil.copytree(CYCLE, tmp_path / "package")
    path = package / "data" / file
    path.write_bytes(FILE_EDITS[edit](path.read_bytes()))
    verdict = judge(package, tmp_path, capsys)
    if edit in ("bom", "crlf", "no-final-newline", "all-quoted"):
        assert verdict == "accepted", "Excel's own ways of saving a CSV are accepted"
    if edit in ("utf-16", "empty") or edit == "shift-jis" and not path.read_bytes().isascii():
        assert verdict == "refused", "a file that cannot be read as UTF-8 text is never published"


def test_harmless_habits_are_accepted_everywhere(tmp_path, capsys) -> None:
    """A space around a date or a number: the check accepts it and every output reads it the same way
    (before, a trailing space in `published` passed the check and crashed the workbook)."""
    package = shutil.copytree(CYCLE, tmp_path / "package")
    rows = resources()["reports.csv"]
    published = rows[0].index("published")
    rows[1][published] += " "
    rows[2][published] = "\u3000" + rows[2][published]
    write_rows(package / "data" / "reports.csv", rows)
    observations = resources()["observations.csv"]
    observations[1][observations[0].index("value")] += " "
    write_rows(package / "data" / "observations.csv", observations)
    assert judge(package, tmp_path, capsys) == "accepted"


MARKUP_LIKE = ("markup", "emoji", "very-long", "line-break", "zero-width")


def test_accepted_markup_like_edits_build_the_whole_site(tmp_path, capsys) -> None:
    """The data stage is not the end: a sample of accepted edits that look most like markup go through
    `mkdocs build --strict` too (a few, as each build takes seconds)."""
    rng = random.Random(SEED)
    candidates = [case for case in cell_cases() if case[1] in MARKUP_LIKE]
    built = 0
    for file, edit, row, column in rng.sample(candidates, len(candidates)):
        package = shutil.copytree(CYCLE, tmp_path / f"package-{built}-{file}-{row}-{column}")
        rows = resources()[file]
        rows[row][column] = CELL_EDITS[edit](rows[row][column])
        write_rows(package / "data" / file, rows)
        if judge(package, tmp_path, capsys) != "accepted":
            continue
        build_site(package, tmp_path / f"site-{built}")  # raises with MkDocs' output when it fails
        built += 1
        if built == 4:
            break
    assert built == 4, "fewer accepted markup-like edits than expected: the sample tests nothing"
