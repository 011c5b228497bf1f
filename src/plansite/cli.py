"""The command line of design §4: validate the package, then write the generated site sources.

    python scripts/build_data.py            validate, then write the generated pages and files
    python scripts/build_data.py --check    validate only; write nothing
    --data DIR                              another package (default: datapackage/)
    --templates DIR                         a fork's own page templates (default: templates/, if any)
    --cache DIR                             the share cards' cache (default: see below)
    --format text|json|github               how problems are printed

Settings are read here, once, and passed down: the site's published address from SITE_URL (as
mkdocs.yml reads it), the templates folder from --templates, and the folder where the share cards'
PNGs are kept between builds (card.py) from --cache, else PLANSITE_CACHE, else
$XDG_CACHE_HOME/plansite/cards, else ~/.cache/plansite/cards. It can be deleted at any time.

Exit 0: valid. Exit 1: data problems, one per line as FILE:LINE:COLUMN: message [code], nothing
written. Exit 2: usage or internal error (a traceback only with --debug).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from .load import load_package
from .problems import format_problems
from .settings import fingerprint, settings
from .validate import validate_package

DEFAULT_DATA = Path("datapackage")
DEFAULT_OUT = Path("generated")


def main(argv: list[str] | None = None) -> int:
    options = parse_arguments(argv)
    try:
        return run(options)
    except Exception:  # an internal error, not a data problem: exit 2 as the contract says
        if options.debug:
            traceback.print_exc()
        else:
            error = sys.exc_info()[1]
            print(f"内部エラー: {type(error).__name__}: {error}（詳細は --debug を付けて実行）", file=sys.stderr)
        return 2


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="build_data.py",
        description="データパッケージを検証し、サイトのページを生成します。",
    )
    parser.add_argument("--check", action="store_true", help="検証だけを行い、何も書き出さない")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="データパッケージのフォルダ（既定: datapackage）")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="生成物を書き出すフォルダ（既定: generated。毎回作り直す）")
    parser.add_argument("--templates", type=Path, default=None, help="ページのテンプレートを差し替えるフォルダ（既定: templates があればそれ）")
    parser.add_argument("--cache", type=Path, default=None, help="共有用の画像（カード）のキャッシュのフォルダ（既定: 環境変数 PLANSITE_CACHE、なければ ~/.cache/plansite/cards）")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text", help="問題の表示形式")
    parser.add_argument("--debug", action="store_true", help="内部エラーのときにトレースバックを表示する")
    return parser.parse_args(argv)


def run(options: argparse.Namespace) -> int:
    started = time.perf_counter()
    stamp = None
    config = settings(options.templates, options.cache)
    if not options.check:
        # Taken before anything is read: a file edited during the build then differs from the
        # fingerprint recorded with the output, and the MkDocs hook builds again
        stamp = fingerprint(options.data, config)
    # Load
    package, problems = load_package(options.data)
    # Validate
    tables = {}
    if package is not None:
        more, tables = validate_package(package)
        problems = sorted(set(problems) | set(more))
    if problems:
        print(format_problems(problems, options.format))
        print(f"{len(problems)} 件の問題があります。直してからもう一度実行してください。何も書き出していません。", file=sys.stderr)
        return 1
    if options.format == "json":
        print("[]")
    summary = summarise(tables)
    if options.check:
        print(f"検証OK: {summary}（{time.perf_counter() - started:.2f} 秒）", file=sys.stderr)
        return 0
    # Evaluate, render, write
    from .build import build_site  # imported late: --check needs no renderer
    from .card import FontMissing
    from .write import RefusedOutput

    try:
        written = build_site(package, tables, config, options.out, stamp)
    except (RefusedOutput, FontMissing) as error:
        print(f"エラー: {error}", file=sys.stderr)
        return 2
    print(f"検証OK: {summary}", file=sys.stderr)
    print(f"生成: {options.data}/ から {written} ファイルを {options.out}/ に書き出しました（{time.perf_counter() - started:.2f} 秒）", file=sys.stderr)
    return 0


def summarise(tables: dict) -> str:
    """Say what came in: rows per resource and the observations' year range."""
    parts = [f"{name} {len(frame)} 行" for name, frame in tables.items()]
    observations = tables.get("observations")
    if observations is not None and len(observations):
        parts.append(f"実績値の年 {observations['period'].min()}〜{observations['period'].max()}")
    return "、".join(parts)
