"""Render: every generated page as a string, from the site model. Pure: no disk, no clock.

Contract: render_pages(site) returns {path under the docs tree: Markdown text}. Page paths map to the
stable addresses of design §5 (indicators/<id>.md → /indicators/<id>/). Text from the data goes
through esc() (HTML) or md() (Markdown) without exception. Links inside HTML blocks are written
relative to the page (href()), so the site works under any base path, e.g. GitHub Pages' /repo/.
"""

from __future__ import annotations

import json
import posixpath
from collections import Counter

from .chart import render_chart
from .evaluate import STATUSES, Evaluation, expected_value
from .feed import site_url
from .fmt import esc, format_date, format_number, format_percent, format_period, format_value, md
from .model import Indicator, Policy, Site
from .publish import indicator_citation

STATUS_SYMBOLS = {
    "achieved": "◎", "on-track": "○", "slightly-behind": "△", "behind": "▲",
    "regressing": "✕", "not-achieved": "✕", "no-data": "－",
}
DIRECTION_WORDS = {"increase": "増えるほどよい（増加を目指す）", "decrease": "減るほどよい（減少を目指す）"}


def render_pages(site: Site) -> dict[str, str]:
    # render_data builds on this module's helpers, so it is imported here, not at the top
    from .render_data import render_changes_pages, render_data_page

    base_url = site_url()  # citations and the change log's feed address are absolute
    pages = {
        "index.md": render_home(site),
        "indicators/index.md": render_indicator_list(site),
        "policies/index.md": render_policy_index(site),
        "roles.md": render_roles(site),
        "data/index.md": render_data_page(site, base_url),
        **render_changes_pages(site, base_url),
    }
    for indicator in site.indicators:
        pages[f"indicators/{indicator.indicator_id}.md"] = render_indicator_page(site, indicator, base_url)
    for policy in site.policies:
        pages[f"policies/{policy.policy_id}.md"] = render_policy_page(site, policy)
    return pages


# Addresses -----------------------------------------------------------------------------------------


def indicator_url(indicator: Indicator) -> str:
    return f"indicators/{indicator.indicator_id}/"


def policy_url(policy: Policy) -> str:
    return f"policies/{policy.policy_id}/"


def href(page: str, target: str) -> str:
    """A link from the page at address `page` to `target`, both relative to the site root.

    posixpath.relpath on the segments; relpath itself calls os.getcwd() twice per link, which cost a
    tenth of the data stage for 1,000 indicators (benchmarks/RESULTS.md).
    """
    start = [part for part in posixpath.normpath(page or ".").split("/") if part != "."]
    goal = [part for part in posixpath.normpath(target or ".").split("/") if part != "."]
    common = 0
    while common < min(len(start), len(goal)) and start[common] == goal[common]:
        common += 1
    relative = "/".join([".."] * (len(start) - common) + goal[common:]) or "."
    if target == "" or target.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    return relative


def link(page: str, target: str, text: str) -> str:
    return f'<a href="{esc(href(page, target))}">{esc(text)}</a>'


# Building blocks -----------------------------------------------------------------------------------


def front_matter(title: str, description: str = "", wide: bool = False, searched: bool = True) -> str:
    """YAML front matter; `wide` hides the table of contents so that wide tables get the room;
    searched=False keeps the page out of the search index.

    Escaped here: the theme writes page.title and page.meta.description into <title>, the header
    and a <meta> attribute as HTML, without escaping (a name with <script> would run).
    """
    lines = ["---", f"title: {json.dumps(esc(title), ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(esc(description), ensure_ascii=False)}")
    if wide:
        lines += ["hide:", "  - toc"]
    if not searched:
        lines += ["search:", "  exclude: true"]
    return "\n".join(lines + ["---", ""])


