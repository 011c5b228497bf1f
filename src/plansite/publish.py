"""Publish: the downloadable files of /data/ and the updates feed, as bytes. Pure: inputs are the
canonical bytes, the site model and the site's address.

Contract: data_files(package_files, site, base_url) returns {path under the docs tree: bytes}. The
canonical files (datapackage.json and each resource's CSV) are passed through byte for byte (design
§5); everything else is derived deterministically, with no clock: zip and workbook timestamps are the
data's own last publication date, so two builds of one commit give the same bytes (design §7).

The canonical files are published twice: at the stable addresses /data/<resource>.csv, and in the
package's own layout under /data/ (data/data/<resource>.csv), where datapackage.json's relative
resource paths point.

Derived files, for the users of issue 5:
- data/excel/<resource>.csv: the same rows as UTF-8 with a byte-order mark and CRLF line ends, which
  Excel opens by double-click without garbling Japanese (it reads a BOM-less CSV as Shift_JIS);
- data/datapackage.xlsx: one sheet per resource, typed cells, and a sheet describing every field;
- data/status.csv, data/indicators/<id>.csv, data/datapackage.zip (package, CSVs and a README with
  licence and citation), and feed.xml (the Atom feed of data updates, see feed.py).
"""

from __future__ import annotations

import csv
import datetime
import io
import posixpath
import re
import unicodedata
import zipfile

import pandas as pd

from .evaluate import STATUSES
from .feed import render_feed, site_url
from .fmt import format_date
from .model import Indicator, Site

STATUS_FIELDS = (
    "indicator_id", "name", "unit", "period_type", "baseline_period", "baseline_value",
    "target_period", "target_value", "latest_period", "latest_value", "expected_value",
    "achievement_rate", "progress_ratio", "status", "status_label",
)
BOM = b"\xef\xbb\xbf"
WORKBOOK = "data/datapackage.xlsx"
ABOUT_SHEET = "説明"
FIELDS_SHEET = "fields"
FIELD_COLUMNS = ("resource", "name", "title", "type", "constraints", "description")


def data_files(package_files: dict[str, bytes], site: Site, base_url: str | None = None) -> dict[str, bytes]:
    """package_files: {path inside the package (datapackage.json, data/x.csv): bytes}.

    base_url: the site's published address for citations and the feed (default: site_url()).
    """
    base_url = base_url or site_url()
    files = {f"data/{posixpath.basename(path)}": content for path, content in package_files.items()}
    # The same bytes again in the package's own layout (data/data/x.csv), so that the descriptor's
    # relative paths resolve and /data/datapackage.json loads as a remote package (frictionless, R)
    files.update({f"data/{path}": content for path, content in package_files.items()})
    files["data/status.csv"] = status_csv(site)
    for name in [posixpath.basename(r["path"]) for r in site.descriptor["resources"]] + ["status.csv"]:
        files[f"data/excel/{name}"] = excel_csv(files[f"data/{name}"])
    for indicator in site.indicators:
        files[f"data/indicators/{indicator.indicator_id}.csv"] = indicator_csv(site, indicator.indicator_id)
    files["data/datapackage.zip"] = package_zip(package_files, site, base_url)
    files[WORKBOOK] = package_workbook(package_files, site, base_url)
    files["feed.xml"] = render_feed(site, base_url)
    return files


# Plain CSV -----------------------------------------------------------------------------------------


