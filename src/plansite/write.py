"""Write: the only stage that touches the disk. It owns one folder and makes it hold exactly the
files of each run.

Contract: write_tree(out, files) leaves `out` holding exactly `files` (and the marker): each file is
written over in place, and what the previous run wrote but this one did not is deleted. It refuses
to touch a folder it did not make (no marker file): pointing --out at docs/ by mistake must not wipe
the hand-written pages. Writing over in place rather than deleting the folder first saves deleting
and creating some 4,000 files at 1,000 indicators (benchmarks/RESULTS.md).

The marker records the fingerprint of the inputs last, once every file is written: a run that is
interrupted leaves a marker that matches no inputs, so the MkDocs hook builds again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

MARKER = ".plansite-generated"
INCOMPLETE = "incomplete"  # the marker's fingerprint while a run is writing


class RefusedOutput(Exception):
    pass


def write_tree(out: Path, files: dict[str, str | bytes], fingerprint: str, source: Path) -> int:
    """Make `out` hold exactly `files`; the marker records the fingerprint and the package built."""
    out = Path(out)
    if out.exists() and not (out / MARKER).exists():
        raise RefusedOutput(
            f"{out} はこのツールが作ったフォルダではないため、削除・上書きしません。--out に別のフォルダを指定してください。"
        )
    out.mkdir(parents=True, exist_ok=True)
    source_line = f"{Path(source).resolve()}\n"
    (out / MARKER).write_text(f"{INCOMPLETE}\n{source_line}", encoding="utf-8")
    entries = list(out.rglob("*"))  # the previous run's tree
    previous = {path for path in entries if not path.is_dir()} - {out / MARKER}
    previous_folders = [path for path in entries if path.is_dir()]
    folders: set[Path] = set()
    for path in sorted(files):
        target = out / path
        if target.parent not in folders:
            make_folder(out, target.parent)
            folders.add(target.parent)
        if target.is_dir() and not target.is_symlink():  # a folder where a file now goes
            shutil.rmtree(target)
        content = files[path]
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8", newline="\n")
        else:
            target.write_bytes(content)
        previous.discard(target)
    for stale in previous:  # those this run did not write over, nor replace by a folder
        if stale.is_file() or stale.is_symlink():
            stale.unlink()
    for folder in sorted(previous_folders, key=lambda p: len(p.parts), reverse=True):  # only those can be empty now
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    (out / MARKER).write_text(f"{fingerprint}\n{source_line}", encoding="utf-8")
    return len(files)


def make_folder(out: Path, folder: Path) -> None:
    """The folder and its parents under `out`, replacing a file of the previous run in the way."""
    relative = folder.relative_to(out)
    for part in [*reversed(relative.parents[:-1]), relative]:  # docs, docs/data, docs/data/indicators
        if (out / part).is_file() or (out / part).is_symlink():
            (out / part).unlink()
    folder.mkdir(parents=True, exist_ok=True)


def read_marker(out: Path) -> tuple[str | None, Path | None]:
    """(fingerprint, package folder) of the tree last written into `out`, or (None, None)."""
    try:
        lines = (Path(out) / MARKER).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return None, None
    return (lines[0] if lines else None), (Path(lines[1]) if len(lines) > 1 else None)
