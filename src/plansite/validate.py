"""Validate: the Table Schema of each resource, then the plan's domain rules.

Contract: takes a loaded Package, returns (problems, tables) where tables maps each resource name to
a pandas DataFrame of typed values. Problems are all collected; the caller refuses to publish when
there is any. Nothing here writes.

Declarative first. The descriptor itself is checked by frictionless against the Data Package v2
profile. Each resource's rows are checked against its Table Schema (types, required, enum, minimum,
maximum, pattern, unique, primaryKey, foreignKeys) by the checks below, which follow the Table
Schema specification: one pass per column with compiled patterns, keys and references through pandas.
frictionless' own row validator takes 3.7 s for 100,000 observations on the project's 2-core machine,
over the 3 s budget of design §7 (these checks: about 1.6 s), so frictionless is kept as the reference
validator that the tests compare against (tests/test_frictionless_agrees.py).

Then the domain rules of design §3, one function each, listed in DOMAIN_RULES, and those of the
yearly cycle of design §9 (reports, action_progress, evaluations), listed in CYCLE_RULES, which run
whenever a cycle table is present, with or without indicators.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterator
from itertools import pairwise

import pandas as pd
from frictionless import Package as FrictionlessPackage

from .descriptor import config_problems, read_config
from .load import Package, Table, display_path
from .model import ROLE_DIVISION
from .problems import Problem

INTEGER = re.compile(r"-?[0-9]+")
NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FULL_WIDTH = re.compile(r"[０-９．，－]")
THOUSANDS = re.compile(r"-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
ERA = re.compile(r"(明治|大正|昭和|平成|令和|[MTSHRmtshr])\s*([0-9]+|元)\s*(年度|年)?")
ERA_START = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018,
             "M": 1867, "T": 1911, "S": 1925, "H": 1988, "R": 2018}
FORMULA_START = ("=", "+", "-", "@")
TYPE_NAMES = {"integer": "整数", "number": "数値", "string": "文字列", "date": "日付"}


def validate_package(package: Package) -> tuple[list[Problem], dict[str, pd.DataFrame]]:
    """Run every check; return all problems and the typed tables."""
    problems = list(check_descriptor(package))
    tables: dict[str, pd.DataFrame] = {}
    for table in package.tables.values():
        if not table.header:
            continue  # unreadable file: already reported by load
        header_problems = list(check_header(table))
        problems.extend(header_problems)
        if header_problems:
            continue
        frame, cell_problems = parse_table(table)
        problems.extend(cell_problems)
        problems.extend(check_unique(table, frame))
        tables[table.name] = frame
    problems.extend(check_foreign_keys(package, tables))
    problems.extend(check_role_division(package))
    if {"indicators", "observations"} <= tables.keys():
        for rule in DOMAIN_RULES:
            problems.extend(rule(package, tables))
    if CYCLE_RESOURCES & tables.keys():  # optional (design §9); each rule skips a table it lacks
        for rule in CYCLE_RULES:
            problems.extend(rule(package, tables))
    return sorted(set(problems)), tables


# Schema ------------------------------------------------------------------------------------------


def check_descriptor(package: Package) -> Iterator[Problem]:
    """The descriptor against the Data Package v2 profile, by frictionless."""
    report = FrictionlessPackage.validate_descriptor(package.descriptor)
    shown = display_path(package.descriptor_path)
    for error in report.flatten(["note"]):
        yield Problem(shown, 1, 1, "invalid-descriptor", f"datapackage.json の記述が Data Package の形式に合いません: {error[0]}")
    # The plan's own settings (vocabulary, units, status method, site name): descriptor.py
    for message in config_problems(package.descriptor):
        yield Problem(shown, 1, 1, "invalid-descriptor", message)


def check_header(table: Table) -> Iterator[Problem]:
    """The header must name exactly the schema's fields (order free); a rename shows as both."""
    expected = [f["name"] for f in table.schema.get("fields", [])]
    header = [name.strip() for name in table.header]
    seen: set[str] = set()
    for column, name in enumerate(header, start=1):
        if name in seen:
            yield Problem(table.display, 1, column, "duplicate-column", f"列名「{name}」が2回あります。どちらかを削除してください。")
        seen.add(name)
    missing = [name for name in expected if name not in seen]
    extra = [(column, name) for column, name in enumerate(header, start=1) if name not in expected]
    for name in missing:
        column = expected.index(name) + 1
        hint = f"（{len(header) >= column and header[column - 1] or '空欄'} と書かれている列の名前を変えたのかもしれません）" if extra else ""
        yield Problem(
            table.display, 1, column, "missing-column",
            f"列「{name}」がありません{hint}。1行目の見出しに「{name}」を戻してください。必要な列: {', '.join(expected)}",
        )
    for column, name in extra:
        yield Problem(
            table.display, 1, column, "extra-column",
            f"列「{name}」はこの表の定義にありません。列名を {', '.join(expected)} のいずれかに直すか、"
            "新しい列なら datapackage.json の schema に追加してください。",
        )


