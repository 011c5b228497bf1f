"""Publish: the downloadable files of /data/ and the updates feed, as bytes. Pure: the inputs are the
package as loaded (its files' bytes and rows), its typed tables and the site model.

Contract: data_files(site, package, tables) returns {path under the docs tree: bytes}. The canonical
files (datapackage.json and each resource's CSV) are passed through byte for byte (design §5), as
load.py read them; everything else is derived deterministically, with no clock: zip and workbook
timestamps are the data's own last publication date, so two builds of one commit give the same bytes
(design §7). Every derived file takes its cells from what load and validate made of the CSVs, never
from a parse of its own: the Excel copies from the rows as read, the workbook from the typed tables,
so a cell that the check accepted is published the same way everywhere.

The canonical files are published twice: at the stable addresses /data/<resource>.csv, and in the
package's own layout under /data/ (data/data/<resource>.csv, and the source documents the descriptor
names, data/sources/...), where datapackage.json's relative paths point.

Derived files, for the users of issue 5:
- data/excel/<resource>.csv: the same rows as UTF-8 with a byte-order mark and CRLF line ends, which
  Excel opens by double-click without garbling Japanese (it reads a BOM-less CSV as Shift_JIS);
- data/datapackage.xlsx: one sheet per resource, typed cells, and a sheet describing every field;
- data/status.csv, data/indicators/<id>.csv, data/datapackage.zip (package, CSVs and a README with
  licence and citation), and feed.xml (the Atom feed of data updates, see feed.py);
- for catalogues and programs (issue 17, metadata.py): data/catalog.jsonld (DCAT), and
  data/indicators/<id>.json with its JSON Schema data/indicator.schema.json;
- for sharing (issue 17, card.py): the card images assets/cards/home.png, assets/cards/policies/<id>.png
  and assets/cards/indicators/<id>.png. The one exception to "pure": card.py reads and fills its cache
  folder (Settings.card_cache), a memo of PNGs already drawn; the bytes are the same without it.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import numbers
import posixpath
import unicodedata
import zipfile
from dataclasses import dataclass

import pandas as pd
import xlsxwriter

from .card import card_files
from .evaluate import STATUSES
from .feed import render_feed
from .load import BOM, Package
from .metadata import metadata_files
from .model import Indicator, Site

# status.csv, the evaluation as data: derived by this site (design §6), so its Table Schema is the
# engine's, published beside it (data/status.schema.json), in the workbook and in the dictionary
STATUS_SCHEMA = {
    "fields": [
        {"name": "indicator_id", "title": "指標ID", "type": "string", "description": "指標の識別子（indicators.csv の indicator_id）。", "constraints": {"required": True, "unique": True}},
        {"name": "name", "title": "指標名", "type": "string", "description": "指標の名前（indicators.csv の name）。", "constraints": {"required": True}},
        {"name": "unit", "title": "単位", "type": "string", "description": "値の単位（indicators.csv の unit）。", "constraints": {"required": True}},
        {"name": "period_type", "title": "期間の種類", "type": "string", "description": "年（暦年）か年度（indicators.csv の period_type）。", "constraints": {"required": True}},
        {"name": "baseline_period", "title": "現状値の年", "type": "integer", "description": "現状値の年・年度（西暦）。", "constraints": {"required": True}},
        {"name": "baseline_value", "title": "現状値", "type": "number", "description": "現状値 b。", "constraints": {"required": True}},
        {"name": "target_period", "title": "目標年", "type": "integer", "description": "目標値の年・年度（西暦）。", "constraints": {"required": True}},
        {"name": "target_value", "title": "目標値", "type": "number", "description": "目標値 T。", "constraints": {"required": True}},
        {"name": "latest_period", "title": "最新の実績値の年", "type": "integer", "description": "現状値より後の最新の実績値の年・年度（西暦）。空欄: 実績値が未登録。"},
        {"name": "latest_value", "title": "最新の実績値", "type": "number", "description": "最新の実績値 a。空欄: 実績値が未登録。"},
        {"name": "expected_value", "title": "期待値", "type": "number", "description": "最新の実績値の年に、現状値から目標値への直線の経路の上にあるはずの値 e（小数第6位まで）。空欄: 実績値が未登録。"},
        {"name": "achievement_rate", "title": "達成率（%）", "type": "number", "description": "達成率 = (a − b) ÷ (T − b) × 100（小数第6位まで）。空欄: 実績値が未登録か、目標値が現状値と同じ。"},
        {"name": "progress_ratio", "title": "進み具合 R", "type": "number", "description": "R = (a − b) ÷ (e − b)（小数第6位まで）。空欄: 実績値が未登録か、目標値が現状値と同じ。"},
        {"name": "status", "title": "状況のコード", "type": "string", "description": "評価の方法による状況（機械向けの変わらないコード）。", "constraints": {"required": True, "enum": list(STATUSES)}},
        {"name": "status_label", "title": "状況", "type": "string", "description": "状況のことば（目標達成、順調など。計画が datapackage.json で別のことばを決めていればそのことば）。", "constraints": {"required": True}},
    ],
    "primaryKey": ["indicator_id"],
}
STATUS_FIELDS = tuple(f["name"] for f in STATUS_SCHEMA["fields"])
STATUS_RESOURCE = {
    "name": "status", "path": "status.csv", "title": "評価結果", "schema": STATUS_SCHEMA,
    "description": "各指標の最新の実績値・期待値・達成率・状況。このサイトが評価の方法に従って計算した結果です（データパッケージの表ではありません）。",
}
WORKBOOK = "data/datapackage.xlsx"
ABOUT_SHEET = "説明"
FIELDS_SHEET = "fields"
FIELD_COLUMNS = ("resource", "name", "title", "type", "constraints", "description")


def data_files(site: Site, package: Package, tables: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """Every file of /data/ and the feed, from the package as loaded and its typed tables."""
    package_files = package.files()
    files = {f"data/{posixpath.basename(table.path_in_package)}": package_files[table.path_in_package] for table in package.tables.values()}
    files["data/datapackage.json"] = package_files["datapackage.json"]
    # The same bytes again in the package's own layout (data/data/x.csv, data/sources/...), so that
    # the descriptor's relative paths resolve and /data/datapackage.json loads as a remote package
    files.update({f"data/{path}": content for path, content in package_files.items()})
    status = status_rows(site)
    files["data/status.csv"] = to_csv(STATUS_FIELDS, status)
    files["data/status.schema.json"] = (json.dumps(STATUS_SCHEMA, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    for table in package.tables.values():
        files[f"data/excel/{posixpath.basename(table.path_in_package)}"] = excel_csv([table.header, *table.rows])
    files["data/excel/status.csv"] = excel_csv([list(STATUS_FIELDS), *status])
    for indicator in site.indicators:
        files[indicator.csv_path] = indicator_csv(indicator)
    files["data/datapackage.zip"] = package_zip(package_files, site)
    files[WORKBOOK] = package_workbook(package, tables, site)
    files["feed.xml"] = render_feed(site)
    # For catalogues, search engines and programs, and the pictures shared links show (issue 17)
    files.update(metadata_files(site))
    files.update(card_files(site))
    return files


# Plain CSV -----------------------------------------------------------------------------------------


def to_csv(header: tuple[str, ...] | list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def excel_csv(rows: list[list[str]]) -> bytes:
    """The same rows for Excel: UTF-8 with a byte-order mark, CRLF line ends, same quoting rules.

    Excel reads a CSV without a BOM in the system's ANSI code page (Shift_JIS in Japan), which garbles
    every Japanese name. Cells need no formula escaping: validate.py rejects text starting with
    = + - @ (design §3), and derived files hold only numbers and validated text.
    """
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return BOM + buffer.getvalue().encode("utf-8")


def number(value: float | None, digits: int | None = None) -> str:
    if value is None:
        return ""
    if digits is not None:
        value = round(value, digits)
    return str(int(value)) if value == int(value) else repr(value)


def status_rows(site: Site) -> list[list[object]]:
    """The evaluation as data (issue 4): one row per indicator, empty cells where not assessable."""
    rows = []
    for indicator in site.indicators:
        e = indicator.evaluation
        rows.append([
            indicator.indicator_id, indicator.name, indicator.unit, indicator.period_type,
            e.baseline_period, number(e.baseline_value), e.target_period, number(e.target_value),
            e.latest_period or "", number(e.latest_value), number(e.expected_value, 6),
            number(e.rate, 6), number(e.ratio, 6), e.status, site.statuses[e.status],
        ])
    return rows


def indicator_csv(indicator: Indicator) -> bytes:
    """One indicator's observations, as in observations.csv, for a stable per-indicator address."""
    rows = [
        [indicator.indicator_id, o.period, number(o.value), o.source, o.note, o.published.isoformat()]
        for o in indicator.observations
    ]
    return to_csv(["indicator_id", "period", "value", "source", "note", "published"], rows)