def html_table(caption: str, headers: list[str], rows: list[list[str]], table_id: str, searched: bool = True, extra_class: str = "") -> str:
    """An accessible HTML table (caption, scoped headers) in a wrapper that scrolls on a phone.

    Cells are HTML already escaped by the caller. The wrapper is focusable so that keyboard users can
    scroll it (axe: scrollable-region-focusable). searched=False keeps the table out of the search
    index (Material skips an element marked data-search-exclude).
    """
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    body = []
    for row in rows:
        cells = [f'<th scope="row">{row[0]}</th>']
        cells += [f"<td>{cell}</td>" for cell in row[1:]]
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<div class="plansite-table{f" {extra_class}" if extra_class else ""}" role="region" aria-labelledby="{table_id}-caption" tabindex="0"{"" if searched else " data-search-exclude"}>\n'
        f'<table id="{table_id}" class="plansite-data">\n<caption id="{table_id}-caption">{caption}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n</div>\n"
    )


def status_badge(evaluation: Evaluation) -> str:
    return status_badge_for(evaluation.status)


def status_counts(indicators: list[Indicator], caption: str, table_id: str) -> str:
    counts = Counter(i.evaluation.status for i in indicators)
    rows = [[status_badge_for(code), f"{counts[code]}"] for code in STATUSES if counts[code]]
    rows.append(["合計", f"{len(indicators)}"])
    return html_table(caption, ["状況", "指標の数"], rows, table_id)


def status_badge_for(code: str) -> str:
    """Colour plus symbol plus words: never colour alone (JIS X 8341-3 / WCAG 1.4.1)."""
    return (
        f'<span class="plansite-status plansite-status--{code}">'
        f'<span aria-hidden="true">{STATUS_SYMBOLS[code]}</span> {STATUSES[code]}</span>'
    )


def latest_actual(indicator: Indicator) -> str:
    evaluation = indicator.evaluation
    if evaluation.latest_period is None:
        return "未登録"
    return f"{format_value(evaluation.latest_value, indicator.unit)}<br><small>{format_period(evaluation.latest_period, indicator.period_type)}</small>"


def value_with_period(value: float, period: int, indicator: Indicator) -> str:
    return f"{format_value(value, indicator.unit)}<br><small>{format_period(period, indicator.period_type)}</small>"


def measured(indicator: Indicator) -> str:
    """「知っている」の割合 — what is counted, when the plan names an answer."""
    return f"（{esc(indicator.measure)}）" if indicator.measure else ""


def indicator_rows(page: str, indicators: list[Indicator], with_policy: bool, site: Site) -> list[list[str]]:
    rows = []
    for indicator in indicators:
        row = [link(page, indicator_url(indicator), indicator.name) + measured(indicator)]
        if with_policy:
            policy = site.policy(indicator.policy_id)
            row.append(link(page, policy_url(policy), f"{policy.number} {policy.title}"))
        evaluation = indicator.evaluation
        row += [
            value_with_period(indicator.baseline.value, indicator.baseline_period, indicator),
            latest_actual(indicator),
            value_with_period(indicator.target_value, indicator.target_period, indicator),
            format_percent(evaluation.rate),
            status_badge(evaluation),
        ]
        rows.append(row)
    return rows


INDICATOR_HEADERS = ["現状値", "最新の実績値", "目標値", "達成率", "状況"]


def indicator_cards(page: str, indicators: list[Indicator]) -> str:
    """A compact list for the home page: readable on a phone without a wide table."""
    items = []
    for indicator in indicators:
        evaluation = indicator.evaluation
        latest = (
            f"最新 {format_value(evaluation.latest_value, indicator.unit)}（{format_period(evaluation.latest_period, indicator.period_type)}）、達成率 {format_percent(evaluation.rate)}"
            if evaluation.latest_period is not None else "実績値は未登録"
        )
        items.append(
            f'<li class="plansite-card"><p class="plansite-card__title">{link(page, indicator_url(indicator), indicator.name)}{measured(indicator)}</p>'
            f"<p>{status_badge(evaluation)}</p>"
            f"<p>現状値 {format_value(indicator.baseline.value, indicator.unit)}（{format_period(indicator.baseline_period, indicator.period_type)}）"
            f" → 目標値 {format_value(indicator.target_value, indicator.unit)}（{format_period(indicator.target_period, indicator.period_type)}）<br>{latest}</p></li>"
        )
    # Out of the search index: each card repeats its indicator page, which search finds by name
    return '<ul class="plansite-cards" data-search-exclude>\n' + "\n".join(items) + "\n</ul>\n"


