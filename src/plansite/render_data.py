"""Render the pages for data users: /data/ (downloads, licence, citation, loading, data dictionary)
and /changes/ (the change log, a page per year). Pure, like render.py, whose building blocks these pages share.

Contract: render_data_page(site, base_url) returns Markdown; render_changes_pages(site, base_url)
returns {path under the docs tree: Markdown} for /changes/ and its year pages.
base_url is the site's published address (feed.site_url()): citation texts and loading snippets
carry absolute URLs because they are copied out of the site. Every file linked here is produced
by publish.data_files (tests download each one from a built site).
"""

from __future__ import annotations

import datetime
import posixpath

from .feed import ENTRY_ITEMS, Change, changes_url, update_anchor, update_summary, updates
from .fmt import esc, format_date, md
from .model import Site
from .publish import (
    FIELDS_SHEET,
    constraint_notes,
    dataset_citation,
    licence_of,
    site_name,
)
from .render import citation_list, front_matter, href, indicator_url, link

TYPE_WORDS = {
    "string": "文字列",
    "integer": "整数",
    "number": "数値（小数を含む）",
    "date": "日付（YYYY-MM-DD）",
    "boolean": "真偽値",
    "year": "年",
}


def render_data_page(site: Site, base_url: str) -> str:
    page = "data/"
    updated = format_date(site.updated) if site.updated else "未登録"
    return "\n".join([
        front_matter("オープンデータ", f"{site.title}のデータ（CSV、Excel、データパッケージ）のダウンロード、利用条件、出典の書き方、読み込み方、データ定義。"),
        "# オープンデータ\n",
        "<p>このサイトの数値はすべて、次のデータから作られています。どなたでも、<a href=\"#licence\">利用条件</a>に従って自由に利用できます。"
        "報道・研究でご利用の際は、出典を記載してください（記載例は下にあります）。</p>\n",
        f'<p class="plansite-updated">最終更新: <strong>{updated}</strong>'
        f'（{link(page, "changes/", "更新履歴")}、{link(page, "feed.xml", "更新情報フィード（Atom）")}）</p>\n',
        render_downloads(page, site),
        render_licence(page, site, base_url),
        render_loading(site, base_url),
        render_dictionary(page, site),
    ])


# Downloads -----------------------------------------------------------------------------------------


def render_downloads(page: str, site: Site) -> str:
    """Lists rather than wide tables: they read on a phone as well as on a desktop."""
    resources = []
    for resource in site.descriptor["resources"]:
        file_name = posixpath.basename(resource["path"])
        resources.append((
            f"{esc(resource.get('title', resource['name']))}<br><small>{esc(resource['name'])}</small>",
            esc(resource.get("description", "")), file_name,
        ))
    resources.append((
        "評価結果<br><small>status</small>",
        f"各指標の最新の実績値・期待値・達成率・状況（このサイトが{link(page, 'method/', '評価の方法')}に従って計算した結果）。",
        "status.csv",
    ))
    items = "\n".join(
        f"<dt>{title}</dt><dd>{description}<br>{file_links(page, file_name)}</dd>"
        for title, description, file_name in resources
    )
    indicator_items = "\n".join(
        f"<li>{link(page, indicator_url(i), i.name)}: "
        f'{link(page, f"data/indicators/{i.indicator_id}.csv", f"{i.indicator_id}.csv")}'
        f"（最終更新 {format_date(i.updated)}）</li>"
        for i in site.indicators
    )
    return "\n".join([
        "## ダウンロード\n",
        "### 表ごとのファイル\n",
        "<p>各表を2つの形で用意しています。</p>\n"
        "<ul>\n"
        "<li><strong>CSV（UTF-8）</strong>: データパッケージのファイルそのもの（1行目が見出し）。プログラムやデータ分析ツールで読み込むときはこちらを使ってください。</li>\n"
        "<li><strong>Excel 用 CSV</strong>: 同じ内容を、Excel がダブルクリックで正しく開ける形（UTF-8 の BOM 付き、改行 CRLF）にしたもの。"
        "BOM のない CSV を Excel で直接開くと、日本語が文字化けします。</li>\n"
        "</ul>\n",
        f'<dl class="plansite-facts plansite-downloads" id="downloads">\n{items}\n</dl>\n',
        "### まとめてダウンロード\n",
        "<ul>\n"
        f'<li>{link(page, "data/datapackage.xlsx", "datapackage.xlsx")}（Excel ブック）: 表ごとに1シート（数値・日付は型付き）と、'
        f"すべての列の定義を載せた「{FIELDS_SHEET}」シート、利用条件と出典の記載例の「説明」シート。</li>\n"
        f'<li>{link(page, "data/datapackage.zip", "datapackage.zip")}: datapackage.json、すべての CSV、利用条件と出典の記載例を書いた README.txt。</li>\n'
        f'<li>{link(page, "data/datapackage.json", "datapackage.json")}: データパッケージ（Frictionless Data Package v2）の記述。'
        "各表の列の型・制約・説明と、利用条件・出典を含みます。この URL のまま、データパッケージとして読み込めます。</li>\n"
        "</ul>\n",
        "### 成果指標ごとのファイル\n",
        "<p>成果指標ごとの実績値（現状値を含む）の CSV（UTF-8）です。列は observations.csv と同じです。各指標のページからもダウンロードできます。</p>\n",
        f'<ul id="indicator-downloads">\n{indicator_items}\n</ul>\n',
    ])


