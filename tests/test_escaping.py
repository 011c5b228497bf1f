"""Every page template escapes what comes from the data: markup in any text field of any table or of
the descriptor shows as text, never as markup (issue 12). The templates autoescape; this is the test
that it holds for every field a page shows, the chart's SVG included."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from packages import read_package
from plansite.build import model_site
from plansite.model import Settings
from plansite.render import render_pages

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "cycle"  # every resource, the cycle included
# Markup a clerk could paste, or an attacker could try: a tag, an attribute breaker, an entity, and
# the Markdown syntax that would make a heading a link
EVIL = '<b class="x">太字</b>&amp;"\'[リンク](javascript:alert(1))'
RAW = re.compile(r'<b class="x">|<b class=\\"x\\">')


def poisoned(value: object, field: str) -> object:
    return f"{value}{EVIL}" if isinstance(value, str) else value


def poison_descriptor(descriptor: dict) -> dict:
    """Every string of the descriptor that pages may show, with markup appended (names and paths
    that address files are left alone: they are checked by the schema's patterns)."""
    descriptor = copy.deepcopy(descriptor)
    keep = {"name", "path", "type", "pattern", "profile", "$schema", "fields", "primaryKey", "local_government_code"}

    def walk(node: object, key: str = "") -> object:
        if isinstance(node, dict):
            return {k: (v if k in keep and not isinstance(v, dict | list) else walk(v, k)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(item, key) for item in node]
        return poisoned(node, key)

    poisoned_descriptor = walk(descriptor)
    poisoned_descriptor["publisher"]["name"] = poisoned(descriptor["publisher"]["name"], "name")
    for resource, original in zip(poisoned_descriptor["resources"], descriptor["resources"], strict=True):
        resource["schema"]["fields"] = [
            {**field, **{k: poisoned(v, k) for k, v in field.items() if k in ("title", "description")}}
            for field in original["schema"]["fields"]
        ]
    return poisoned_descriptor


SHOWN: list[tuple[str, str]] = []  # (field, its first non-empty original value), filled by pages()


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    package, tables = read_package(FIXTURE)
    descriptor = package.descriptor
    SHOWN.extend([
        ("plan.title", descriptor["plan"]["title"]), ("publisher.name", descriptor["publisher"]["name"]),
        ("plan.legal_basis", descriptor["plan"]["legal_basis"]), ("plan.period.basis", descriptor["plan"]["period"]["basis"]),
        ("licenses.title", descriptor["licenses"][0]["title"]), ("sources.title", descriptor["sources"][0]["title"]),
        ("resources.title", descriptor["resources"][0]["title"]),
        ("resources.description", descriptor["resources"][0]["description"]),
        ("fields.title", descriptor["resources"][0]["schema"]["fields"][0]["title"]),
        ("fields.description", descriptor["resources"][0]["schema"]["fields"][0]["description"]),
    ])
    package.descriptor = poison_descriptor(descriptor)
    text_columns = {
        "policies": ["title"],
        "indicators": ["name", "measure", "unit", "period_type", "source", "note"],
        "observations": ["source", "note"],
        "actors": ["name"],
        "actions": ["name"],
        "reports": ["title", "source", "note"],
        "action_progress": ["activities", "department", "source"],
        "evaluations": ["evaluation", "proposals", "source"],
    }
    for name, columns in text_columns.items():
        frame = tables[name]
        for column in columns:
            SHOWN.append((f"{name}.{column}", next(v for v in frame[column] if isinstance(v, str) and v)))
            frame[column] = frame[column].map(lambda v, c=column: poisoned(v if v is not None else "", c))
    return render_pages(model_site(package, tables, Settings()))


def test_every_page_kind_is_rendered(pages: dict[str, str]) -> None:
    kinds = {re.sub(r"/(?!index\.md$)[^/]+\.md$", "/*.md", path) for path in pages}
    assert {"index.md", "indicators/index.md", "indicators/*.md", "policies/index.md", "policies/*.md",
            "roles.md", "data/index.md", "changes.md", "changes/*.md", "reports/index.md", "reports/*.md"} <= kinds


def test_markup_from_the_data_never_reaches_a_page_as_markup(pages: dict[str, str]) -> None:
    for path, text in pages.items():
        assert not RAW.search(text), (path, text[RAW.search(text).start() - 80 :][:200])


def test_the_poisoned_text_is_shown_escaped(pages: dict[str, str]) -> None:
    """The text is there, as text: each page shows the escaped markup (so the test above is not
    passing because the fields were left out)."""
    for path, text in pages.items():
        assert "&lt;b class=" in text, path


def test_every_poisoned_field_appears_on_some_page(pages: dict[str, str]) -> None:
    """Names, units, notes and sources of the data, and the descriptor's own texts: each reaches a
    page, escaped (HTML-escaped in HTML, also Markdown-escaped in a heading)."""
    everything = "\n".join(pages.values())
    for field, value in SHOWN:
        html_escaped = value.replace("&", "&amp;").replace("<", "&lt;") + "&lt;b class="
        assert html_escaped in everything or value in everything and "\\&lt;b class=" in everything, field


def test_front_matter_titles_are_escaped_for_the_theme(pages: dict[str, str]) -> None:
    """The theme writes page titles into <title> and a <meta> attribute without escaping."""
    for path, text in pages.items():
        front = text.split("---\n")[1]
        assert "<b" not in front, path