# Pages ---------------------------------------------------------------------------------------------


def render_home(site: Site) -> str:
    plan = site.descriptor.get("plan", {})
    period = plan.get("period", {})
    publisher = site.descriptor.get("publisher", {})
    updated = format_date(site.updated) if site.updated else "未登録"
    parts = [
        front_matter("ホーム", f"{site.title}の成果指標の進捗状況（現状値・実績値・目標値・達成率）と役割区分を公表するサイトです。"),
        f"# {md(site.title)} 進捗状況\n",
        '<p class="plansite-lead">'
        f"このサイトは、{esc(publisher.get('name', ''))}が{esc(site.title)}の進捗状況を公表するものです。"
        "計画に掲げた成果指標の現状値・目標値と、年次報告で把握した実績値、達成率と評価の状況、"
        "基本方針ごとの役割区分を、データとあわせて掲載しています。</p>\n",
        f'<p class="plansite-updated">最終更新: <strong>{updated}</strong>'
        f'（{link("", "changes/", "更新履歴")}、{link("", "feed.xml", "更新情報フィード（Atom）")}）</p>\n',
        "## 成果指標の状況\n",
        status_counts(site.indicators, f"{len(site.indicators)} 指標の状況の内訳", "home-status"),
        f'<p>状況は、現状値から目標値までを直線で結んだ経路と実績値を比べて自動で計算しています（{link("", "method/", "評価の方法")}）。'
        "現状値より後の実績値がまだ登録されていない指標は「実績未登録」です。</p>\n",
    ]
    for policy in site.policies:
        parts.append(f"### 基本方針 {policy.number} {md(policy.title)}\n")
        parts.append(indicator_cards("", policy.indicators))
    parts += [
        "## この計画とこのサイトについて\n",
        f"<dl class=\"plansite-facts\">\n<dt>計画</dt><dd>{esc(site.title)}</dd>\n"
        f"<dt>期間</dt><dd>{period.get('start', '')}年〜{period.get('end', '')}年<br><small>{esc(period.get('basis', ''))}</small></dd>\n"
        f"<dt>公表する者</dt><dd>{esc(publisher.get('name', ''))}（全国地方公共団体コード {esc(publisher.get('local_government_code', ''))}）</dd>\n"
        f"<dt>根拠</dt><dd>{esc(plan.get('legal_basis', ''))}</dd>\n</dl>\n",
        "<p>計画の第5章「計画の推進」は、施策の進捗状況を下関市市民協働参画条例第16条の年次報告で調査・把握し、"
        "下関市市民協働参画審議会で評価し、市議会の所管委員会に報告するとともに公表すると定めています。"
        "公表の方法は同条例施行規則第3条に掲げる方法（広報紙への掲載、窓口での閲覧・配布、"
        "インターネットを利用した閲覧など）によります。このサイトは、そのうちインターネットによる公表です。"
        f'詳しくは{link("", "promotion/", "計画の推進体制と公表")}をご覧ください。</p>\n',
        "<ul>\n"
        f'<li>{link("", "indicators/", "成果指標の一覧")}（達成率と状況）</li>\n'
        f'<li>{link("", "roles/", "役割区分")}（市民・市民活動団体、行政、しものせき市民活動センターが何をするか）</li>\n'
        f'<li>{link("", "data/", "オープンデータ")}（CSV・Excel・データパッケージのダウンロード、利用条件、出典の書き方）</li>\n'
        "</ul>\n",
    ]
    return "\n".join(parts)


