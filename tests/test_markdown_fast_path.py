"""The hook's fast path for generated pages (hooks/generated.py) changes no byte of any page or of the
search index.

The templates mark each chunk of raw HTML (the line <!--plansite:raw-->, or <!--plansite:raw unindexed-->
for a chunk the search index leaves out); the hook passes a marked chunk around Markdown, and, when it
is out of the index (so marked, or in a section whose heading is), around Material's search parser as
well. That is sound only if every marked chunk is what Markdown would keep whole as raw HTML;
and it is fast only if the templates mark every such chunk. Both are checked here on every generated
page of four packages, with a checker that reads the tags (the hook itself reads none); and each page
is converted with the site's Markdown extensions both ways, which must agree.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from material.plugins.search.plugin import Parser
from mkdocs.config import load_config
from mkdocs.utils import meta

from plansite.cli import main as build_data

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def load_hook():
    spec = importlib.util.spec_from_file_location("generated_hook", ROOT / "hooks" / "generated.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hook = load_hook()
CONFIG = load_config(str(ROOT / "mkdocs.yml"))

# A tag, split into (closing slash, name, self-closing slash); re.split interleaves the text between
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(/?)>")
VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
BLOCK = frozenset({"div", "p", "table", "ul", "ol", "dl", "nav", "section", "details", "figure", "blockquote",
                   "h1", "h2", "h3", "h4", "h5", "h6", "aside", "header", "footer", "form"})
SVG = re.compile(r"<svg\b[^<>]*>.*?</svg>", re.S)  # a chart: well-formed by construction (test_chart.py)


def is_html_block(chunk: str) -> bool:
    """Whether Python-Markdown keeps this whole chunk as raw HTML: one or more complete block-level
    elements, one after another, with nothing but line breaks around and between them."""
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


def convert(text: str) -> str:
    return markdown.Markdown(extensions=CONFIG.markdown_extensions, extension_configs=CONFIG.mdx_configs).convert(text)


def indexed_sections(html: str) -> list[tuple]:
    """What Material's search plugin takes from a page: each section not excluded, as data."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data if not s.is_excluded()]


def without_search_attributes(html: str) -> str:
    """What Material's search plugin does to a page once it has read it (plugin.py, on_page_context)."""
    return re.sub(r"\s?data-search-\w+=\"[^\"]+\"", "", html)


MARKS = (hook.RAW, hook.RAW_UNINDEXED)


def unmarked(text: str) -> str:
    """The page as the templates would write it without the marks."""
    for mark in MARKS:
        text = text.replace(mark, "")
    return text


def through_hook(uri: str, text: str) -> tuple[str, str]:
    """(what the search plugin reads, the page as published) with the hook's three page events."""
    page = SimpleNamespace(file=SimpleNamespace(src_uri=uri))
    hook.generated_uris.add(uri)
    content = hook.on_page_content(convert(hook.on_page_markdown(text, page, CONFIG, None)), page, CONFIG, None)
    page.content = without_search_attributes(content)
    hook.on_page_context({}, page, CONFIG, None)
    return content, page.content


def generated_pages(tmp_path: Path, package: Path) -> list[tuple[str, str]]:
    out = tmp_path / "generated"
    assert build_data(["--data", str(package), "--out", str(out)]) == 0
    pages = sorted((out / "docs").rglob("*.md"))
    assert len(pages) > 5
    return [(path.relative_to(out / "docs").as_posix(), meta.get_data(path.read_text(encoding="utf-8"))[0])
            for path in pages]


PACKAGES = [FIXTURES / "valid", FIXTURES / "statuses", FIXTURES / "cycle", FIXTURES / "other-city", ROOT / "datapackage"]


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_templates_mark_every_raw_block_and_only_whole_blocks(package: Path, tmp_path: Path) -> None:
    for uri, text in generated_pages(tmp_path, package):
        for chunk in text.split("\n\n"):
            mark = next((mark for mark in MARKS if chunk.startswith(mark)), None)
            if mark:
                block = chunk[len(mark):]
                assert is_html_block(block), f"{uri}: a marked chunk that is not whole blocks: {block[:200]!r}"
            else:
                assert hook.MARK not in chunk, f"{uri}: a mark inside a chunk: {chunk[:200]!r}"
                assert not is_html_block(chunk), f"{uri}: an unmarked raw block (Markdown parses it): {chunk[:200]!r}"


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_generated_pages_come_out_as_markdown_makes_them(package: Path, tmp_path: Path) -> None:
    total, deferred = 0, 0
    for uri, text in generated_pages(tmp_path, package):
        reference = convert(unmarked(text))
        searched, published = through_hook(uri, text)
        assert published == without_search_attributes(reference), uri
        # The search plugin reads the page without the blocks of its excluded sections: the same index
        assert indexed_sections(searched) == indexed_sections(reference), uri
        if uri.startswith("indicators/") and uri != "indicators/index.md":
            assert 'id="values"' in reference and 'id="values"' not in searched, f"{uri}: the values table is read"
            total, deferred = total + len(reference), deferred + len(reference) - len(searched)
    assert deferred > total / 2, "most of an indicator page's HTML must be spared the search parser"


def test_without_marks_the_hook_changes_nothing() -> None:
    """A hand-written page, or a fork's template without marks, goes through Markdown as it is."""
    text = '# Title\n\n<div class="x">\n<p>a</p>\n</div>\n\n## Next { data-search-exclude }\n\n<p>b</p>'
    page = SimpleNamespace(file=SimpleNamespace(src_uri="indicators/unmarked.md"))
    hook.generated_uris.add("indicators/unmarked.md")
    assert hook.on_page_markdown(text, page, CONFIG, None) == text
    hand_written = SimpleNamespace(file=SimpleNamespace(src_uri="method.md"))
    marked = hook.RAW + "<p>a</p>"
    assert hook.on_page_markdown(marked, hand_written, CONFIG, None) == marked


@pytest.mark.parametrize("chunk", [
    '<div class="x">\n<p>a</p>\n</div>',
    '<p>one</p>\n<ul><li>two</li></ul>',
    '<dl>\n<dt>a</dt><dd>b<br>c</dd>\n</dl>',
])
def test_the_checker_knows_whole_blocks(chunk: str) -> None:
    assert is_html_block(chunk)
    assert through_hook("indicators/x.md", hook.RAW + chunk)[1] == convert(chunk)


@pytest.mark.parametrize("chunk", [
    "<div>\n<p>unclosed</p>",  # closes after a blank line
    "<p>a</p>\ntext after the block",
    "<p>a</p><p>b on the same line</p>",
    '<span class="inline">an inline start is a paragraph</span>',
    "<!-- a comment -->\n<p>a</p>",
    "</div>",
    "text <p>a</p>",
])
def test_the_checker_refuses_what_markdown_reads_otherwise(chunk: str) -> None:
    assert not is_html_block(chunk)
