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


def write_tree(out: Path, files: dict[str, str | bytes], fingerprint: str) -> int:
    out = Path(out)
    if out.exists():
        if not (out / MARKER).exists():
            raise RefusedOutput(
                f"{out} はこのツールが作ったフォルダではないため、削除・上書きしません。--out に別のフォルダを指定してください。"
            )
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text(fingerprint + "\n", encoding="utf-8")
    for path in sorted(files):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        content = files[path]
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8", newline="\n")
        else:
            target.write_bytes(content)
    return len(files)


def read_fingerprint(out: Path) -> str | None:
    try:
        return (Path(out) / MARKER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
