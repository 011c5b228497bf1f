"""Every page template is valid HTML, the theme's markup included, and no page loads a script from
elsewhere, on old browsers either (design §5, §8).

The W3C Nu Html Checker (vnu.jar from the npm package vnu-jar, `make node-tools`; Java from Debian's
default-jre-headless, `make browser-deps`) checks one page of every template of two sites: the real
package and the fixture. Where Material's own markup was the cause, overrides/ holds a copy of the
theme file with one change; the tests below also hold each copy to Material's installed file, so that
an upgrade of Material fails here until the copies are taken again.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest

from sites import ROOT, report, templates_of

VNU = ROOT / ".venv" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"
PACKAGES = {"real": ROOT / "datapackage", "fixture": ROOT / "tests" / "fixtures" / "valid"}
BUNDLE = "assets/javascripts/bundle.a5f9d56c.min.js"
POLYFILL = "assets/javascripts/resize-observer-polyfill/ResizeObserver.js"
POLYFILL_CDN = "https://unpkg.com/resize-observer-polyfill"


@pytest.fixture(scope="module")
def sites(built) -> dict[str, Path]:
    """The sites the other tests build too (built once per run): the real one, the fixture, and the
    cycle fixture for the pages of a year's annual report."""
    return {"real": built("real").root, "fixture": built("valid").root, "cycle": built("cycle").root}


def template_pages(name: str, site: Path) -> dict[str, Path]:
    """One built file per page template (the ones the accessibility results name, the 404 page, and
    the embed page, which the data stage writes from a template of its own); the real site has the
    templates its package has (all of them upstream), the fixture has no annual reports, the cycle
    fixture adds a year's report."""
    if name == "cycle":
        return {"report-year": site / "reports" / "2019" / "index.html", "roles-with-progress": site / "roles" / "index.html"}
    paths = report.page_templates(*report.first_ids(PACKAGES[name]))
    has = templates_of(PACKAGES[name]) if name == "real" else [key for key in paths if key != "reports"]
    pages = {key: site / path / "index.html" for key, path in paths.items() if key in has}
    pages["404"] = site / "404.html"
    pages["embed"] = site / paths["indicator"] / "embed" / "index.html"
    return pages


def nu_check(files: list[Path]) -> list[dict]:
    """The checker's messages (errors and warnings; not its informational notes) for the files."""
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail("the Nu Html Checker needs Java and vnu.jar: run `make browser-deps node-tools`")
    done = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--exit-zero-always", *map(str, files)],
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stderr
    return [m for m in json.loads(done.stderr)["messages"] if m["type"] != "info"]


def test_every_page_template_passes_the_nu_html_checker(sites):
    pages = {f"{name} {key}": path for name, site in sites.items() for key, path in template_pages(name, site).items()}
    # the real site's templates (all upstream) and two more, the fixture's but reports, the cycle's two
    assert len(pages) == (len(templates_of(PACKAGES["real"])) + 2) + (len(report.TEMPLATES) + 2 - 1) + 2
    for label, path in pages.items():
        assert path.is_file(), label
    problems = [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['type']}: {m['message']}"
                for m in nu_check(list(pages.values()))]
    assert problems == []


def test_the_checker_finds_what_the_overrides_fixed(tmp_path):
    """The check can fail: Material's own markup, as it was, gives the errors the overrides remove."""
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><html lang="ja"><head><title>t</title></head><body>'
                    '<input type="checkbox" id="__drawer" autocomplete="off">'
                    '<label for="__toc">目次</label></body></html>', encoding="utf-8")
    messages = [m["message"] for m in nu_check([page]) if m["type"] == "error"]
    assert len(messages) == 2
    assert "autocomplete" in messages[0] and "for" in messages[1]


# The overrides are Material's files with one change each ------------------------------------------


def without_header(text: str) -> str:
    """A template without its leading {#- … -#} comment (Material's "generated" note, or ours)."""
    assert text.startswith("{#-")
    return text[text.index("-#}\n") + 4:]


OVERRIDDEN = {  # file → (Material's text, ours)
    "base.html": (
        '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
        '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n',
        '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">\n'
        '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">\n'
        '    <script>document.getElementById("__drawer").checked = document.getElementById("__search").checked = false</script>\n',
    ),
    "partials/toc.html": (
        '    <label class="md-nav__title" for="__toc">\n'
        '      <span class="md-nav__icon md-icon"></span>\n'
        "      {{ title }}\n"
        "    </label>\n",
        "    {% if page in nav.pages %}\n"
        '      <label class="md-nav__title" for="__toc">\n'
        '        <span class="md-nav__icon md-icon"></span>\n'
        "        {{ title }}\n"
        "      </label>\n"
        "    {% else %}\n"
        '      <div class="md-nav__title">\n'
        "        {{ title }}\n"
        "      </div>\n"
        "    {% endif %}\n",
    ),
}