# Field descriptions ----------------------------------------------------------------------------------


def constraint_notes(field: dict, schema: dict) -> list[str]:
    """A field's Table Schema constraints and keys in words, for the dictionary page and workbook."""
    constraints = field.get("constraints", {})
    name = field["name"]
    notes = []
    if name in schema.get("primaryKey", []):
        key = schema["primaryKey"]
        notes.append("主キー" if len(key) == 1 else f"主キー（{'・'.join(key)} の組）")
    if constraints.get("required"):
        notes.append("必須")
    if constraints.get("unique"):
        notes.append("重複不可")
    if "enum" in constraints:
        notes.append("値: " + "、".join(map(str, constraints["enum"])))
    if "minimum" in constraints:
        notes.append(f"最小 {constraints['minimum']}")
    if "maximum" in constraints:
        notes.append(f"最大 {constraints['maximum']}")
    if "pattern" in constraints:
        notes.append(f"書式（正規表現） {constraints['pattern']}")
    for foreign in schema.get("foreignKeys", []):
        if name in foreign["fields"]:
            reference = foreign["reference"]
            notes.append(f"参照: {reference['resource']}.csv の {'・'.join(reference['fields'])}")
    return notes


# The zip -------------------------------------------------------------------------------------------


def data_stamp(site: Site) -> tuple[int, int, int, int, int, int]:
    """The timestamp for files inside archives: the data's last publication date, never the clock."""
    updated = site.updated
    return (updated.year, updated.month, updated.day, 0, 0, 0) if updated else (1980, 1, 1, 0, 0, 0)