def parse_table(table: Table) -> tuple[pd.DataFrame, list[Problem]]:
    """Check every cell against its field's type and constraints; return typed columns."""
    problems: list[Problem] = []
    header = [name.strip() for name in table.header]
    width = len(header)
    good_rows: list[list[str]] = []
    good_lines: list[int] = []
    for line, row in zip(table.lines, table.rows, strict=True):
        if not row or not any(cell.strip() for cell in row):
            problems.append(Problem(table.display, line, 1, "blank-row", "空の行です。この行を削除してください。"))
            continue
        if len(row) != width:
            problems.append(
                Problem(
                    table.display, line, min(len(row), width) + 1, "wrong-cell-count",
                    f"この行のセルは {len(row)} 個ですが、見出しは {width} 列です。コンマの数（値の中のコンマは \"\" で囲む）を確認してください。",
                )
            )
            continue
        good_rows.append(row)
        good_lines.append(line)
    raw = pd.DataFrame(good_rows, columns=header, dtype=object) if good_rows else pd.DataFrame(columns=header, dtype=object)
    typed: dict[str, pd.Series] = {}
    for spec in table.schema.get("fields", []):
        name = spec["name"]
        column = header.index(name) + 1
        cells = raw[name].astype(str) if len(raw) else pd.Series([], dtype=object)
        values, field_problems = parse_column(table.display, good_lines, column, spec, cells.tolist())
        problems.extend(field_problems)
        typed[name] = values
    frame = pd.DataFrame(typed)
    frame.index = pd.Index(good_lines, name="line")
    return frame, problems


def parse_column(file: str, lines: list[int], column: int, spec: dict, cells: list[str]) -> tuple[pd.Series, list[Problem]]:
    """Parse one field's cells; a problem per bad cell, None where the cell gives no value."""
    name, kind = spec["name"], spec.get("type", "string")
    constraints = spec.get("constraints", {})
    label = f"「{name}」列"
    problems: list[Problem] = []
    values: list[object] = []
    enum = constraints.get("enum")
    pattern = re.compile(constraints["pattern"]) if "pattern" in constraints else None
    minimum, maximum = constraints.get("minimum"), constraints.get("maximum")
    for line, written in zip(lines, cells, strict=True):
        # Numbers and dates are read with surrounding spaces ignored, as frictionless does. Text is
        # checked as written: the published CSV is the file itself, so " p1" must not pass as "p1".
        cell = written.strip()

        def problem(code: str, message: str, line: int = line) -> None:
            problems.append(Problem(file, line, column, code, message))

        if cell == "":
            if constraints.get("required"):
                problem("required-value", f"{label}が空です。{spec.get('description', '')}")
            values.append(None)
            continue
        if kind in ("integer", "number"):
            value = parse_number(cell, kind)
            if value is None:
                code, message = explain_bad_number(cell, kind, label)
                problem(code, message)
                values.append(None)
                continue
            if minimum is not None and value < minimum or maximum is not None and value > maximum:
                bounds = "〜".join(str(b) if b is not None else "" for b in (minimum, maximum))
                problem("out-of-range", f"{label}の {cell} は範囲外です。{bounds} の値にしてください。")
                values.append(None)
                continue
        elif kind == "date":
            value = parse_date(cell)
            if value is None:
                problem("type-error", explain_bad_date(cell, label))
                values.append(None)
                continue
        else:
            value = written
            if cell.startswith(FORMULA_START):
                problem(
                    "formula-injection",
                    f"{label}の「{cell}」は {cell[0]} で始まっています。表計算ソフトで数式として実行されるおそれがあるため、"
                    "先頭の記号を削除するか、全角の記号（＝＋－＠）に置き換えてください。",
                )
                values.append(None)
                continue
            if pattern is not None and not pattern.fullmatch(written):
                problem("pattern-mismatch", f"{label}の「{written}」は書式に合いません。{spaces_hint(written)}{spec.get('description', '')}")
                values.append(None)
                continue
        if enum is not None and value not in enum:
            problem("invalid-value", explain_bad_enum(written, label, enum, spec.get("categories")))
            values.append(None)
            continue
        values.append(value)
    dtype = {"integer": "Int64", "number": "Float64"}.get(kind, object)
    return pd.Series(values, index=lines, dtype=dtype), problems