def render_indicator_list(site: Site) -> str:
    page = "indicators/"
    rows = indicator_rows(page, site.indicators, True, site)
    return "\n".join([
        front_matter("成果指標の一覧", f"{site.title}の全成果指標の現状値・最新の実績値・目標値・達成率・状況。", wide=True),
        "# 成果指標の一覧\n",
        f"<p>{esc(site.title)}の成果指標 {len(site.indicators)} 件です。指標名を選ぶと、グラフ、数値の表、評価の計算、出典を見られます。"
        f'達成率と状況の求め方は{link(page, "method/", "評価の方法")}をご覧ください。</p>\n',
        # Out of the search index, like the home page's cards: every row is an indicator page of its own
        html_table("成果指標の一覧（基本方針の順）", ["成果指標", "基本方針"] + INDICATOR_HEADERS, rows, "indicator-list", searched=False),
        f'<p>この表のデータ: {link(page, "data/status.csv", "status.csv（評価結果）")}、'
        f'{link(page, "data/indicators.csv", "indicators.csv（成果指標）")}、'
        f'{link(page, "data/observations.csv", "observations.csv（実績値）")}</p>\n',
    ])


def render_indicator_page(site: Site, indicator: Indicator, base_url: str) -> str:
    page = indicator_url(indicator)
    policy = site.policy(indicator.policy_id)
    return "\n".join([
        front_matter(indicator.name, f"成果指標「{indicator.name}」の現状値・実績値・目標値と達成状況。"),
        f"# {md(indicator.name)}\n",
        f'<p class="plansite-breadcrumb">{link(page, policy_url(policy), f"基本方針 {policy.number} {policy.title}")} の成果指標'
        f'（{link(page, "indicators/", "成果指標の一覧")}）</p>\n',
        render_status_block(indicator),
        # Sections marked data-search-exclude stay out of the search index, which every visitor
        # downloads: the chart's tick labels, the year-by-year numbers, the arithmetic and the
        # download links are most of its size, and no one's search words
        "## グラフ { data-search-exclude }\n",
        render_chart(indicator, chart_summary(indicator)),
        '<p class="plansite-chart-note">グラフと同じ数値を下の「数値の表」に掲載しています。'
        "点線は現状値から目標値までの直線の経路（その年までに期待される値）です。</p>\n",
        "## 数値の表 { data-search-exclude }\n",
        render_values_table(indicator),
        "## 評価の計算 { data-search-exclude }\n",
        render_calculation(indicator),
        "## 指標の定義と出典\n",
        render_definition(page, site, indicator),
        "## ダウンロード { data-search-exclude }\n",
        "<ul>\n"
        f'<li>{link(page, f"data/indicators/{indicator.indicator_id}.csv", f"この指標の実績値（{indicator.indicator_id}.csv）")}</li>\n'
        f'<li>{link(page, "data/", "すべてのデータ（CSV・Excel・データパッケージ）")}</li>\n'
        "</ul>\n",
        citation_list(*indicator_citation(site, indicator, base_url))
        + "<p>各値の元の出典は、上の「数値の表」の出典欄のとおりです。</p>\n",
        f'<p class="plansite-updated">この指標の最終更新: {format_date(indicator.updated)}</p>\n',
    ])


def citation_list(as_is: str, edited: str) -> str:
    """The two credit lines of 公共データ利用規約 第1.0版: as is, and when the data was edited."""
    return (
        '<dl class="plansite-facts plansite-citation">\n'
        f"<dt>出典記載例（そのまま使う場合）</dt><dd>{esc(as_is)}</dd>\n"
        f"<dt>出典記載例（加工して使う場合）</dt><dd>{esc(edited)}</dd>\n"
        "</dl>\n"
    )


