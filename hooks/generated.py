"""MkDocs hook: publish the pages and files that the data stage generates, at their §5 addresses.

Before each build (also each rebuild of `mkdocs serve`), the data stage runs again when the package or
the engine changed since the last run (a fingerprint is kept in the generated folder), so an edited
CSV shows up without a restart. A generated page never replaces a hand-written one: that is an error.

Which package: PLANSITE_DATA when set (benchmarks, tests); else the one the data stage last built into
the output folder (so `build_data.py --data DIR` then `mkdocs build` publishes DIR, and says so); else
datapackage/. PLANSITE_OUT chooses another output folder.

Generated pages are Markdown headings around raw HTML blocks (render.py). Python-Markdown finds where
each raw block ends by running html.parser over every tag, which was two thirds of `mkdocs build` for
1,000 indicators (benchmarks/RESULTS.md). The hook hands Markdown a placeholder paragraph for each
block whose extent is certain and puts the block back, unchanged, into the converted page; the
headings still go through Markdown (ids, permalinks, table of contents). A block whose extent is not
certain (unbalanced tags, a comment, text after its end) is left to Markdown, so the page comes out
the same either way.
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from plansite.build import fingerprint
from plansite.cli import main as build_data
from plansite.cli import settings
from plansite.descriptor import PlanConfig, config_problems, read_config
from plansite.write import read_marker

log = logging.getLogger("mkdocs.plugins.plansite")


def folders(config: MkDocsConfig) -> tuple[Path, Path, Path]:
    root = Path(config.config_file_path).parent
    out = Path(os.environ.get("PLANSITE_OUT") or root / "generated")
    _, built = read_marker(out)
    chosen = os.environ.get("PLANSITE_DATA")
    data = Path(chosen) if chosen else built if built and built.is_dir() else root / "datapackage"
    return data, out, root / "templates"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """The site's name and copyright come from the package being published (design §10).

    MkDocs requires a site_name in mkdocs.yml; the package's name (datapackage.json's site.name, else
    plan.title + 「 進捗状況」) replaces it, so that the pages, the feed and the browser's title bar
    never show two names. When mkdocs.yml says something else, the log says which name is used.
    """
    data, _, _ = folders(config)
    plan = read_plan(data)
    if plan is None:
        return config
    if config.site_name != plan.site_name:
        log.info(f"サイト名は {data}/datapackage.json の「{plan.site_name}」です（mkdocs.yml の site_name「{config.site_name}」は使いません）")
        config.site_name = plan.site_name
    if plan.copyright:
        config.copyright = plan.copyright
    return config


def read_plan(data: Path) -> PlanConfig | None:
    """The package's settings, or None when the descriptor is unreadable or wrong: the data stage
    reports that, with its line and column."""
    try:
        descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None
    if not isinstance(descriptor, dict) or config_problems(descriptor):
        return None
    return read_config(descriptor)


def on_pre_build(config: MkDocsConfig) -> None:
    data, out, templates = folders(config)
    if data.resolve() != (Path(config.config_file_path).parent / "datapackage").resolve():
        log.info(f"データパッケージ {data} を公開します（datapackage/ ではありません）")
    arguments = ["--data", str(data), "--out", str(out)] + (["--templates", str(templates)] if templates.is_dir() else [])
    stamp, _ = read_marker(out)
    if stamp == fingerprint(data, settings(templates if templates.is_dir() else None)):
        return
    if build_data(arguments) != 0:
        raise PluginError("データパッケージに問題があります（上の一覧を参照）。直すとページが作り直されます。")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    data, out, _ = folders(config)
    generated = out / "docs"
    generated_uris.clear()
    for path in sorted(p for p in generated.rglob("*") if p.is_file()):
        uri = path.relative_to(generated).as_posix()
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"生成ページ {uri} と同じ場所に手書きのページ docs/{uri} があります。手書きのページを移動してください。")
        files.append(File(uri, src_dir=str(generated), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls))
        generated_uris.add(uri)
    # The home page links the promotion page by address, which MkDocs does not check: a fork that
    # removed docs/promotion.md but kept site.promotion_page would publish a dead link
    plan = read_plan(data)
    if plan and plan.promotion_page and files.get_file_from_path(plan.promotion_page) is None:
        raise PluginError(
            f"datapackage.json の site.promotion_page は「{plan.promotion_page}」ですが、docs/{plan.promotion_page} がありません。"
            "そのページを書くか、計画の推進のページを載せないなら site.promotion_page を消してください。"
        )
    config.nav = present_in_nav(config.nav, files) if config.nav else config.nav
    return files


def present_in_nav(nav: list, files: Files) -> list:
    """The navigation without the pages a package does not make (a plan without a role division has
    no roles.md) or a fork has removed (no promotion.md): an optional part leaves no dead entry."""
    kept = []
    for item in nav:
        (title, target), = item.items() if isinstance(item, dict) else ((None, item),)
        if isinstance(target, list):
            target = present_in_nav(target, files)
            if target:
                kept.append({title: target})
        elif not isinstance(target, str) or "://" in target or files.get_file_from_path(target) is not None:
            kept.append(item)
        else:
            log.info(f"ナビゲーションの「{title or target}」は、ページ {target} がないため表示しません")
    return kept


# Raw HTML blocks of generated pages, past Markdown ------------------------------------------------

# A tag, split into (closing slash, name, self-closing slash); re.split interleaves the text between
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(/?)>")
VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
BLOCK = frozenset({"div", "p", "table", "ul", "ol", "dl", "nav", "section", "details", "figure", "blockquote",
                   "h1", "h2", "h3", "h4", "h5", "h6", "aside", "header", "footer", "form"})
PLACEHOLDER = "PLANSITEHTMLBLOCK{}X"
# A chart's SVG (src/plansite/chart.py) is a hundred tags or more, well-formed by construction (a test
# parses each with an XML parser): it is passed over whole, from its start tag to its end tag, instead
# of tag by tag. An SVG inside an SVG would leave a stray end tag, and the block to Markdown.
SVG = re.compile(r"<svg\b[^<>]*>.*?</svg>", re.S)
generated_uris: set[str] = set()
stashed: dict[str, list[str]] = {}


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri not in generated_uris:
        return markdown  # a hand-written page: Markdown as usual
    passed: list[str] = []
    blocks: list[str] = []
    follows_block = False
    for chunk in markdown.split("\n\n"):
        if not is_html_block(chunk):
            passed.append(chunk)
            follows_block = False
        elif follows_block:  # blocks in a row share a placeholder: Markdown keeps a blank line between
            blocks[-1] += "\n\n" + chunk
        else:
            passed.append(PLACEHOLDER.format(len(blocks)))
            blocks.append(chunk)
            follows_block = True
    stashed[page.file.src_uri] = blocks
    return "\n\n".join(passed)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    blocks = stashed.pop(page.file.src_uri, [])
    for number, block in enumerate(blocks):
        placeholder = f"<p>{PLACEHOLDER.format(number)}</p>"
        if html.count(placeholder) != 1:
            raise PluginError(f"{page.file.src_uri}: 生成ページの HTML ブロック {number} を戻せません。")
        html = html.replace(placeholder, block + "\n")  # as Markdown emits a raw block
    return html.strip() if blocks else html  # Markdown strips the page's end


def is_html_block(chunk: str) -> bool:
    """Whether Python-Markdown would keep this whole chunk as raw HTML: one or more complete
    block-level elements, one after another, with nothing but line breaks around and between them."""
    if not chunk.startswith("<") or "<!--" in chunk or "\n\n" in chunk:
        return False
    parts = TAG.split(SVG.sub("<svg></svg>", chunk))  # text, closing, name, self-closing, text, …, text
    depth = 0
    for i in range(1, len(parts), 4):
        closing, name, empty = parts[i], parts[i + 1].lower(), parts[i + 2]
        if depth == 0:
            before = parts[i - 1]  # the text since the previous top-level element ended
            if closing or name not in BLOCK or before.strip() or (i > 1 and "\n" not in before):
                return False
        if empty or name in VOID:
            continue
        depth += -1 if closing else 1
        if depth < 0:
            return False
    return depth == 0 and not parts[-1].strip()


# The search index ------------------------------------------------------------------------------------

# A section that render.py keeps out of the index: its heading, then everything up to the next
# heading that starts a section of Material's index (one with an id), or the page's end
EXCLUDED_SECTION = re.compile(r"(<h([1-6]) data-search-exclude[^>]*>.*?</h\2>)(.*?)(?=<h[1-6]\b[^>]*\sid=|\Z)", re.S)
CUT = "<!--plansite-search-cut-{}-->"
cut_away: dict[str, list[str]] = {}


@event_priority(50)  # before Material's search plugin reads the page
def hide_excluded_sections(context: dict, page: Page, config: MkDocsConfig, nav: object) -> None:
    """Hand the search plugin the page without the sections it would drop anyway.

    Material parses every tag of a page with html.parser to build the index, a third of `mkdocs build`
    for 1,000 indicators; the chart, the values table, the arithmetic and the downloads are most of an
    indicator page's tags and are marked data-search-exclude. A comment stands in for each; the index
    is the same.
    """
    if page.file.src_uri not in generated_uris or "data-search-exclude" not in page.content:
        return
    parts: list[str] = []

    def cut(match: re.Match) -> str:
        if "data-search-" in match.group(3) or "<!--" in match.group(3):
            return match.group(0)  # Material rewrites data-search-* attributes: leave such a section whole
        parts.append(match.group(3))
        return match.group(1) + CUT.format(len(parts) - 1)

    page.content = EXCLUDED_SECTION.sub(cut, page.content)
    cut_away[page.file.src_uri] = parts


@event_priority(-50)  # after the search plugin
def restore_excluded_sections(context: dict, page: Page, config: MkDocsConfig, nav: object) -> None:
    for number, part in enumerate(cut_away.pop(page.file.src_uri, [])):
        marker = CUT.format(number)
        if page.content.count(marker) != 1:
            raise PluginError(f"{page.file.src_uri}: 検索索引から除いた部分 {number} を戻せません。")
        page.content = page.content.replace(marker, part)


on_page_context = CombinedEvent(hide_excluded_sections, restore_excluded_sections)


@event_priority(-100)  # after Material's search plugin has written the index
def on_post_build(config: MkDocsConfig) -> None:
    """Rewrite the search index with Japanese as UTF-8 instead of \\u escapes, the same data.

    Every visitor's browser downloads the index on a page's first visit; escaped, each kana or kanji
    takes six bytes instead of three. Compressed, the index is a fifth smaller (benchmarks/RESULTS.md).
    """
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.is_file():
        index = json.loads(path.read_bytes())
        path.write_bytes(json.dumps(index, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8"))
