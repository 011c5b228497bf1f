"""Read a package the way the build does (load, validate, evaluate, model), for tests that look at
the model, the pages or the files without building a site."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from plansite.build import model_site
from plansite.load import Package, load_package
from plansite.model import DEFAULT_SITE_URL, Settings, Site
from plansite.validate import validate_package


def read_package(root: Path) -> tuple[Package, dict[str, pd.DataFrame]]:
    package, problems = load_package(root)
    assert package is not None and not problems, problems
    more, tables = validate_package(package)
    assert not more, more
    return package, tables


def read_site(root: Path, site_url: str = DEFAULT_SITE_URL) -> Site:
    package, tables = read_package(root)
    return model_site(package, tables, Settings(site_url=site_url))