def render_status_block(indicator: Indicator) -> str:
    evaluation = indicator.evaluation
    if evaluation.status == "no-data":
        detail = no_data_reason(indicator)
    else:
        detail = (
            f"達成率 <strong>{format_percent(evaluation.rate)}</strong>"
            f"（{format_period(evaluation.latest_period, indicator.period_type)}の実績値 "
            f"{format_value(evaluation.latest_value, indicator.unit)}）"
        )
    return (
        f'<div class="plansite-status-block">\n<p>状況: {status_badge(evaluation)}</p>\n'
        f"<p>{detail}</p>\n<p>目標: {format_period(indicator.target_period, indicator.period_type)}に "
        f"<strong>{format_value(indicator.target_value, indicator.unit)}</strong>{measured(indicator)}"
        f"（現状値 {format_value(indicator.baseline.value, indicator.unit)}、{format_period(indicator.baseline_period, indicator.period_type)}）</p>\n</div>\n"
    )


def no_data_reason(indicator: Indicator) -> str:
    when = format_period(indicator.baseline_period, indicator.period_type)
    return f"現状値（{when}）より後の実績値がまだ登録されていないため、評価できません。"


def chart_summary(indicator: Indicator) -> str:
    parts = [f"{indicator.name}のグラフ。", f"現状値 {format_value(indicator.baseline.value, indicator.unit)}（{format_period(indicator.baseline_period, indicator.period_type)}）"]
    later = [o for o in indicator.observations if o.period > indicator.baseline_period]
    if later:
        parts.append(f"、最新の実績値 {format_value(later[-1].value, indicator.unit)}（{format_period(later[-1].period, indicator.period_type)}）")
    parts.append(f"、目標値 {format_value(indicator.target_value, indicator.unit)}（{format_period(indicator.target_period, indicator.period_type)}）。数値は下の表のとおりです。")
    return "".join(parts)


def render_values_table(indicator: Indicator) -> str:
    b, t0 = indicator.baseline.value, indicator.baseline_period
    target, t1 = indicator.target_value, indicator.target_period
    observed = {o.period: o for o in indicator.observations}
    rows = []
    for year in sorted(set(observed) | {t1}):
        observation = observed.get(year)
        kinds = []
        if year == t0:
            kinds.append("現状値")
        elif observation:
            kinds.append("実績値")
        if year == t1:
            kinds.append(f"目標年（目標値 {format_value(target, indicator.unit)}）")
        path = format_value(shown_expected(expected_value(b, t0, target, t1, year)), indicator.unit) if year >= t0 else "—"
        rows.append([
            format_period(year, indicator.period_type),
            format_value(observation.value, indicator.unit) if observation else "未登録",
            path,
            "、".join(kinds),
            esc(observation.source) if observation else "",
        ])
    return html_table(
        f"{esc(indicator.name)}の数値（単位: {esc(indicator.unit)}）",
        [indicator.period_type, "実績値", "直線の経路（期待値）", "区分", "出典"], rows,
        "values",
    )


def shown_expected(value: float) -> float:
    """An expected value as every page writes it, to 4 decimal places: the values table and the
    calculation block must never show one value two ways."""
    return round(value, 4)


