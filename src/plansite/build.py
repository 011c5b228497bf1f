"""Build: evaluate, render and publish a validated package, then write the generated tree.

Contract: build_site() is called only with a package that validated. It writes `out/docs/`, the
pages and files that the MkDocs hook (hooks/generated.py) adds to the site at their §5 addresses.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from .feed import site_url
from .load import Package
from .model import make_site
from .publish import data_files
from .render import render_pages
from .write import write_tree

SOURCE = Path(__file__).resolve().parent


def build_site(package: Package, tables: dict[str, pd.DataFrame], out: Path, stamp: str) -> int:
    """Write the generated tree; `stamp` is fingerprint() of the package as it was before loading."""
    site = make_site(package.descriptor, tables)
    files: dict[str, str | bytes] = {f"docs/{path}": text for path, text in render_pages(site).items()}
    downloads = data_files(read_package_files(package), site)
    files.update({f"docs/{path}": content for path, content in downloads.items()})
    return write_tree(out, files, stamp)


def read_package_files(package: Package) -> dict[str, bytes]:
    """The canonical files, as bytes, keyed by their path inside the package.

    Source documents that the descriptor's `sources` name by a relative path inside the package
    (sources/plan-chapter5.txt) come too, so that the published package and its zip are complete.
    """
    files = {"datapackage.json": package.descriptor_path.read_bytes()}
    for table in package.tables.values():
        files[table.path.relative_to(package.root).as_posix()] = table.path.read_bytes()
    root = package.root.resolve()
    for source in package.descriptor.get("sources", []):
        path = source.get("path", "") if isinstance(source, dict) else ""
        target = (root / path).resolve()
        if path and "://" not in path and root in target.parents and target.is_file():
            files[target.relative_to(root).as_posix()] = target.read_bytes()
    return files


def fingerprint(data: Path) -> str:
    """What the generated tree depends on: the package's files, this package's code and SITE_URL.

    The MkDocs hook rebuilds when it changes, so `mkdocs serve` picks up an edited CSV.
    """
    digest = hashlib.sha256()
    digest.update(site_url().encode())  # the feed and citations carry absolute links (feed.py)
    roots = [Path(data), SOURCE]
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
