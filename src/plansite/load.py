"""Load: read datapackage.json and the raw text of each CSV, refusing what cannot be read safely.

Contract: this stage only reads, and it reads each file once. It returns the descriptor and, per
resource, the file's bytes (published as they are), the header and the rows as the strings in the
file, with the line number a spreadsheet shows for each row (header = 1). Validation types the
strings; every output takes the bytes, the strings or the typed values from here, never the disk.
A UTF-8 byte-order mark and CRLF line ends, as Excel's 「CSV UTF-8」 writes them, are accepted; any
other encoding is a problem, never a guess: a misread Shift_JIS file would publish wrong names.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem

DESCRIPTOR = "datapackage.json"
BOM = b"\xef\xbb\xbf"


@dataclass
class Table:
    """One CSV resource as written: strings only, nothing parsed yet."""

    name: str
    path: Path
    path_in_package: str  # as datapackage.json writes it (data/x.csv)
    display: str  # the path as problems name it
    schema: dict
    content: bytes = b""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


@dataclass
class Package:
    root: Path
    descriptor: dict
    tables: dict[str, Table]
    descriptor_bytes: bytes = b""
    sources: dict[str, bytes] = field(default_factory=dict)  # documents the descriptor names, by path

    @property
    def descriptor_path(self) -> Path:
        return self.root / DESCRIPTOR

    def files(self) -> dict[str, bytes]:
        """The canonical files, as read, keyed by their path inside the package."""
        files = {DESCRIPTOR: self.descriptor_bytes}
        files.update({table.path_in_package: table.content for table in self.tables.values()})
        files.update(self.sources)
        return files


def display_path(path: Path) -> str:
    """Name a file as the person running the command would type it (relative when possible)."""
    path = Path(os.path.abspath(path))
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:  # outside the working folder: the full path is clearer than ../../
        return path.as_posix()


def load_package(root: Path) -> tuple[Package | None, list[Problem]]:
    """Read the descriptor and every resource's text; collect every problem found on the way."""
    root = Path(root)
    descriptor_path = root / DESCRIPTOR
    shown = display_path(descriptor_path)
    try:
        descriptor_bytes = descriptor_path.read_bytes()
        descriptor = json.loads(descriptor_bytes.decode("utf-8-sig"))
    except FileNotFoundError:
        return None, [
            Problem(shown, 1, 1, "missing-file", f"{DESCRIPTOR} が見つかりません。--data にはデータパッケージのフォルダを指定してください。")
        ]
    except UnicodeDecodeError:
        return None, [Problem(shown, 1, 1, "encoding-error", f"{DESCRIPTOR} を UTF-8 で保存し直してください。")]
    except json.JSONDecodeError as error:
        return None, [
            Problem(
                shown, error.lineno, error.colno, "invalid-descriptor",
                f"{DESCRIPTOR} が JSON として読めません（{error.msg}）。この位置の前後のコンマや引用符を確認してください。",
            )
        ]
    problems: list[Problem] = []
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not resources:
        return None, [Problem(shown, 1, 1, "invalid-descriptor", f"{DESCRIPTOR} に resources（表の一覧）がありません。")]

    tables: dict[str, Table] = {}
    for resource in resources:
        entry = resource if isinstance(resource, dict) else {}
        name, path, schema = entry.get("name"), entry.get("path"), entry.get("schema")
        if not (isinstance(name, str) and isinstance(path, str) and isinstance(schema, dict)):
            problems.append(
                Problem(shown, 1, 1, "invalid-descriptor", f"{DESCRIPTOR} の resources の各項目には name・path・schema が必要です（{name!r}）。")
            )
            continue
        table = Table(name=name, path=root / path, path_in_package=Path(path).as_posix(), display=display_path(root / path), schema=schema)
        problems.extend(read_table(table))
        tables[name] = table
    return Package(root, descriptor, tables, descriptor_bytes, read_sources(root, descriptor)), problems


def read_sources(root: Path, descriptor: dict) -> dict[str, bytes]:
    """Source documents that the descriptor's `sources` name by a relative path inside the package
    (sources/plan-chapter5.txt), so that the published package and its zip are complete."""
    documents = {}
    root = root.resolve()
    for source in descriptor.get("sources", []) if isinstance(descriptor.get("sources"), list) else []:
        path = source.get("path", "") if isinstance(source, dict) else ""
        target = (root / path).resolve() if isinstance(path, str) else root
        if path and "://" not in path and root in target.parents and target.is_file():
            documents[target.relative_to(root).as_posix()] = target.read_bytes()
    return documents


def read_table(table: Table) -> list[Problem]:
    """Fill table.header/rows/lines from the file; return the problems that stop reading it."""
    try:
        data = table.content = table.path.read_bytes()
    except FileNotFoundError:
        return [Problem(table.display, 1, 1, "missing-file", f"ファイル {table.path.name} がありません。datapackage.json の path と同じ名前で置いてください。")]
    if data.startswith(BOM):
        data = data[len(BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return [encoding_problem(table, data, error)]
    if not text.strip():
        return [Problem(table.display, 1, 1, "empty-file", "ファイルが空です。1行目に見出し（列名）を書き、2行目からデータを書いてください。")]
    records = csv.reader(io.StringIO(text, newline=""))
    header = next(records)
    if not any(cell.strip() for cell in header):
        # The header is not on line 1; guessing where it is would shift every line number we report.
        return [Problem(table.display, 1, 1, "blank-row", "1行目が空です。1行目に見出し（列名）が来るように、空の行を削除してください。")]
    table.header = header
    for line, row in enumerate(records, start=2):
        table.rows.append(row)
        table.lines.append(line)
    return []


def encoding_problem(table: Table, data: bytes, error: UnicodeDecodeError) -> Problem:
    line = data.count(b"\n", 0, error.start) + 1
    start = data.rfind(b"\n", 0, error.start) + 1
    column = len(data[start : error.start].decode("utf-8", errors="replace")) + 1
    try:
        data.decode("cp932")
        guess = "Shift_JIS（Excel の「CSV（コンマ区切り）」）で保存されているようです。"
    except UnicodeDecodeError:
        guess = "UTF-8 ではない文字コードで保存されています。"
    return Problem(
        table.display, line, column, "encoding-error",
        f"文字コードが UTF-8 ではありません。{guess}Excel の「名前を付けて保存」で"
        "「CSV UTF-8（コンマ区切り）(*.csv)」を選んで保存し直してください。",
    )