@pytest.mark.parametrize("name", list(OVERRIDDEN))
def test_an_overridden_template_is_materials_with_one_change(name):
    theirs, ours = OVERRIDDEN[name]
    material_text = without_header((MATERIAL / name).read_text(encoding="utf-8"))
    our_text = without_header((OVERRIDES / name).read_text(encoding="utf-8"))
    assert material_text.count(theirs) == 1 and our_text.count(ours) == 1
    assert our_text.replace(ours, theirs) == material_text


def test_the_bundle_is_materials_with_the_polyfill_taken_from_the_site():
    """Material loads a ResizeObserver polyfill from unpkg.com when the browser has none (Safari before
    13.1, Chrome before 64, Firefox before 69). The site keeps it local: the same file, the one that
    address serves (resize-observer-polyfill 1.5.1's dist/ResizeObserver.js, MIT), loaded from the
    site's root (the bundle's own config.base) and only by such browsers."""
    theirs = (MATERIAL / BUNDLE).read_text(encoding="utf-8")
    ours = (OVERRIDES / BUNDLE).read_text(encoding="utf-8")
    local = f'_t(new URL("{POLYFILL}",Te().base).href)'
    assert theirs.count(f'_t("{POLYFILL_CDN}")') == 1 and ours.count(local) == 1
    assert ours.replace(local, f'_t("{POLYFILL_CDN}")') == theirs
    assert (OVERRIDES / POLYFILL).is_file() and (OVERRIDES / POLYFILL).with_name("LICENSE").is_file()


# No script from elsewhere -------------------------------------------------------------------------


def built_text(site: Path, suffixes: tuple[str, ...]) -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in site.rglob("*") if path.suffix in suffixes}


def test_no_page_or_script_refers_to_the_polyfill_cdn(sites):
    for site in sites.values():
        for path, text in built_text(site, (".html", ".js")).items():
            assert "resize-observer-polyfill" not in text or path.relative_to(site).as_posix() in (BUNDLE, POLYFILL), path
            assert POLYFILL_CDN not in text, path
        assert (site / POLYFILL).is_file()
        assert f'"{POLYFILL}"' in (site / BUNDLE).read_text(encoding="utf-8")


class Loads(HTMLParser):
    """The addresses a page makes the browser fetch by itself: scripts, styles, icons, images, frames
    (not links a reader follows, nor rel=canonical or rel=alternate, which name addresses)."""

    FETCHED_LINKS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload", "prefetch", "manifest"}

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "embed", "audio", "video", "track", "input") and values.get("src"):
            self.addresses.append(values["src"])
        if tag == "link" and set((values.get("rel") or "").split()) & self.FETCHED_LINKS:
            self.addresses.append(values.get("href") or "")


def test_pages_load_scripts_styles_and_images_only_from_the_site(sites):
    for site in sites.values():
        pages = built_text(site, (".html",))
        assert len(pages) > 13
        for path, text in pages.items():
            parser = Loads()
            parser.feed(text)
            if path.parent.name == "embed":  # the embed page: the site's stylesheet and nothing else
                assert parser.addresses == ["../../../assets/stylesheets/extra.css"], path
                continue
            assert any(a.endswith("bundle.a5f9d56c.min.js") for a in parser.addresses), path
            assert [a for a in parser.addresses if re.match(r"([a-z][a-z0-9+.-]*:)?//", a, re.I)] == [], path


def test_the_only_other_script_the_bundle_can_load_is_never_asked_for(sites):
    """Material's script loader (_t) has three callers: the polyfill, now local, the search index
    (local), and mermaid.js from unpkg.com, which it loads only for a page with a diagram of class
    "mermaid"; no page has one. The bundle's GitHub API calls run only with a repo_url (the
    repository's stars), which is not set."""
    for site in sites.values():
        bundle = (site / BUNDLE).read_text(encoding="utf-8")
        calls = re.findall(r"(?<!function )\b_t\(", bundle)
        loaded = [f'_t(new URL("{POLYFILL}",Te().base).href)', '_t("https://unpkg.com/mermaid@11/dist/mermaid.min.js")',
                  '_t(`${new URL("search/search_index.js",Or.base)}`)']
        assert len(calls) == len(loaded) and all(bundle.count(call) == 1 for call in loaded)
        for path, text in built_text(site, (".html",)).items():
            assert not re.search(r'class="[^"]*\bmermaid\b', text), path
            assert 'data-md-component="source"' not in text, path
