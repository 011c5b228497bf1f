"""The hook's fast paths for generated pages (hooks/generated.py) change no byte of any page or of the
search index.

Generated pages are headings around raw HTML blocks; the hook passes each block whose extent is
certain around Markdown instead of through it (Markdown's HTML parsing was two thirds of
`mkdocs build` for 1,000 indicators). Here every generated page of two fixtures is converted with the
site's Markdown extensions both ways, and the results must be equal; and Material's search parser,
which the hook spares the sections it would exclude anyway, must find the same sections either way.
"""

from __future__ import annotations

import importlib.util
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


def convert(text: str) -> str:
    return markdown.Markdown(extensions=CONFIG.markdown_extensions, extension_configs=CONFIG.mdx_configs).convert(text)


def fast_path(uri: str, text: str) -> tuple[str, int]:
    """The page as the hook makes it, and how much of its Markdown still went through Markdown."""
    page = SimpleNamespace(file=SimpleNamespace(src_uri=uri))
    hook.generated_uris.add(uri)
    passed = hook.on_page_markdown(text, page, CONFIG, None)
    return hook.on_page_content(convert(passed), page, CONFIG, None), len(passed)


def indexed_sections(html: str) -> list[tuple]:
    """What Material's search plugin takes from a page: each section not excluded, as data."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data if not s.is_excluded()]


@pytest.mark.parametrize("fixture", ["valid", "statuses"])
def test_generated_pages_come_out_as_markdown_makes_them(fixture: str, tmp_path: Path) -> None:
    out = tmp_path / "generated"
    assert build_data(["--data", str(FIXTURES / fixture), "--out", str(out)]) == 0
    pages = sorted((out / "docs").rglob("*.md"))
    assert len(pages) > 5
    total, through_markdown = 0, 0
    for path in pages:
        uri = path.relative_to(out / "docs").as_posix()
        text, _ = meta.get_data(path.read_text(encoding="utf-8"))
        fast, passed = fast_path(uri, text)
        assert fast == convert(text), uri
        total, through_markdown = total + len(text), through_markdown + passed
        # The search plugin gets the page without its excluded sections, and indexes the same
        page = SimpleNamespace(file=SimpleNamespace(src_uri=uri), content=fast)
        hook.hide_excluded_sections({}, page=page, config=CONFIG, nav=None)
        if uri.startswith("indicators/") and uri != "indicators/index.md":
            assert 'id="values"' in fast and 'id="values"' not in page.content, f"{uri}: the values table is cut"
        assert indexed_sections(page.content) == indexed_sections(fast), uri
        hook.restore_excluded_sections({}, page=page, config=CONFIG, nav=None)
        assert page.content == fast, uri
    assert through_markdown < total / 5, "the fast path must actually take most of the pages"


@pytest.mark.parametrize("chunk", [
    '<div class="x">\n<p>a</p>\n</div>',
    '<p>one</p>\n<ul><li>two</li></ul>',
    '<dl>\n<dt>a</dt><dd>b<br>c</dd>\n</dl>',
])
def test_complete_blocks_take_the_fast_path(chunk: str) -> None:
    assert hook.is_html_block(chunk)


@pytest.mark.parametrize("chunk", [
    "<div>\n<p>unclosed</p>",  # closes after a blank line: Markdown decides
    "<p>a</p>\ntext after the block",
    "<p>a</p><p>b on the same line</p>",
    '<span class="inline">an inline start is a paragraph</span>',
    "<!-- a comment -->\n<p>a</p>",
    "</div>",
    "text <p>a</p>",
])
def test_uncertain_chunks_are_left_to_markdown(chunk: str) -> None:
    assert not hook.is_html_block(chunk)
    assert fast_path("indicators/x.md", chunk)[0] == convert(chunk)
