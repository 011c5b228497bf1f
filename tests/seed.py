"""Read the plan's chapter 5 text (datapackage/sources/plan-chapter5.txt) independently of the data package.

Convention tests compare datapackage/ against what this module reads from the plan itself, so a
transcription slip in a CSV is caught against the source document, not against a second copy.
"""

from __future__ import annotations

import re
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "datapackage" / "sources" / "plan-chapter5.txt"
ACTORS = ("市民・市民活動団体", "行政", "しものせき市民活動センター")


def read_seed() -> str:
    return SEED.read_text(encoding="utf-8")


def read_role_table() -> dict[int, dict[str, list[str]]]:
    """Return {policy number: {actor name: [action names in the order the plan lists them]}}.

    The table is three rows (one per basic policy) of three ○-lists (one per actor column).
    The last cell of the text ends with a stray page number ("…の構築6759"), dropped here.
    """
    text = read_seed()
    table = text[text.index("役割区分") :]
    parts = re.split(r"基本方針\s*(\d)\s+\S+", table)
    result: dict[int, dict[str, list[str]]] = {}
    for number, body in zip(parts[1::2], parts[2::2], strict=True):
        cells = re.split(r"<ul[^>]*>", body)[1:]
        assert len(cells) == len(ACTORS), (number, len(cells))
        columns = {}
        for actor, cell in zip(ACTORS, cells, strict=True):
            items = [re.sub(r"\d+$", "", item.strip()) for item in cell.split("○")[1:]]
            columns[actor] = [item for item in items if item]
        result[int(number)] = columns
    return result
