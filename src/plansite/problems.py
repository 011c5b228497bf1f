"""Problems: what every check yields, and the catalogue of their codes.

A problem is data, in the manner of frictionless-py's errors: a stable code for machines and tests,
a location (file, line as a spreadsheet shows it with the header on line 1, column number), and a
message in Japanese that tells a clerk what to change. Checks yield problems; nothing raises for bad
data, so every problem in a package is reported in one run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    code: str
    message: str

    def format_text(self) -> str:
        """One line per problem, always: a line break that a cell's value brings into the message
        is shown as ↵ (the cell is quoted in the message; the JSON format keeps it as it is)."""
        message = self.message.replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵")
        return f"{self.file}:{self.line}:{self.column}: {message} [{self.code}]"

    def format_github(self) -> str:
        """A GitHub Actions workflow command: an annotation on the exact CSV line. Escaped as the
        Actions toolkit escapes (escapeData, escapeProperty), so that a line break in a message or a
        comma in a folder name cannot end the command early."""
        message = escape_data(self.message)
        return (
            f"::error file={escape_data(self.file).replace(':', '%3A').replace(',', '%2C')},"
            f"line={self.line},col={self.column},title={self.code}::{message}"
        )


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def format_problems(problems: Iterable[Problem], style: str) -> str:
    problems = sorted(problems)
    if style == "json":
        return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)
    if style == "github":
        return "\n".join(p.format_github() for p in problems)
    return "\n".join(p.format_text() for p in problems)


# Every code a check may yield, with what it means for staff. datapackage/README.md and
# CONTRIBUTING.md document each one; a test keeps them in step with this table.
CODES: dict[str, str] = {
    "invalid-descriptor": "datapackage.json が JSON として読めない、または必要な項目がない",
    "missing-file": "datapackage.json に書かれた CSV ファイルがない",
    "encoding-error": "CSV が UTF-8 でない（Shift_JIS など）。Excel で「CSV UTF-8（コンマ区切り）」として保存し直す",
    "empty-file": "CSV が空（見出し行もない）",
    "missing-column": "必要な列（見出し）がない、または列名が変わっている",
    "extra-column": "定義にない列がある（列名の打ち間違いを含む）",
    "duplicate-column": "同じ列名が2回ある",
    "wrong-cell-count": "行のセルの数が見出しの列の数と違う（コンマの過不足）",
    "blank-row": "空の行がある",
    "required-value": "必須のセルが空",
    "type-error": "数値（整数）であるべきセルに数値でない文字がある",
    "full-width-digits": "数値に全角数字が使われている",
    "japanese-era-year": "年に和暦（平成・令和など）が使われている",
    "thousands-separator": "数値に桁区切りのコンマがある",
    "invalid-value": "決められた値（一覧）以外の値",
    "pattern-mismatch": "ID などの書式が決まりに合わない",
    "out-of-range": "値が許される範囲（最小・最大）の外",
    "duplicate-key": "同じ ID（指標と年の組など）の行が2つ以上ある",
    "unknown-reference": "他の表にない ID を参照している",
    "missing-resource": "参照先の表（役割区分の roles など）が datapackage.json の resources にない（その表を参照する行がどのページにも載らない）",
    "formula-injection": "文字のセルが =、+、-、@ で始まる（表計算ソフトで数式として実行されるおそれ）",
    "percent-out-of-range": "% の値が 0〜100 の外",
    "non-integer-count": "団体数・人数など数える値に小数がある",
    "baseline-missing": "現状値の年の実績値（observations.csv の行）がない",
    "target-not-after-baseline": "目標値の年が現状値の年より後でない",
    "direction-mismatch": "目標値が、望ましい方向（direction）と逆の側にある（増加を目指すのに目標値が現状値より小さいなど）",
    "dates-out-of-order": "年次報告の日付が 審議会の評価 → 所管委員会への報告 → 公表 の順になっていない",
    "date-before-fiscal-year": "年次報告の日付が、調査した年度（fiscal_year）の始まり（4月1日）より前",
    "fiscal-year-outside-plan": "年次報告の年度（fiscal_year）が計画期間（datapackage.json の plan.period）の外",
    "unknown-scope": "審議会の評価の範囲（scope）が plan・policy_id・indicator_id のどれでもない",
}
