"""Publish: the downloadable files of /data/, as bytes. Pure: inputs are the canonical bytes.

Contract: data_files(package_files, site) returns {path under the docs tree: bytes}. The canonical
files (datapackage.json and each resource's CSV) are passed through byte for byte (design §5);
everything else (status.csv, per-indicator CSVs, the zip) is derived deterministically, with no
clock: the zip's timestamps are the data's own last publication date.
"""

from __future__ import annotations

import csv
import io
import posixpath
import zipfile

from .evaluate import STATUSES
from .model import Site

STATUS_FIELDS = (
    "indicator_id", "name", "unit", "period_type", "baseline_period", "baseline_value",
    "target_period", "target_value", "latest_period", "latest_value", "expected_value",
    "achievement_rate", "progress_ratio", "status", "status_label",
)


def data_files(package_files: dict[str, bytes], site: Site) -> dict[str, bytes]:
    """package_files: {path inside the package (datapackage.json, data/x.csv): bytes}."""
    files = {f"data/{posixpath.basename(path)}": content for path, content in package_files.items()}
    files["data/status.csv"] = status_csv(site)
    for indicator in site.indicators:
        files[f"data/indicators/{indicator.indicator_id}.csv"] = indicator_csv(site, indicator.indicator_id)
    files["data/datapackage.zip"] = package_zip(package_files, site)
    return files


def to_csv(header: tuple[str, ...] | list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


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


def package_zip(package_files: dict[str, bytes], site: Site) -> bytes:
    """datapackage.json, the CSVs and a README with licence and citation, in the package's layout."""
    updated = site.updated
    stamp = (updated.year, updated.month, updated.day, 0, 0, 0) if updated else (1980, 1, 1, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        entries = dict(package_files)
        entries["README.txt"] = zip_readme(site).encode("utf-8")
        for path in sorted(entries):
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[path])
    return buffer.getvalue()


def zip_readme(site: Site) -> str:
    descriptor = site.descriptor
    licence = descriptor.get("licenses", [{}])[0]
    publisher = descriptor.get("publisher", {}).get("name", "")
    return (
        f"{descriptor.get('title', '')}\n\n{descriptor.get('description', '')}\n\n"
        f"利用条件: {licence.get('title', '')}\n{licence.get('path', '')}\n\n"
        f"出典の記載例: 「{site.title}の成果指標データ」（{publisher}）を加工して作成\n\n"
        "datapackage.json に各表の列の定義（型・制約・説明）があります。\n"
    )