def render_calculation(indicator: Indicator) -> str:
    """The method with this indicator's own numbers substituted, so anyone can check the status."""
    e = indicator.evaluation
    unit, kind = indicator.unit, indicator.period_type
    b, target = format_number(e.baseline_value), format_number(e.target_value)
    lines = [
        f"<p>現状値 b = {b}（{format_period(e.baseline_period, kind)}）、目標値 T = {target}"
        f"（{format_period(e.target_period, kind)}）、単位 {esc(unit)}。</p>"
    ]
    if e.status == "no-data":
        lines.append(
            f"<p>{no_data_reason(indicator)}実績値 a が登録されると、達成率 = (a − {b}) ÷ ({target} − {b}) × 100 で計算します。</p>"
        )
        return '<div class="plansite-calculation">\n' + "\n".join(lines) + "\n</div>\n"
    a, t, expected = format_number(e.latest_value), e.latest_period, format_number(shown_expected(e.expected_value))
    elapsed = min(t - e.baseline_period, e.target_period - e.baseline_period)
    span = e.target_period - e.baseline_period
    lines += [
        f"<p>最新の実績値 a = {a}（{format_period(t, kind)}）。</p>",
        "<ol>",
        f"<li>達成率 = (a − b) ÷ (T − b) × 100 = ({a} − {b}) ÷ ({target} − {b}) × 100 = <strong>{format_percent(e.rate)}</strong></li>",
        f"<li>期待値 e = b + (T − b) × {elapsed} ÷ {span} = {b} + ({target} − {b}) × {elapsed} ÷ {span} = <strong>{expected}</strong>"
        f"（{format_period(t, kind)}に直線の経路の上にあるはずの値）</li>",
        f"<li>進み具合 R = (a − b) ÷ (e − b) = ({a} − {b}) ÷ ({expected} − {b}) = <strong>{'—' if e.ratio is None else f'{e.ratio:.2f}'}</strong></li>",
        "</ol>",
        f"<p>判定: {status_badge(e)} — {esc(judgement(indicator))}</p>",
    ]
    return '<div class="plansite-calculation">\n' + "\n".join(lines) + "\n</div>\n"


def judgement(indicator: Indicator) -> str:
    e = indicator.evaluation
    reached = "以上" if indicator.direction == "increase" else "以下"
    return {
        "achieved": f"実績値が目標値{reached}のため「目標達成」。",
        "not-achieved": "目標年を過ぎて目標値に届いていないため「未達成」。",
        "on-track": "R が 0.95 以上のため「順調」。",
        "slightly-behind": "R が 0.60 以上 0.95 未満のため「やや遅れ」。",
        "behind": "R が 0 以上 0.60 未満のため「遅れ」。",
        "regressing": e.reason or "R が 0 未満（現状値より目標と逆の方向に動いた）ため「後退」。",
    }[e.status]


def render_definition(page: str, site: Site, indicator: Indicator) -> str:
    policy = site.policy(indicator.policy_id)
    rows = [
        ("指標名", esc(indicator.name)),
        ("指標ID", f"<code>{esc(indicator.indicator_id)}</code>"),
        ("基本方針", link(page, policy_url(policy), f"基本方針 {policy.number} {policy.title}")),
        ("数える回答", esc(indicator.measure) if indicator.measure else "（なし: 件数・人数などの実数）"),
        ("単位", esc(indicator.unit)),
        ("期間の種類", f"{esc(indicator.period_type)}" + ("（4月から翌年3月。西暦は年度の始まる年）" if indicator.period_type == "年度" else "（1月から12月）")),
        ("望ましい方向", DIRECTION_WORDS[indicator.direction]),
        ("現状値", value_with_period(indicator.baseline.value, indicator.baseline_period, indicator).replace("<br>", " ")),
        ("目標値", value_with_period(indicator.target_value, indicator.target_period, indicator).replace("<br>", " ")),
        ("出典", esc(indicator.source)),
    ]
    if indicator.note:
        rows.append(("備考", esc(indicator.note)))
    notes = [f"{format_period(o.period, indicator.period_type)}: {esc(o.note)}" for o in indicator.observations if o.note]
    if notes:
        rows.append(("値の注記", "<br>".join(notes)))
    body = "\n".join(f"<dt>{term}</dt><dd>{value}</dd>" for term, value in rows)
    return f'<dl class="plansite-facts">\n{body}\n</dl>\n'


def render_policy_index(site: Site) -> str:
    page = "policies/"
    rows = []
    for policy in site.policies:
        counts = Counter(i.evaluation.status for i in policy.indicators)
        summary = "、".join(f"{STATUSES[c]} {counts[c]}" for c in STATUSES if counts[c])
        rows.append([link(page, policy_url(policy), f"基本方針 {policy.number} {policy.title}"), str(len(policy.indicators)), summary, str(len(policy.actions))])
    return "\n".join([
        front_matter("基本方針", f"{site.title}の基本方針と、それぞれの成果指標・役割区分。"),
        "# 基本方針\n",
        f"<p>{esc(site.title)}は、次の {len(site.policies)} つの基本方針で構成されています。</p>\n",
        html_table("基本方針の一覧", ["基本方針", "成果指標の数", "状況", "取組の数"], rows, "policy-list"),
    ])


