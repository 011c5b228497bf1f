"""MkDocs hook: the accessibility page shows the latest automated test results.

docs/accessibility.md holds the marker <!-- accessibility-results -->; at build this hook puts there
the results that scripts/accessibility_report.py wrote to docs/accessibility-results.json (axe-core's
own answers, with the time, the commit and the tools). Nothing here is typed by hand: without the
file the page says that there are no results yet; an unreadable file stops the build.

The results name the pages of the site that was tested (the package in `data`); a site built from
another package (a fork, the test fixture) may not have all of them, so a page is linked only when
this build has it.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from plansite.fmt import esc

PAGE = "accessibility.md"
RESULTS = "accessibility-results.json"
MARKER = "<!-- accessibility-results -->"
VIEWPORT_NAMES = {"desktop": "パソコン", "phone": "スマートフォン"}
JST = datetime.timezone(datetime.timedelta(hours=9))


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri != PAGE:
        return markdown
    if MARKER not in markdown:
        raise PluginError(f"docs/{PAGE} に {MARKER} がありません（試験結果を入れる場所です）。")
    path = Path(config.docs_dir) / RESULTS
    if not path.exists():  # a new fork: say so on the page rather than show anything made up
        return markdown.replace(MARKER, "<p><strong>まだ自動試験の結果がありません。</strong></p>\n")
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise PluginError(f"docs/{RESULTS} を読めません（{error}）。python scripts/accessibility_report.py で作り直してください。") from error
    built = {"" if file.url == "./" else file.url for file in files.documentation_pages()}  # home: "./"
    return markdown.replace(MARKER, render_results(results, built))


def render_results(results: dict, built: set[str]) -> str:
    """The results as the page shows them: when, of what, with what, and each page's outcome.
    `built` holds the addresses (from the site root) of this build's pages: the only ones linked."""
    pages = results["pages"]
    violations = sum(len(p["violations"]) for p in pages)
    templates = len({p["template"] for p in pages})
    sizes = "、".join(f"{VIEWPORT_NAMES[name]}（幅 {size['width']} px）" for name, size in results["viewports"].items())
    tools = results["tools"]
    parts = [
        '<dl class="plansite-facts">',
        f"<dt>試験日時</dt><dd>{format_time(results['generated_at'])}</dd>",
        f"<dt>試験した版</dt><dd>コミット <code>{esc(results['commit'][:12])}</code> のサイト"
        f"（データ: {esc(results['data'])}）。"
        + ("このコミットに、まだコミットしていない変更を加えた作業中の状態を試験しました。</dd>"
           if results["uncommitted_changes"] else "このコミットの内容そのままを組み立てて試験しました。</dd>"),
        f"<dt>道具</dt><dd>axe-core {esc(tools['axe_core'])}（axe-playwright-python {esc(tools['axe_playwright_python'])}）、{esc(tools['browser'])}</dd>",
        f"<dt>規則</dt><dd>WCAG 2.0・2.1 の適合レベル A と AA の規則（axe のタグ {esc('、'.join(results['tags']))}）</dd>",
        f"<dt>画面幅</dt><dd>{esc(sizes)}</dd>",
        f"<dt>結果</dt><dd><strong>{templates} 種類のページ × {len(results['viewports'])} 通りの画面幅、"
        f"計 {len(pages)} 回の検査で、違反 {violations} 件</strong></dd>",
        "</dl>",
        "",
        '<div class="plansite-table" role="region" aria-labelledby="a11y-results-caption" tabindex="0">',
        '<table id="a11y-results" class="plansite-data">',
        '<caption id="a11y-results-caption">ページと画面幅ごとの自動試験の結果</caption>',
        '<thead><tr><th scope="col">ページ</th><th scope="col">画面幅</th><th scope="col">違反</th>'
        '<th scope="col">合格した規則</th><th scope="col">人の確認が必要な規則</th></tr></thead>',
        "<tbody>",
    ]
    for result in pages:
        name = esc(result["name"])
        if result["path"] in built:
            name = f'<a href="../{esc(result["path"])}">{name}</a>'
        parts.append(
            f'<tr><th scope="row">{name}</th>'
            f"<td>{VIEWPORT_NAMES[result['viewport']]}</td><td>{len(result['violations'])} 件</td>"
            f"<td>{len(result['passes'])}</td><td>{len(result['incomplete'])}</td></tr>"
        )
    parts += ["</tbody>", "</table>", "</div>", ""]
    if any(result["path"] not in built for result in pages):
        parts.append(f"<p>リンクのないページは、試験したサイト（データ: {esc(results['data'])}）にはあり、"
                     "このサイトにはないページです。</p>")
    parts += render_rule_list(
        "違反", [(p, v) for p in pages for v in p["violations"]], len(pages),
        "違反はありませんでした。",
    )
    parts += render_rule_list(
        "人の確認が必要な規則", [(p, r) for p in pages for r in p["incomplete"]], len(pages),
        "自動で判定できなかった規則はありませんでした。",
        "axe が自動では合否を決められず、人が確かめる必要があるとした規則です（違反ではありません）。",
    )
    parts.append(f'<p>試験結果の全体（JSON）: <a href="../{RESULTS}">{RESULTS}</a></p>')
    return "\n".join(parts) + "\n"


def render_rule_list(title: str, found: list[tuple[dict, dict]], total: int, none: str, lead: str = "") -> list[str]:
    """Rules by axe id, with axe's own (English) description and where they came up (of `total` runs)."""
    parts = [f"<h3>{title}</h3>"]
    if not found:
        return parts + [f"<p>{none}</p>"]
    if lead:
        parts.append(f"<p>{lead}</p>")
    rules: dict[str, tuple[str, list[str]]] = {}
    for page, rule in found:
        where = f"{page['name']}（{VIEWPORT_NAMES[page['viewport']]}）"
        rules.setdefault(rule["id"], (rule["help"], []))[1].append(where)
    parts.append("<ul>")
    for rule_id, (help_text, where) in sorted(rules.items()):
        pages = "すべての検査" if len(where) == total else "、".join(where)
        parts.append(f'<li><code>{esc(rule_id)}</code>: <span lang="en">{esc(help_text)}</span><br>'
                     f"<small>{esc(pages)}</small></li>")
    return parts + ["</ul>"]


def format_time(iso: str) -> str:
    moment = datetime.datetime.fromisoformat(iso).astimezone(JST)
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment.hour}時{moment.minute:02d}分（日本時間）"