def explain_bad_enum(written: str, label: str, enum: list, categories: object) -> str:
    """Name the allowed values, with their labels where the field has Table Schema v2 categories.

    A clerk copying an annual report types the word the report prints (実施), not the code the
    table stores (implemented): that case is named, with the value to write instead.
    """
    labels = category_labels(categories)
    allowed = "、".join(f"{value}（{labels[value]}）" if value in labels else str(value) for value in enum)
    meant = {unicodedata.normalize("NFKC", text): value for value, text in labels.items()}.get(
        unicodedata.normalize("NFKC", written).strip())
    if meant is not None and meant in enum:
        return f"{label}の「{written}」はページに表示する言葉です。この列には {meant} と書いてください。使える値: {allowed}"
    return f"{label}の「{written}」は使えません。{spaces_hint(written)}次のいずれかにしてください: {allowed}"


def category_labels(categories: object) -> dict[object, str]:
    """{value: label} from a field's `categories` ([{"value": …, "label": …}]); others are ignored."""
    if not isinstance(categories, list):
        return {}
    return {
        c["value"]: c["label"] for c in categories
        if isinstance(c, dict) and isinstance(c.get("label"), str) and isinstance(c.get("value"), str | int)
    }


def spaces_hint(written: str) -> str:
    return "前後の空白を削除してください。" if written != written.strip() else ""


def parse_number(cell: str, kind: str) -> int | float | None:
    if kind == "integer":
        return int(cell) if INTEGER.fullmatch(cell) else None
    return float(cell) if NUMBER.fullmatch(cell) else None


def parse_date(cell: str) -> datetime.date | None:
    if not DATE.fullmatch(cell):
        return None
    try:
        return datetime.date.fromisoformat(cell)
    except ValueError:
        return None


def explain_bad_date(cell: str, label: str) -> str:
    slashed = re.fullmatch(r"([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})", unicodedata.normalize("NFKC", cell))
    if slashed:
        year, month, day = (int(part) for part in slashed.groups())
        return f"{label}の「{cell}」は日付の書き方が違います。{year:04d}-{month:02d}-{day:02d} の形（半角、ハイフン区切り）で書いてください。"
    return f"{label}の「{cell}」は日付として読めません。西暦の年-月-日の形（例: 2026-04-01）で書いてください。"


def explain_bad_number(cell: str, kind: str, label: str) -> tuple[str, str]:
    """Name the usual Excel-side causes of a non-number precisely, with the corrected value."""
    normal = unicodedata.normalize("NFKC", cell)
    era = ERA.fullmatch(normal)
    if era:
        start = ERA_START[era.group(1).upper() if len(era.group(1)) == 1 else era.group(1)]
        year = start + (1 if era.group(2) == "元" else int(era.group(2)))
        return "japanese-era-year", f"{label}の「{cell}」は和暦です。西暦の半角数字で書いてください（{cell} → {year}）。年度は始まる年の西暦です。"
    if FULL_WIDTH.search(cell):
        return "full-width-digits", f"{label}の「{cell}」に全角の数字・記号があります。半角で書いてください（{cell} → {normal}）。"
    if THOUSANDS.fullmatch(cell):
        return "thousands-separator", f"{label}の「{cell}」に桁区切りのコンマがあります。コンマを取ってください（{cell} → {cell.replace(',', '')}）。"
    example = "2014" if kind == "integer" else "10.6"
    return "type-error", f"{label}の「{cell}」は{TYPE_NAMES[kind]}として読めません。半角数字だけで書いてください（例: {example}）。単位や記号は書きません。"