def file_links(page: str, file_name: str) -> str:
    """Both forms of one CSV; the Excel link names its file for screen readers' link lists."""
    return (
        f'{link(page, f"data/{file_name}", file_name)}（UTF-8） ／ '
        f'<a href="{esc(href(page, f"data/excel/{file_name}"))}">Excel 用 CSV'
        f'<span class="plansite-sr">（{esc(file_name)}）</span></a>'
    )


# Licence and citation ------------------------------------------------------------------------------


def render_licence(page: str, site: Site, base_url: str) -> str:
    licence = licence_of(site)
    title = licence.get("title", licence.get("name", ""))
    as_is, edited = dataset_citation(site, base_url)
    sources = "".join(
        f"<li>{esc(s.get('title', ''))}</li>" for s in site.descriptor.get("sources", []) if s.get("title")
    )
    parts = [
        '## 利用条件と出典の書き方 {#licence}\n',
        f'<p>利用条件: <a href="{esc(licence.get("path", ""))}">{esc(title)}</a></p>\n'
        if licence.get("path") else f"<p>利用条件: {esc(title)}</p>\n",
        f"<p>データを使うときは、出典を記載してください。{esc(site_name(site))}のデータ全体を使う場合の記載例です"
        f"（成果指標ひとつを使う場合の記載例は、{link(page, 'indicators/', '各成果指標のページ')}の「ダウンロード」にあります）。</p>\n",
        citation_list(as_is, edited),
    ]
    if sources:
        parts.append(f"<p>数値の元の出典（データパッケージの sources）:</p>\n<ul>{sources}</ul>\n")
    return "\n".join(parts)


# Loading snippets ------------------------------------------------------------------------------------


