"""Write: the only stage that touches the disk. It owns one folder and recreates it on every run.

Contract: write_tree(out, files) deletes `out` and writes exactly `files` into it. It refuses to delete
a folder it did not make (no marker file): pointing --out at docs/ by mistake must not wipe the
hand-written pages.
"""

from __future__ import annotations

import shutil
from pathlib import Path

MARKER = ".plansite-generated"


class RefusedOutput(Exception):
    pass


def write_tree(out: Path, files: dict[str, str | bytes], fingerprint: str, source: Path) -> int:
    """Recreate `out` with exactly `files`; the marker records the fingerprint and the package built."""
    out = Path(out)
    if out.exists():
        if not (out / MARKER).exists():
            raise RefusedOutput(
                f"{out} はこのツールが作ったフォルダではないため、削除・上書きしません。--out に別のフォルダを指定してください。"
            )
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text(f"{fingerprint}\n{Path(source).resolve()}\n", encoding="utf-8")
    for path in sorted(files):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        content = files[path]
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8", newline="\n")
        else:
            target.write_bytes(content)
    return len(files)


def read_marker(out: Path) -> tuple[str | None, Path | None]:
    """(fingerprint, package folder) of the tree last written into `out`, or (None, None)."""
    try:
        lines = (Path(out) / MARKER).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return None, None
    return (lines[0] if lines else None), (Path(lines[1]) if len(lines) > 1 else None)
