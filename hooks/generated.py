"""MkDocs hook: publish the pages and files that the data stage generates, at their §5 addresses.

Before each build (also each rebuild of `mkdocs serve`), the data stage runs again when the package or
the engine changed since the last run (a fingerprint is kept in the generated folder), so an edited
CSV shows up without a restart. A generated page never replaces a hand-written one: that is an error.

PLANSITE_DATA and PLANSITE_OUT choose another package or output folder (benchmarks, tests).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from plansite.build import fingerprint
from plansite.cli import main as build_data
from plansite.write import read_fingerprint


def folders(config: MkDocsConfig) -> tuple[Path, Path]:
    root = Path(config.config_file_path).parent
    data = Path(os.environ.get("PLANSITE_DATA") or root / "datapackage")
    out = Path(os.environ.get("PLANSITE_OUT") or root / "generated")
    return data, out


def on_pre_build(config: MkDocsConfig) -> None:
    data, out = folders(config)
    if read_fingerprint(out) == fingerprint(data):
        return
    if build_data(["--data", str(data), "--out", str(out)]) != 0:
        raise PluginError("データパッケージに問題があります（上の一覧を参照）。直すとページが作り直されます。")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _, out = folders(config)
    generated = out / "docs"
    for path in sorted(p for p in generated.rglob("*") if p.is_file()):
        uri = path.relative_to(generated).as_posix()
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"生成ページ {uri} と同じ場所に手書きのページ docs/{uri} があります。手書きのページを移動してください。")
        files.append(File(uri, src_dir=str(generated), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls))
    return files
