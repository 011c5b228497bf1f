"""MkDocs hook: publish the pages and files that the data stage generates, at their §5 addresses.

Before each build (also each rebuild of `mkdocs serve`), the data stage runs again when the package or
the engine changed since the last run (a fingerprint is kept in the generated folder), so an edited
CSV shows up without a restart. A generated page never replaces a hand-written one: that is an error.

Which package: PLANSITE_DATA when set (benchmarks, tests); else the one the data stage last built into
the output folder (so `build_data.py --data DIR` then `mkdocs build` publishes DIR, and says so); else
datapackage/. PLANSITE_OUT chooses another output folder.

What it does, all of it:
- on_config: the site's name and copyright from the package;
- on_pre_build: runs the data stage (src/plansite) when the package or the engine changed;
- on_files: adds the generated files, checks the promotion page, drops nav entries without a page;
- on_page_markdown / on_page_content / on_page_context: passes each raw HTML block that a template
  marked (RAW) around Markdown and, in the sections the search index leaves out, around Material's
  search parser too. It splits the page at blank lines and looks for the mark: it parses no HTML.
  Both parsers run html.parser over every tag, which was most of `mkdocs build` for 1,000
  indicators, for blocks that come out unchanged (benchmarks/RESULTS.md);
- on_post_build: rewrites the search index as UTF-8.
Without this hook (Zensical runs none), `build_data.py` then `mkdocs build` gives the same pages but
for the marks, which stay as HTML comments; only slower.
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from plansite.descriptor import PlanConfig, config_problems, read_config
from plansite.settings import fingerprint, settings
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
    from plansite.cli import main as build_data  # the engine: only when the tree is out of date

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

# The templates put this line before each chunk of a page (up to its next blank line) that is one or
# more complete HTML blocks (src/plansite/templates/macros.md.j2 says how to use it; the tests check
# every marked chunk of every template). Without this hook the line is an HTML comment, and Markdown
# keeps the block raw all the same: the page is right either way, only slower.
MARK = "<!--plansite:raw"  # how both marks begin
RAW = MARK + "-->\n"
# The same, for a chunk that the search index leaves out as a whole (its element says
# data-search-exclude, for Material's parser): set aside from that parser as well, like every marked
# chunk in a section whose heading says data-search-exclude
RAW_UNINDEXED = MARK + " unindexed-->\n"
# What Material's search plugin removes from a page once it has read it (search/plugin.py): a block
# with such an attribute must be in the page the plugin reads. Bare attributes, as the templates
# write them, are left as they are.
VALUED_SEARCH_ATTRIBUTE = re.compile(r'data-search-\w+="')
PLACEHOLDER = "PLANSITEHTMLBLOCK{}X"
DEFERRED = "<!--plansite-deferred-{}-->"
generated_uris: set[str] = set()


class Block:
    """A marked chunk; deferred: in a section Material's search drops, so handed to it as a comment.
    (Not a dataclass: MkDocs loads a hook without putting it in sys.modules, which dataclasses need.)"""

    __slots__ = ("html", "deferred")

    def __init__(self, html: str, deferred: bool) -> None:
        self.html, self.deferred = html, deferred


stashed: dict[str, list[Block]] = {}


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Set each marked block aside and hand Markdown a placeholder paragraph for it.

    Markdown finds where a raw block ends by running html.parser over each of its tags, which was
    two thirds of `mkdocs build` for 1,000 indicators (benchmarks/RESULTS.md); the headings and the
    text in Markdown still go through it (ids, permalinks, table of contents).
    """
    if page.file.src_uri not in generated_uris or MARK not in markdown:
        return markdown  # a hand-written page, or a template without marks: Markdown as usual
    passed: list[str] = []
    blocks: list[Block] = []
    excluded = follows_block = False
    for chunk in markdown.split("\n\n"):
        if chunk.startswith("#") and chunk.lstrip("#").startswith(" "):  # a heading: Material's index
            excluded = "data-search-exclude" in chunk.partition("\n")[0]  # drops its section if it says so
        unindexed = chunk.startswith(RAW_UNINDEXED)
        if not unindexed and not chunk.startswith(RAW):
            passed.append(chunk)
            follows_block = False
            continue
        html = chunk[len(RAW_UNINDEXED if unindexed else RAW):]
        # A block with a heading stays in what the search plugin reads, as it would start a section
        # of the index; so does one with an attribute that the plugin removes
        deferred = (excluded or unindexed) and "<h" not in html and not VALUED_SEARCH_ATTRIBUTE.search(html)
        if follows_block and deferred == blocks[-1].deferred:  # Markdown keeps a blank line between
            blocks[-1].html += "\n\n" + html
        else:
            passed.append(PLACEHOLDER.format(len(blocks)))
            blocks.append(Block(html, deferred))
        follows_block = True
    stashed[page.file.src_uri] = blocks
    return "\n\n".join(passed)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    blocks = stashed.get(page.file.src_uri, [])
    for number, block in enumerate(blocks):
        placeholder = f"<p>{PLACEHOLDER.format(number)}</p>"
        if html.count(placeholder) != 1:
            raise PluginError(f"{page.file.src_uri}: 生成ページの HTML ブロック {number} を戻せません。")
        # as Markdown emits a raw block; a deferred one after the search plugin has read the page
        html = html.replace(placeholder, DEFERRED.format(number) if block.deferred else block.html + "\n")
    return html.strip() if blocks else html  # Markdown strips the page's end


@event_priority(-50)  # after Material's search plugin has read the page
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> None:
    """Put back the blocks of the sections that the search index leaves out (the chart, the values
    table, the arithmetic, the downloads: most of an indicator page's tags), which Material would
    otherwise have parsed tag by tag only to drop them."""
    deferred = [(number, block) for number, block in enumerate(stashed.pop(page.file.src_uri, [])) if block.deferred]
    for number, block in deferred:
        marker = DEFERRED.format(number)
        if page.content.count(marker) != 1:
            raise PluginError(f"{page.file.src_uri}: 検索索引から除いた HTML ブロック {number} を戻せません。")
        page.content = page.content.replace(marker, block.html + "\n")
    if deferred:
        page.content = page.content.strip()  # as on_page_content: a last block leaves no line break


# The search index ------------------------------------------------------------------------------------


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