def to_csv(header: tuple[str, ...] | list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def read_csv_rows(content: bytes) -> list[list[str]]:
    """A CSV's rows as strings (a BOM and CRLF, as Excel saves them, are accepted as in load.py)."""
    text = content.decode("utf-8-sig")
    return [row for row in csv.reader(io.StringIO(text, newline="")) if row]


def excel_csv(content: bytes) -> bytes:
    """The same rows for Excel: UTF-8 with a byte-order mark, CRLF line ends, same quoting rules.

    Excel reads a CSV without a BOM in the system's ANSI code page (Shift_JIS in Japan), which garbles
    every Japanese name. Cells need no formula escaping: validate.py rejects text starting with
    = + - @ (design §3), and derived files hold only numbers and validated text.
    """
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(read_csv_rows(content))
    return BOM + buffer.getvalue().encode("utf-8")


def number(value: float | None, digits: int | None = None) -> str:
    if value is None:
        return ""
    if digits is not None:
        value = round(value, digits)
    return str(int(value)) if value == int(value) else repr(value)


def status_csv(site: Site) -> bytes:
    """The evaluation as data (issue 4): one row per indicator, empty cells where not assessable."""
    rows = []
    for indicator in site.indicators:
        e = indicator.evaluation
        rows.append([
            indicator.indicator_id, indicator.name, indicator.unit, indicator.period_type,
            e.baseline_period, number(e.baseline_value), e.target_period, number(e.target_value),
            e.latest_period or "", number(e.latest_value), number(e.expected_value, 6),
            number(e.rate, 6), number(e.ratio, 6), e.status, STATUSES[e.status],
        ])
    return to_csv(STATUS_FIELDS, rows)


def indicator_csv(site: Site, indicator_id: str) -> bytes:
    """One indicator's observations, as in observations.csv, for a stable per-indicator address."""
    indicator = next(i for i in site.indicators if i.indicator_id == indicator_id)
    rows = [
        [indicator_id, o.period, number(o.value), o.source, o.note, o.published.isoformat()]
        for o in indicator.observations
    ]
    return to_csv(["indicator_id", "period", "value", "source", "note", "published"], rows)


# Licence and citation ------------------------------------------------------------------------------


def site_name(site: Site) -> str:
    """The site's name as the home page heading and mkdocs.yml's site_name write it."""
    return f"{site.title} 進捗状況"


def publisher_name(site: Site) -> str:
    return site.descriptor.get("publisher", {}).get("name", "")


def licence_of(site: Site) -> dict:
    """The first licence of datapackage.json (the package declares one: CC BY 4.0)."""
    licences = site.descriptor.get("licenses") or [{}]
    return licences[0]


def dataset_citation(site: Site, base_url: str) -> tuple[str, str]:
    """(as is, when edited): the credit lines that 公共データ利用規約 第1.0版 asks for, for the dataset."""
    updated = f"、{format_date(site.updated)}更新" if site.updated else ""
    name = f"「{site_name(site)}」オープンデータ"
    url = f"{base_url}data/"
    return (
        f"出典: {publisher_name(site)}{name}（{url}{updated}）",
        f"{name}（{publisher_name(site)}）（{url}）を加工して作成",
    )


def indicator_citation(site: Site, indicator: Indicator, base_url: str) -> tuple[str, str]:
    """(as is, when edited): the credit lines for one indicator's page and CSV."""
    name = f"「{site_name(site)}」成果指標「{indicator.name}」"
    url = f"{base_url}indicators/{indicator.indicator_id}/"
    return (
        f"出典: {publisher_name(site)}{name}（{url}、{format_date(indicator.updated)}更新）",
        f"{name}（{publisher_name(site)}）（{url}）を加工して作成",
    )


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


def package_zip(package_files: dict[str, bytes], site: Site, base_url: str) -> bytes:
    """datapackage.json, the CSVs and a README with licence and citation, in the package's layout."""
    entries = dict(package_files)
    entries["README.txt"] = zip_readme(site, base_url).encode("utf-8")
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


def zip_readme(site: Site, base_url: str) -> str:
    descriptor = site.descriptor
    licence = licence_of(site)
    as_is, edited = dataset_citation(site, base_url)
    updated = format_date(site.updated) if site.updated else "未登録"
    return "\r\n".join([
        descriptor.get("title", ""),
        "",
        descriptor.get("description", ""),
        "",
        f"公表: {publisher_name(site)}",
        f"最終更新: {updated}",
        f"サイト: {base_url}",
        "",
        f"利用条件: {licence.get('title', licence.get('name', ''))}",
        licence.get("path", ""),
        "",
        "出典の記載例（そのまま使う場合）:",
        as_is,
        "出典の記載例（加工して使う場合）:",
        edited,
        "",
        "ファイル:",
        "  datapackage.json  データパッケージ（Frictionless Data Package v2）。各表の列の型・制約・説明",
        "  data/*.csv        各表（UTF-8、1行目が見出し）",
        "Excel で開くときは、サイトの data/excel/ にある BOM 付きの CSV か datapackage.xlsx を使ってください。",
        "",
    ])


# The workbook ----------------------------------------------------------------------------------------


def package_workbook(package_files: dict[str, bytes], site: Site, base_url: str) -> bytes:
    """One .xlsx: an about sheet, one typed sheet per resource, and a sheet describing every field.

    Cells are typed from the Table Schema (integers, numbers, dates as dates), so Excel sorts and sums
    them without conversion. Written with pandas' openpyxl engine, then made deterministic.
    """
    resources = site.descriptor["resources"]
    stamp = datetime.datetime(*data_stamp(site))
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl", date_format="YYYY-MM-DD") as writer:
        about = about_frame(site, base_url)
        about.to_excel(writer, sheet_name=ABOUT_SHEET, index=False, header=False)
        for resource in resources:
            frame = typed_frame(package_files[resource["path"]], resource["schema"])
            frame.to_excel(writer, sheet_name=resource["name"], index=False)
        fields_frame(resources).to_excel(writer, sheet_name=FIELDS_SHEET, index=False)
        for sheet in writer.sheets.values():
            fit_columns(sheet)
        properties = writer.book.properties
        properties.creator = publisher_name(site)
        properties.title = site.descriptor.get("title", "")
        properties.created = stamp
        properties.modified = stamp
    return deterministic_xlsx(buffer.getvalue(), data_stamp(site))


def typed_frame(content: bytes, schema: dict) -> pd.DataFrame:
    """A resource's rows with the schema's types; empty cells stay empty (None)."""
    rows = read_csv_rows(content)
    header, body = rows[0], rows[1:]
    kinds = {f["name"]: f.get("type", "string") for f in schema["fields"]}
    columns = {
        name: [typed(row[i] if i < len(row) else "", kinds.get(name, "string")) for row in body]
        for i, name in enumerate(header)
    }
    return pd.DataFrame(columns, columns=header, dtype=object)


def typed(cell: str, kind: str) -> object:
    if cell == "":
        return None
    if kind == "integer":
        return int(cell)
    if kind == "number":
        return float(cell)
    if kind == "date":
        return datetime.date.fromisoformat(cell)
    return cell


def fields_frame(resources: list[dict]) -> pd.DataFrame:
    rows = [
        [resource["name"], field["name"], field.get("title", ""), field.get("type", "string"),
         "、".join(constraint_notes(field, resource["schema"])), field.get("description", "")]
        for resource in resources
        for field in resource["schema"]["fields"]
    ]
    return pd.DataFrame(rows, columns=list(FIELD_COLUMNS))


def about_frame(site: Site, base_url: str) -> pd.DataFrame:
    descriptor = site.descriptor
    licence = licence_of(site)
    as_is, edited = dataset_citation(site, base_url)
    rows = [
        ["タイトル", descriptor.get("title", "")],
        ["説明", descriptor.get("description", "")],
        ["公表", publisher_name(site)],
        ["最終更新", format_date(site.updated) if site.updated else "未登録"],
        ["サイト", base_url],
        ["利用条件", licence.get("title", licence.get("name", ""))],
        ["利用条件の URL", licence.get("path", "")],
        ["出典の記載例（そのまま）", as_is],
        ["出典の記載例（加工）", edited],
        ["シート", "表ごとに1シート（シート名は CSV のファイル名と同じ）。fields シートに各列の名前・型・制約・説明があります。"],
    ]
    rows += [[f"シート {r['name']}", f"{r.get('title', '')}: {r.get('description', '')}"] for r in descriptor["resources"]]
    return pd.DataFrame(rows)


def fit_columns(sheet) -> None:
    """Column widths from the longest cell (a full-width character counts two), header row frozen."""
    for column in sheet.columns:
        width = max((display_width(cell.value) for cell in column), default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 80)
    sheet.freeze_panes = "A2" if sheet.title != ABOUT_SHEET else None


def display_width(value: object) -> int:
    if value is None:
        return 0
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def deterministic_xlsx(data: bytes, stamp: tuple[int, ...]) -> bytes:
    """Rewrite an .xlsx (a zip) with fixed entry timestamps and document dates.

    openpyxl stamps docProps/core.xml's modified date and every zip entry with the clock on save;
    both are replaced by the data's last publication date, so the bytes depend only on the data.
    """
    moment = datetime.datetime(*stamp).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    entries = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            content = archive.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = CORE_DATES.sub(rb"\g<1>" + moment + rb"\g<3>", content)
            entries.append((info.filename, content))
    return stored_zip(entries, stamp)