def check_unique(table: Table, frame: pd.DataFrame) -> Iterator[Problem]:
    """primaryKey and unique fields: every repeat after the first is a problem."""
    header = [name.strip() for name in table.header]
    schema = table.schema
    keys = [list(schema["primaryKey"])] if schema.get("primaryKey") else []
    keys += [[f["name"]] for f in schema.get("fields", []) if f.get("constraints", {}).get("unique") and [f["name"]] not in keys]
    for key in keys:
        complete = frame[key].dropna()
        repeated = complete[complete.duplicated(keep="first")]
        for line, row in repeated.iterrows():
            first = complete.index[(complete == row).all(axis=1)][0]
            shown = "、".join(f"{name}={row[name]}" for name in key)
            yield Problem(
                table.display, int(line), header.index(key[-1]) + 1, "duplicate-key",
                f"{shown} の行が {first} 行目にもあります。同じ組の行は1つにしてください（値を直すなら {first} 行目を書き換えて、この行を削除）。",
            )


def check_foreign_keys(package: Package, tables: dict[str, pd.DataFrame]) -> Iterator[Problem]:
    for name, frame in tables.items():
        table = package.tables[name]
        header = [h.strip() for h in table.header]
        for foreign in table.schema.get("foreignKeys", []):
            fields, reference = foreign["fields"], foreign["reference"]
            target_name = reference["resource"] or name  # "": the table itself (Table Schema)
            if target_name not in package.tables:  # not in the package at all: the rows would be lost
                yield Problem(
                    table.display, 1, header.index(fields[0]) + 1, "missing-resource",
                    f"{table.path.name} の {'、'.join(fields)} は表「{target_name}」を参照しますが、datapackage.json の resources に {target_name} がありません。"
                    f"このままでは {table.path.name} の行をどのページにも載せられません。{target_name} の表を resources に戻すか、"
                    f"使わないなら {table.path.name} を resources から外してください。",
                )
                continue
            target = tables.get(target_name)
            if target is None:
                continue  # the referenced table is unreadable; its own problem says so
            known = set(map(tuple, target[reference["fields"]].dropna().itertuples(index=False)))
            keys = frame[fields].dropna()
            for line, key in zip(keys.index, keys.itertuples(index=False), strict=True):
                if tuple(key) not in known:
                    shown = "、".join(str(v) for v in key)
                    target_file = package.tables[reference["resource"]].path.name
                    yield Problem(
                        table.display, int(line), header.index(fields[0]) + 1, "unknown-reference",
                        f"「{shown}」は {target_file} にありません。{target_file} にある {'、'.join(reference['fields'])} を書くか、先に {target_file} に行を追加してください。",
                    )


def check_role_division(package: Package) -> Iterator[Problem]:
    """Part of the role division without the rest would publish nothing of it, silently."""
    present = [name for name in sorted(ROLE_DIVISION) if name in package.tables]
    missing = [name for name in sorted(ROLE_DIVISION) if name not in package.tables]
    if present and missing:
        yield Problem(
            display_path(package.descriptor_path), 1, 1, "missing-resource",
            f"役割区分は actors・actions・roles の3つの表で1組です（計画にあれば3つとも、なければどれも置きません）が、datapackage.json の resources に {'、'.join(missing)} がありません"
            f"（あるのは {'、'.join(present)}）。足りない表を加えるか、役割区分を載せないなら3つとも resources から外してください。",
        )


# Domain rules (design §3) ------------------------------------------------------------------------

Rule = Callable[[Package, dict[str, pd.DataFrame]], Iterator[Problem]]