def render_loading(site: Site, base_url: str) -> str:
    """Ready-made code for the tools data users have; URLs absolute, so the snippets run as pasted."""
    data = f"{base_url}data/"
    return "\n".join([
        "## データの読み込み方\n",
        "### Excel\n",
        "<ul>\n"
        "<li>いちばん簡単なのは、上の「Excel 用 CSV」をダウンロードしてダブルクリックで開くか、datapackage.xlsx を開く方法です。</li>\n"
        "<li>UTF-8 の CSV（BOM なし）を使うときは、Excel の［データ］→［データの取得］→［ファイルから］→［テキストまたは CSV から］で"
        "ファイルを選び、「元のファイル」を「65001: Unicode (UTF-8)」にして［読み込み］を押します（Power Query）。"
        "［データ］→［Web から］に CSV の URL を入れると、［すべて更新］で最新のデータを取り込み直せます。</li>\n"
        "</ul>\n",
        "### Python（pandas）\n",
        "```python",
        "import pandas as pd",
        "",
        f'base = "{data}"',
        'indicators = pd.read_csv(base + "indicators.csv")',
        'observations = pd.read_csv(base + "observations.csv", parse_dates=["published"])',
        'status = pd.read_csv(base + "status.csv")',
        "table = observations.merge(",
        '    indicators[["indicator_id", "name", "unit"]], on="indicator_id"',
        ")",
        "```\n",
        "### R\n",
        "```r",
        f'base <- "{data}"',
        'indicators <- read.csv(paste0(base, "indicators.csv"), fileEncoding = "UTF-8")',
        'observations <- read.csv(paste0(base, "observations.csv"), fileEncoding = "UTF-8")',
        "table <- merge(",
        '  observations, indicators[, c("indicator_id", "name", "unit")], by = "indicator_id"',
        ")",
        "```\n",
        "### データパッケージとして（Frictionless）\n",
        "<p>型と制約を含むデータパッケージとして読み込み、検証することもできます。</p>\n",
        "```sh",
        f"frictionless validate {data}datapackage.json",
        "```\n",
        "```python",
        "from frictionless import Package",
        "",
        f'package = Package("{data}datapackage.json")',
        'observations = package.get_resource("observations").to_pandas()',
        "```\n",
    ])


# Data dictionary -------------------------------------------------------------------------------------


def render_dictionary(page: str, site: Site) -> str:
    types = "、".join(f"<code>{esc(k)}</code> = {esc(v)}" for k, v in TYPE_WORDS.items() if k in used_types(site))
    parts = [
        "## データ定義\n",
        "<p>各表の列の定義です。datapackage.json の Table Schema から自動で作っています。"
        f"列ごとに、列名（CSV の見出し）と名前、説明、型と制約を示します。型: {types}。空欄は「値なし」を表します。</p>\n",
    ]
    for resource in site.descriptor["resources"]:
        name = resource["name"]
        file_name = posixpath.basename(resource["path"])
        schema = resource["schema"]
        parts.append(f"### {md(resource.get('title', name))}（{md(file_name)}） {{#dictionary-{esc(name)}}}\n")
        if resource.get("description"):
            parts.append(f"<p>{esc(resource['description'])}（{link(page, f'data/{file_name}', file_name)}）</p>\n")
        items = "\n".join(
            f"<dt><code>{esc(field['name'])}</code><br>{esc(field.get('title', ''))}</dt>"
            f"<dd>{esc(field.get('description', ''))}<br><small>{field_rules(field, schema)}</small></dd>"
            for field in schema["fields"]
        )
        parts.append(f'<dl class="plansite-facts plansite-fields" id="fields-{esc(name)}">\n{items}\n</dl>\n')
    return "\n".join(parts)


def field_rules(field: dict, schema: dict) -> str:
    """「型: 整数。必須、最小 1」, the pattern as code."""
    kind = field.get("type", "string")
    notes = [
        esc(note) if not note.startswith("書式") else f"書式 <code>{esc(field['constraints']['pattern'])}</code>"
        for note in constraint_notes(field, schema)
    ]
    rules = f"型: {esc(TYPE_WORDS.get(kind, kind))}"
    return rules + ("。" + "、".join(notes) if notes else "")


def used_types(site: Site) -> set[str]:
    return {
        field.get("type", "string")
        for resource in site.descriptor["resources"]
        for field in resource["schema"]["fields"]
    }


# Change log ------------------------------------------------------------------------------------------


def render_changes_pages(site: Site, base_url: str) -> dict[str, str]:
    """/changes/ and one page per year of updates, /changes/<year>/.

    A single page of every value ever published grows with the whole history (5.9 MB of HTML at
    1,000 indicators × 20 years, benchmarks/RESULTS.md). /changes/ shows the newest update, at most
    ENTRY_ITEMS values of it like the feed, and lists every update; the values of each update are on
    its year's page, whose address never changes (the feed links there).
    """
    groups = updates(site)
    pages = {"changes.md": render_changes_index(site, groups, base_url)}
    for year in sorted({date.year for date, _ in groups}):
        pages[f"changes/{year}.md"] = render_changes_year(site, year, [g for g in groups if g[0].year == year])
    return pages