def package_zip(package_files: dict[str, bytes], site: Site) -> bytes:
    """datapackage.json, the CSVs and a README with licence and citation, in the package's layout."""
    entries = dict(package_files)
    resources = {r["path"] for r in site.descriptor["resources"]} | {"datapackage.json"}
    others = sorted(set(package_files) - resources)
    entries["README.txt"] = zip_readme(site, others).encode("utf-8")
    return stored_zip([(path, entries[path]) for path in sorted(entries)], data_stamp(site))


def stored_zip(entries: list[tuple[str, bytes]], stamp: tuple[int, ...]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in entries:
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def zip_readme(site: Site, sources: list[str] | None = None) -> str:
    descriptor = site.descriptor
    return "\r\n".join([
        descriptor.get("title", ""),
        "",
        descriptor.get("description", ""),
        "",
        f"公表: {site.publisher}",
        f"最終更新: {site.updated_text}",
        f"サイト: {site.base_url}",
        "",
        f"利用条件: {site.licence_title}",
        site.licence.get("path", ""),
        "",
        "出典の記載例（そのまま使う場合）:",
        site.citation.as_is,
        "出典の記載例（加工して使う場合）:",
        site.citation.edited,
        "",
        "ファイル:",
        "  datapackage.json  データパッケージ（Frictionless Data Package v2）。各表の列の型・制約・説明",
        "  data/*.csv        各表（UTF-8、1行目が見出し）",
        *(f"  {path}  数値の出典の文書" for path in sources or []),
        "Excel で開くときは、サイトの data/excel/ にある BOM 付きの CSV か datapackage.xlsx を使ってください。",
        "",
    ])


# The workbook ----------------------------------------------------------------------------------------


def package_workbook(package: Package, tables: dict[str, pd.DataFrame], site: Site) -> bytes:
    """One .xlsx: an about sheet, one typed sheet per resource, and a sheet describing every field.

    Cells are the typed values of validate.py (integers, numbers, dates as dates), so Excel sorts and
    sums them without conversion, and a cell the check accepted is the value the pages show. The
    columns are in the CSV's order. Clock-free: the document dates and zip timestamps are the data's
    last publication date.
    """
    sheets = [Sheet(ABOUT_SHEET, about_rows(site), header=False)]
    for name, table in package.tables.items():
        header = [cell.strip() for cell in table.header]
        frame = tables[name][header]
        body = [[cell_value(value) for value in row] for row in frame.itertuples(index=False, name=None)]
        sheets.append(Sheet(name, [header, *body]))
    resources = [*site.descriptor["resources"], STATUS_RESOURCE]
    sheets.append(Sheet(FIELDS_SHEET, [list(FIELD_COLUMNS), *field_rows(resources)]))
    return write_xlsx(sheets, site.publisher, site.descriptor.get("title", ""), data_stamp(site))


def cell_value(value: object) -> object:
    """A typed table's cell as the workbook writes it: None for no value, plain int and float."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return value  # text as written, or a date


def field_rows(resources: list[dict]) -> list[list[object]]:
    return [
        [resource["name"], field["name"], field.get("title", ""), field.get("type", "string"),
         "、".join(constraint_notes(field, resource["schema"])), field.get("description", "")]
        for resource in resources
        for field in resource["schema"]["fields"]
    ]


def about_rows(site: Site) -> list[list[object]]:
    descriptor = site.descriptor
    rows: list[list[object]] = [
        ["タイトル", descriptor.get("title", "")],
        ["説明", descriptor.get("description", "")],
        ["公表", site.publisher],
        ["最終更新", site.updated_text],
        ["サイト", site.base_url],
        ["利用条件", site.licence_title],
        ["利用条件の URL", site.licence.get("path", "")],
        ["出典の記載例（そのまま）", site.citation.as_is],
        ["出典の記載例（加工）", site.citation.edited],
        ["シート", f"表ごとに1シート（シート名は CSV のファイル名と同じ）。{FIELDS_SHEET} シートに各列の名前・型・制約・説明があります。"],
    ]
    rows += [[f"シート {r['name']}", f"{r.get('title', '')}: {r.get('description', '')}"] for r in descriptor["resources"]]
    return rows


# The workbook is written with XlsxWriter. openpyxl, through pandas, was the first choice, but it
# serialises each cell at about 25 µs: the 1,000-indicator benchmark's workbook took two thirds of the
# whole data stage (design §7). XlsxWriter writes the same workbook in about a fifth of that time,
# and gives byte-identical files for a fixed creation date. Strings are never read as formulas,
# numbers or links: a text cell from the data stays text in Excel.


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]
    header: bool = True  # first row bold and frozen


def write_xlsx(sheets: list[Sheet], creator: str, title: str, stamp: tuple[int, ...]) -> bytes:
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(buffer, options)
    workbook.set_properties({"title": title, "author": creator, "created": datetime.datetime(*stamp)})
    date_style = workbook.add_format({"num_format": "yyyy-mm-dd"})
    header_style = workbook.add_format({"bold": True})
    for sheet in sheets:
        worksheet = workbook.add_worksheet(sheet.name)
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, datetime.date):
                    worksheet.write_datetime(r, c, datetime.datetime.combine(value, datetime.time()), date_style)
                elif isinstance(value, str):
                    worksheet.write_string(r, c, value, header_style if sheet.header and r == 0 else None)
                else:
                    worksheet.write_number(r, c, value)
        if sheet.header:
            worksheet.freeze_panes(1, 0)
        width = max((len(row) for row in sheet.rows), default=1)
        for c, columns in enumerate(column_widths(sheet.rows, width)):
            worksheet.set_column(c, c, columns)
    workbook.close()
    return buffer.getvalue()


def column_widths(rows: list[list[object]], width: int) -> list[int]:
    """From the longest distinct value in each column (a full-width character counts two), 8–80."""
    widths = []
    for c in range(width):
        values = {row[c] for row in rows if c < len(row) and row[c] is not None}
        longest = max((display_width(v) for v in values), default=0)
        widths.append(min(max(longest + 2, 8), 80))
    return widths


def display_width(value: object) -> int:
    if isinstance(value, datetime.date):
        return 10
    text = str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