def column_of(package: Package, resource: str, field: str) -> int:
    return [h.strip() for h in package.tables[resource].header].index(field) + 1


def unit_kinds(package: Package, units: pd.Series) -> pd.Series:
    """The kind of each unit (percent, count, money, number), as datapackage.json's units say."""
    config = read_config(package.descriptor) if not config_problems(package.descriptor) else read_config({})
    return units.map(lambda unit: config.unit_kind(unit) if isinstance(unit, str) else None)


def observations_with_units(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each observation with its indicator's unit.

    A repeated or unreadable indicator_id is already a problem of its own; it must not stop the
    lookup (a non-unique index cannot be mapped), so the first row of each id gives the unit.
    """
    indicators = tables["indicators"].dropna(subset=["indicator_id"]).drop_duplicates("indicator_id")
    units = indicators.set_index("indicator_id")["unit"]
    observations = tables["observations"]
    return observations.assign(unit=observations["indicator_id"].map(units))


def check_percent_range(package: Package, tables: dict[str, pd.DataFrame]) -> Iterator[Problem]:
    """A share (a unit of kind percent, such as %) lies in 0–100; 156 for 15.6 is the usual slip."""
    frame = observations_with_units(tables)
    share = unit_kinds(package, frame["unit"]) == "percent"
    bad = frame[(share & ((frame["value"] < 0) | (frame["value"] > 100))).fillna(False)]
    column = column_of(package, "observations", "value")
    for line, row in bad.iterrows():
        yield Problem(
            package.tables["observations"].display, int(line), column, "percent-out-of-range",
            f"指標 {row['indicator_id']} は割合（{row['unit']}）の指標ですが、値が {row['value']:g} です。0〜100 の値にしてください（% 記号は書きません）。",
        )
    indicators = tables["indicators"]
    share = unit_kinds(package, indicators["unit"]) == "percent"
    bad = indicators[(share & (indicators["target_value"] > 100)).fillna(False)]
    column = column_of(package, "indicators", "target_value")
    for line, row in bad.iterrows():
        yield Problem(
            package.tables["indicators"].display, int(line), column, "percent-out-of-range",
            f"指標 {row['indicator_id']} は割合（{row['unit']}）の指標ですが、目標値が {row['target_value']:g} です。0〜100 の値にしてください。",
        )


def check_counts_are_integers(package: Package, tables: dict[str, pd.DataFrame]) -> Iterator[Problem]:
    """Groups, measures, people and yen are counted (units of kind count or money): 254.5 団体 is a slip."""
    frame = observations_with_units(tables)
    counted = unit_kinds(package, frame["unit"]).isin(["count", "money"])
    bad = frame[(counted & (frame["value"] % 1 != 0)).fillna(False)]
    column = column_of(package, "observations", "value")
    for line, row in bad.iterrows():
        yield Problem(
            package.tables["observations"].display, int(line), column, "non-integer-count",
            f"指標 {row['indicator_id']} は{row['unit']}の数ですが、値 {row['value']:g} に小数があります。整数にしてください。",
        )
    indicators = tables["indicators"]
    counted = unit_kinds(package, indicators["unit"]).isin(["count", "money"])
    bad = indicators[(counted & (indicators["target_value"] % 1 != 0)).fillna(False)]
    column = column_of(package, "indicators", "target_value")
    for line, row in bad.iterrows():
        yield Problem(
            package.tables["indicators"].display, int(line), column, "non-integer-count",
            f"指標 {row['indicator_id']} は{row['unit']}の数ですが、目標値 {row['target_value']:g} に小数があります。整数にしてください。",
        )


def check_target_after_baseline(package: Package, tables: dict[str, pd.DataFrame]) -> Iterator[Problem]:
    indicators = tables["indicators"]
    bad = indicators[(indicators["target_period"] <= indicators["baseline_period"]).fillna(False)]
    column = column_of(package, "indicators", "target_period")
    for line, row in bad.iterrows():
        yield Problem(
            package.tables["indicators"].display, int(line), column, "target-not-after-baseline",
            f"指標 {row['indicator_id']} の目標値の年（{row['target_period']}）が現状値の年（{row['baseline_period']}）より後ではありません。"
            "target_period と baseline_period を確認してください。",
        )


def check_target_direction(package: Package, tables: dict[str, pd.DataFrame]) -> Iterator[Problem]:
    """A target on the wrong side of the baseline would read as 目標達成 at the first actual."""
    observations = tables["observations"].drop_duplicates(["indicator_id", "period"])[["indicator_id", "period", "value"]]
    indicators = tables["indicators"].drop_duplicates("indicator_id")  # a repeated row is duplicate-key
    frame = indicators.reset_index().merge(
        observations, left_on=["indicator_id", "baseline_period"], right_on=["indicator_id", "period"]
    ).set_index("line")  # indicators without a baseline are reported as baseline-missing
    increase, decrease = frame["direction"] == "increase", frame["direction"] == "decrease"
    wrong = ((increase & (frame["target_value"] < frame["value"])) | (decrease & (frame["target_value"] > frame["value"]))).fillna(False)
    column = column_of(package, "indicators", "direction")
    for line, row in frame[wrong].iterrows():
        wanted = "increase（増加を目指す）" if row["direction"] == "decrease" else "decrease（減少を目指す）"
        yield Problem(
            package.tables["indicators"].display, int(line), column, "direction-mismatch",
            f"指標 {row['indicator_id']} は direction が {row['direction']} ですが、目標値 {row['target_value']:g} が現状値 {row['value']:g} と逆の側にあります。"
            f"direction を {wanted} にするか、目標値・現状値を確認してください。",
        )


def check_baseline_exists(package: Package, tables: dict[str, pd.DataFrame]) -> Iterator[Problem]:
    """The baseline is an ordinary observation (design §2); without it no progress can be computed."""
    indicators = tables["indicators"]
    observed = set(tables["observations"][["indicator_id", "period"]].itertuples(index=False, name=None))
    column = column_of(package, "indicators", "baseline_period")
    for line, row in indicators.dropna(subset=["indicator_id", "baseline_period"]).iterrows():
        if (row["indicator_id"], row["baseline_period"]) not in observed:
            yield Problem(
                package.tables["indicators"].display, int(line), column, "baseline-missing",
                f"指標 {row['indicator_id']} の現状値（{row['baseline_period']}年の値）が observations.csv にありません。"
                f"observations.csv に「{row['indicator_id']},{row['baseline_period']},値,出典,」の行を追加するか、baseline_period を直してください。",
            )


DOMAIN_RULES: tuple[Rule, ...] = (
    check_percent_range,
    check_counts_are_integers,
    check_target_after_baseline,
    check_target_direction,
    check_baseline_exists,
)


# The yearly cycle of chapter 5 (design §9) -------------------------------------------------------

CYCLE_RESOURCES = {"reports", "action_progress", "evaluations"}
REPORT_DATES = ("evaluated", "reported_to_committee", "published")  # in the order chapter 5 sets
PLAN_SCOPE = "plan"
SCOPE_TARGETS = (("policies", "policy_id"), ("indicators", "indicator_id"))  # what else a scope may name


def field_title(package: Package, resource: str, name: str) -> str:
    """A field's Japanese title from the schema, so that a message names it as the guide does."""
    spec = next((f for f in package.tables[resource].schema.get("fields", []) if f.get("name") == name), {})
    return f"{spec.get('title', name)}（{name}）"


def check_report_dates_in_order(package: Package, tables: dict[str, pd.DataFrame]) -> Iterator[Problem]:
    """Chapter 5's order: the council evaluates the report, the committee is told, then it is
    published. Dates left empty are skipped; each later date is compared with the one given before it."""
    if "reports" not in tables:
        return
    table = package.tables["reports"]
    for line, row in tables["reports"].iterrows():
        given = [(name, row[name]) for name in REPORT_DATES if not pd.isna(row[name])]
        for (before, earlier), (after, later) in pairwise(given):
            if later < earlier:
                yield Problem(
                    table.display, int(line), column_of(package, "reports", after), "dates-out-of-order",
                    f"{field_title(package, 'reports', after)}の {later} が、{field_title(package, 'reports', before)}の {earlier} より前です。"
                    "日付は 審議会の評価 → 所管委員会への報告 → 公表 の順になります。報告書で日付を確かめ、打ち間違いを直してください"
                    "（分からない日付は空欄にできます。公表日は必須です）。",
                )


def check_report_dates_after_fiscal_year_start(package: Package, tables: dict[str, pd.DataFrame]) -> Iterator[Problem]:
    """A year's survey cannot be evaluated or published before that fiscal year begins (1 April):
    such a date is a slip in the date or a fiscal_year written as the year of publication."""
    if "reports" not in tables:
        return
    table = package.tables["reports"]
    for line, row in tables["reports"].dropna(subset=["fiscal_year"]).iterrows():
        start = datetime.date(int(row["fiscal_year"]), 4, 1)
        for name in REPORT_DATES:
            if not pd.isna(row[name]) and row[name] < start:
                yield Problem(
                    table.display, int(line), column_of(package, "reports", name), "date-before-fiscal-year",
                    f"{field_title(package, 'reports', name)}の {row[name]} は、調査した年度（fiscal_year {row['fiscal_year']}、{start} から）より前です。"
                    "fiscal_year には公表した年ではなく、調査した年度（始まる年の西暦）を書きます。fiscal_year と日付を報告書で確かめてください。",
                )


def check_report_within_plan_period(package: Package, tables: dict[str, pd.DataFrame]) -> Iterator[Problem]:
    """Each annual report surveys a year of the plan: its fiscal year lies in plan.period of the
    descriptor (start and end inclusive). Without a period in the descriptor there is nothing to check."""
    if "reports" not in tables:
        return
    plan = package.descriptor.get("plan")
    period = plan.get("period") if isinstance(plan, dict) else None
    start, end = (period.get("start"), period.get("end")) if isinstance(period, dict) else (None, None)
    if not (isinstance(start, int) and isinstance(end, int)):
        return
    table = package.tables["reports"]
    column = column_of(package, "reports", "fiscal_year")
    years = tables["reports"]["fiscal_year"]
    for line, year in years[((years < start) | (years > end)).fillna(False)].items():
        yield Problem(
            table.display, int(line), column, "fiscal-year-outside-plan",
            f"年次報告の年度 {year} が計画期間（{start}〜{end}）の外です。fiscal_year は調査した年度（西暦、年度は始まる年）で書きます。"
            "打ち間違いでなければ、datapackage.json の plan.period（計画期間）を確かめてください。",
        )


def check_evaluation_scope(package: Package, tables: dict[str, pd.DataFrame]) -> Iterator[Problem]:
    """An evaluation is of the whole plan, a basic policy or an indicator (design §9): its scope is
    `plan`, a policy_id or an indicator_id. One column naming one of three tables cannot be a
    Table Schema foreign key, so the reference is checked here. A plan without indicators (or
    policies) in its descriptor has only the other scopes."""
    targets = [(name, field) for name, field in SCOPE_TARGETS if name in package.tables]
    if "evaluations" not in tables or any(name not in tables for name, _ in targets):
        return  # a table that did not parse is reported by its own problems
    known = {PLAN_SCOPE}
    choices = [f"{PLAN_SCOPE}（計画全体）"]
    for name, field in targets:
        ids = list(tables[name][field].dropna())
        known.update(ids)
        examples = f"（{'、'.join(ids[:3])}{' など' if len(ids) > 3 else ''}）" if ids else ""
        choices.append(f"{package.tables[name].path.name} の {field}{examples}")
    table = package.tables["evaluations"]
    column = column_of(package, "evaluations", "scope")
    for line, scope in tables["evaluations"]["scope"].dropna().items():
        if scope not in known:
            yield Problem(
                table.display, int(line), column, "unknown-scope",
                f"評価の範囲「{scope}」は、{'、'.join(choices)}のどれでもありません。{spaces_hint(scope)}"
                "ID は参照先の表からそのまま写してください。",
            )


CYCLE_RULES: tuple[Rule, ...] = (
    check_report_dates_in_order,
    check_report_dates_after_fiscal_year_start,
    check_report_within_plan_period,
    check_evaluation_scope,
)
