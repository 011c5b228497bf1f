"""The floor of design §7: what the same generator and theme cost to build as many pages, bodies aside.

Contract: write_floor(out, pages) writes into `out` (recreated) a site of one-line pages and its
configuration, and returns the configuration's path:

- `out/mkdocs.yml` is the project's own mkdocs.yml, node for node (theme, search plugin and its
  Japanese separator, Markdown extensions, validation, tags such as `!ENV` and the slugify function
  included), less what the project adds on top of a plain Material site: `hooks`, the navigation
  (`nav`, `not_in_nav`), `extra_css`, `extra_javascript`, the theme's `custom_dir` (template
  overrides) and `watch`. MkDocs fills an empty `nav` with every page, which would put all pages in
  every page's HTML (design §7 forbids that in the real site, and the floor must not pay for it
  either), so the floor's `nav` names the home page alone;
- `out/docs/<page>` for each page path given (the full site's Markdown sources, hand-written and
  generated), each a heading and one sentence.

The benchmark (run.py) checks after building both that the floor's sitemap lists exactly the full
site's pages: same count, same addresses.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PROJECT_CONFIG = ROOT / "mkdocs.yml"
# What the project adds to a plain Material site; the floor goes without it (design §7)
REMOVED_KEYS = ("hooks", "nav", "not_in_nav", "extra_css", "extra_javascript", "watch")
REMOVED_THEME_KEYS = ("custom_dir",)
SENTENCE = "このページは、ビルド時間の下限を測るための一文だけのページです。"
HOME = "index.md"


def markdown_pages(*folders: Path) -> list[str]:
    """The Markdown pages under the folders, as MkDocs names them (paths relative to each folder)."""
    pages = set()
    for folder in folders:
        pages.update(p.relative_to(folder).as_posix() for p in folder.rglob("*.md") if p.is_file())
    return sorted(pages)


def write_floor(out: Path, pages: list[str], project_config: Path = PROJECT_CONFIG) -> Path:
    """Write the floor site's configuration and pages into `out` (recreated); return the configuration."""
    if HOME not in pages:
        raise ValueError(f"the full site has no {HOME}: the floor's navigation would be empty")
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    for number, page in enumerate(pages, start=1):
        path = docs / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# ページ {number}\n\n{SENTENCE}\n", encoding="utf-8")
    config = out / "mkdocs.yml"
    config.write_text(floor_config(project_config.read_text(encoding="utf-8")), encoding="utf-8")
    return config


def floor_config(project_yaml: str) -> str:
    """The project's configuration less hooks, navigation, extra CSS/JS and theme overrides.

    Edited as a YAML node tree (yaml.compose / yaml.serialize), not loaded into Python values, so that
    tagged values (`!ENV`, `!!python/object/apply`) come out exactly as written.
    """
    root = yaml.compose(project_yaml)
    if not isinstance(root, yaml.MappingNode):
        raise ValueError("mkdocs.yml is not a mapping")
    root.value = [(key, value) for key, value in root.value if key.value not in REMOVED_KEYS + ("docs_dir",)]
    for key, value in root.value:
        if key.value == "theme" and isinstance(value, yaml.MappingNode):
            value.value = [(k, v) for k, v in value.value if k.value not in REMOVED_THEME_KEYS]
    root.value.append((scalar("docs_dir"), scalar("docs")))
    root.value.append((scalar("nav"), yaml.SequenceNode("tag:yaml.org,2002:seq", [scalar(HOME)])))
    header = "# The floor of design §7, written by benchmarks/floor.py from the project's mkdocs.yml\n"
    return header + yaml.serialize(root, allow_unicode=True, width=10_000)


def scalar(text: str) -> yaml.ScalarNode:
    return yaml.ScalarNode("tag:yaml.org,2002:str", text)


LOC = re.compile(r"<loc>([^<]*)</loc>")


def sitemap_pages(site: Path) -> list[str]:
    """The page addresses a built site's sitemap lists (in navigation order, then the others)."""
    return LOC.findall((site / "sitemap.xml").read_text(encoding="utf-8"))
