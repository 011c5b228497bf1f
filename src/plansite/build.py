"""Build: from a validated package to the generated tree, stage by stage.

Contract: build_site() is called only with a package that validated, and its typed tables. It writes
`out/docs/`, the pages and files that the MkDocs hook (hooks/generated.py) adds to the site at their
§5 addresses. Each stage's input is the previous stage's output; nothing is read twice.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .descriptor import read_config
from .evaluate import evaluate_indicators
from .load import Package
from .model import Site, make_site
from .publish import data_files
from .render import render_embed_pages, render_pages, static_svgs
from .settings import Settings
from .write import write_tree


def build_site(package: Package, tables: dict[str, pd.DataFrame], settings: Settings, out: Path, stamp: str) -> int:
    """Write the generated tree; `stamp` is fingerprint() of the package as it was before loading."""
    # Evaluate and model
    site = model_site(package, tables, settings)
    # Render (pages) and publish (files)
    charts = static_svgs(site)  # an indicator's page and its embed page show the same chart
    files: dict[str, str | bytes] = {f"docs/{path}": text for path, text in render_pages(site, settings.templates, charts).items()}
    files.update({f"docs/{path}": text for path, text in render_embed_pages(site, settings.templates, charts).items()})
    files.update({f"docs/{path}": content for path, content in data_files(site, package, tables).items()})
    # Write
    return write_tree(out, files, stamp, package.root)


def model_site(package: Package, tables: dict[str, pd.DataFrame], settings: Settings) -> Site:
    """The progress of every indicator (design §6), then the model that pages and files are made from."""
    config = read_config(package.descriptor)
    evaluations = evaluate_indicators(tables["indicators"], tables["observations"], config.thresholds)
    return make_site(package.descriptor, config, tables, evaluations, settings)