def render_changes_index(site: Site, groups: list[tuple[datetime.date, list[Change]]], base_url: str) -> str:
    page = "changes/"
    parts = [
        changes_front_matter("更新履歴", f"{site.title}の成果指標の値を掲載・更新した日と内容の一覧。"),
        "# 更新履歴\n",
        "<p>成果指標の値（現状値と、年次報告による実績値）をこのサイトのデータに掲載した日ごとの一覧です。"
        f"データの {link(page, 'data/observations.csv', 'observations.csv')} の「掲載日」（published）列から自動で作っています。</p>\n",
        f"<p>更新情報は {link(page, 'feed.xml', '更新情報フィード（Atom）')} でも配信しています。"
        f"フィードリーダーに <code>{esc(base_url)}feed.xml</code> を登録すると、値が掲載されるたびに知らせを受け取れます。</p>\n",
    ]
    if not groups:
        return "\n".join(parts + ["<p>まだ値を掲載していません。</p>\n"])
    date, changes = groups[0]
    listed = changes[:ENTRY_ITEMS]
    parts.append(f"## 最新の更新: {format_date(date)}\n")
    parts.append(f"<p>{esc(update_summary(changes))}</p>\n")
    parts.append(changes_list(page, listed, f"latest-{update_anchor(date)}"))
    if len(changes) > len(listed):
        parts.append(f"<p>ほか{len(changes) - len(listed)}件は{link(page, changes_url(date), f'{format_date(date)}の更新履歴')}をご覧ください。</p>\n")
    parts.append("## 掲載日の一覧\n")
    parts.append("<p>掲載日を選ぶと、その日に掲載した値をすべて見られます（年ごとのページ）。</p>\n")
    for year in sorted({d.year for d, _ in groups}, reverse=True):
        dates = [(d, c) for d, c in groups if d.year == year]
        parts.append(f"### {year}年\n")
        items = "\n".join(f"<li>{link(page, changes_url(d), format_date(d))}: {esc(update_summary(c))}</li>" for d, c in dates)
        parts.append(f'<ul class="plansite-update-list">\n{items}\n</ul>\n')
    return "\n".join(parts)


def render_changes_year(site: Site, year: int, groups: list[tuple[datetime.date, list[Change]]]) -> str:
    page = f"changes/{year}/"
    parts = [
        changes_front_matter(f"{year}年の更新履歴", f"{site.title}の成果指標の値を{year}年に掲載・更新した日と内容。"),
        f"# {year}年の更新履歴\n",
        f'<p class="plansite-breadcrumb">{link(page, "changes/", "更新履歴")}（すべての掲載日と最新の更新）</p>\n',
        f"<p>{year}年に掲載した成果指標の値を、掲載日ごとにすべて載せています。</p>\n",
    ]
    for date, changes in groups:
        parts.append(f"## {format_date(date)} {{#{update_anchor(date)}}}\n")
        parts.append(f"<p>{esc(update_summary(changes))}</p>\n")
        parts.append(changes_list(page, changes, f"changes-{update_anchor(date)}"))
    return "\n".join(parts)


def changes_front_matter(title: str, description: str) -> str:
    # Out of the search index: every value here is on its indicator's page already, and a long
    # history would make the index that each searching visitor downloads much larger
    return front_matter(title, description, searched=False)


def changes_list(page: str, changes: list[Change], list_id: str) -> str:
    items = "\n".join(
        f"<dt>{link(page, indicator_url(c.indicator), c.indicator.name)}</dt>"
        f"<dd>{esc(c.period)}の{c.kind} <strong>{esc(c.value)}</strong><br><small>出典: {esc(c.observation.source)}</small></dd>"
        for c in changes
    )
    # Not the two-column facts grid: long indicator names would squeeze the values beside them
    return f'<dl class="plansite-changes" id="{list_id}">\n{items}\n</dl>\n'