def render_policy_page(site: Site, policy: Policy) -> str:
    page = policy_url(policy)
    title = f"基本方針 {policy.number} {policy.title}"
    return "\n".join([
        front_matter(title, f"{site.title}の{title}の成果指標と役割区分。"),
        f"# {md(title)}\n",
        f'<p class="plansite-breadcrumb">{link(page, "policies/", "基本方針の一覧")}</p>\n',
        "## 成果指標\n",
        status_counts(policy.indicators, f"{esc(title)}の成果指標の状況の内訳", "policy-status"),
        html_table(f"{esc(title)}の成果指標", ["成果指標"] + INDICATOR_HEADERS, indicator_rows(page, policy.indicators, False, site), "policy-indicators"),
        "## 役割区分\n",
        "<p>この基本方針で取り組む事業を、誰が担うかで区分しています（計画の「役割区分」）。</p>\n",
        role_matrix(site, policy, "policy-roles"),
        f'<p>{link(page, "roles/", "すべての基本方針の役割区分")}</p>\n',
    ])


def role_matrix(site: Site, policy: Policy, table_id: str) -> str:
    headers = ["取組"] + [esc(actor.name) for actor in site.actors]
    rows = []
    for action in policy.actions:
        marks = [
            '<span class="plansite-mark" aria-hidden="true">○</span><span class="plansite-sr">担う</span>'
            if actor.actor_id in action.actor_ids
            else '<span aria-hidden="true">－</span><span class="plansite-sr">担わない</span>'
            for actor in site.actors
        ]
        rows.append([esc(action.name)] + marks)
    caption = f"基本方針 {policy.number} {esc(policy.title)}の役割区分（○ = その主体が担う取組）"
    return html_table(caption, headers, rows, table_id, extra_class="plansite-roles")


def render_roles(site: Site) -> str:
    page = "roles/"
    parts = [
        front_matter("役割区分", f"{site.title}の役割区分: 基本方針ごとの取組を、市民・市民活動団体、行政、しものせき市民活動センターのどれが担うか。"),
        "# 役割区分\n",
        "<p>計画では、施策ごとに取り組む事業を「" + "」「".join(esc(a.name) for a in site.actors)
        + "」で区分し、その役割を明確にしています。○ はその主体が担う取組です。</p>\n",
        '<nav class="plansite-actor-nav" aria-label="主体ごとの役割"><p>主体ごとに見る:</p><ul>'
        + "".join(f'<li><a href="#actor-{esc(a.actor_id)}">{esc(a.name)}の役割</a></li>' for a in site.actors)
        + "</ul></nav>\n",
    ]
    for policy in site.policies:
        parts.append(f"## 基本方針 {policy.number} {md(policy.title)}\n")
        parts.append(role_matrix(site, policy, f"roles-{esc(policy.policy_id)}"))
        parts.append(f'<p>{link(page, policy_url(policy), f"基本方針 {policy.number} の成果指標")}</p>\n')
    parts.append("## 主体ごとの役割\n")
    for actor in site.actors:
        parts.append(f'<h3 id="actor-{esc(actor.actor_id)}">{esc(actor.name)}の役割</h3>\n')
        for policy in site.policies:
            actions = [a for a in policy.actions if actor.actor_id in a.actor_ids]
            items = "".join(f"<li>{esc(a.name)}</li>" for a in actions) or "<li>（この基本方針ではなし）</li>"
            parts.append(f"<p><strong>基本方針 {policy.number} {esc(policy.title)}</strong>（{len(actions)} 件）</p>\n<ul>{items}</ul>\n")
    return "\n".join(parts)
