"""The write stage (src/plansite/write.py): the output folder holds exactly what the last run wrote,
and a folder the tool did not make is never touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from plansite.write import INCOMPLETE, MARKER, RefusedOutput, read_marker, write_tree


def held(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file() and p.name != MARKER}


def test_a_folder_the_tool_did_not_make_is_left_alone(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "guide").mkdir(parents=True)
    (docs / "guide" / "index.md").write_text("# 手書きのページ\n", encoding="utf-8")
    with pytest.raises(RefusedOutput, match="このツールが作ったフォルダではない"):
        write_tree(docs, {"docs/index.md": "# 生成\n"}, "f1", tmp_path)
    assert held(docs) == {"guide/index.md": "# 手書きのページ\n".encode()}


def test_the_folder_holds_exactly_the_last_runs_files(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    write_tree(out, {"docs/a.md": "a", "docs/old/b.csv": b"b", "docs/c/index.html": "c"}, "f1", tmp_path)
    # the next run drops a file and a folder, turns a file into a folder and a folder into a file
    write_tree(out, {"docs/a.md": "a2", "docs/a2.md": "new", "docs/c": "now a file", "docs/x/y/z.json": "{}"},
               "f2", tmp_path / "package")
    assert held(out) == {"docs/a.md": b"a2", "docs/a2.md": b"new", "docs/c": b"now a file", "docs/x/y/z.json": b"{}"}
    assert not (out / "docs" / "old").exists(), "an emptied folder is removed"
    write_tree(out, {"docs/a.md/index.md": "a folder where a file was"}, "f3", tmp_path)
    assert held(out) == {"docs/a.md/index.md": b"a folder where a file was"}
    assert read_marker(out) == ("f3", tmp_path.resolve())


def test_text_is_written_as_utf8_with_unix_line_ends(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    write_tree(out, {"docs/p.md": "一行目\n二行目\n"}, "f1", tmp_path)
    assert (out / "docs" / "p.md").read_bytes() == "一行目\n二行目\n".encode()


def test_an_interrupted_run_leaves_a_marker_that_matches_no_inputs(tmp_path: Path) -> None:
    """The hook compares the marker with the inputs' fingerprint: after a run that stopped half way
    it must build again, not publish a half-written tree."""
    out = tmp_path / "generated"
    write_tree(out, {"docs/a.md": "a"}, "f1", tmp_path)

    files = {"docs/a.md": "a2", "docs/b.md": 42}  # not str or bytes: writing it fails half way
    with pytest.raises(TypeError):
        write_tree(out, files, "f2", tmp_path)  # type: ignore[arg-type]
    assert read_marker(out)[0] == INCOMPLETE
    write_tree(out, {"docs/a.md": "a3"}, "f3", tmp_path)  # and the folder is still the tool's
    assert held(out) == {"docs/a.md": b"a3"}
