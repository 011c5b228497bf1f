"""Render: every generated page as Markdown text, from the site model, through Jinja2 templates.

Contract: render_pages(site, templates) returns {path under the docs tree: Markdown text}. Page paths
map to the stable addresses of design §5 (indicators/<id>.md → /indicators/<id>/). render_embed_pages
(site, templates) returns the embed pages, {indicators/<id>/embed/index.html: HTML}: whole documents
that MkDocs copies as they are (issue 17). Pure: no disk but the templates, no clock, no environment.

This module only chooses a template per page and hands it the model's objects and a few plain
helpers. The pages are in templates/ (one per page kind, macros for the repeated parts), rendered with
autoescaping: every text from the data is HTML-escaped unless a template says otherwise, and the
`md` filter also escapes Markdown's own syntax where data meets a Markdown line (headings). The one
HTML made in Python is the chart's SVG (chart.py), which escapes its own text.

A fork overrides a template by name: a file of the same name in the folder given as `templates`
(default: templates/ beside mkdocs.yml, when it exists) comes before the engine's, as Material's
custom_dir does for the theme.
"""

from __future__ import annotations

import html
import itertools
import json
import posixpath
from collections import Counter
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from jinja2 import (
    ChainableUndefined,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    pass_context,
)
from markupsafe import Markup

from .card import home_card_alt, indicator_card_alt, policy_card_alt
from .chart import (
    STATUS_SYMBOLS,
    legend,
    render_card_chart,
    render_card_legend,
    render_chart,
    render_sparkline,
    render_status_bars,
    static_charts,
)
from .fmt import (
    format_date,
    format_date_both,
    format_number,
    format_percent,
    format_period,
    md,
)
from .metadata import dataset_jsonld, indicator_dataset_jsonld, jsonld_script
from .model import Indicator, Policy, Site, shown_expected
from .publish import FIELDS_SHEET, STATUS_RESOURCE, constraint_notes

# Each measure's progress: a symbol beside the words, never colour alone
PROGRESS_SYMBOLS = {"implemented": "●", "partly": "◐", "not_implemented": "✕", "not_applicable": "－"}
DIRECTION_WORDS = {"increase": "増えるほどよい（増加を目指す）", "decrease": "減るほどよい（減少を目指す）"}
# Share links: plain addresses that load nothing until pressed, no third-party script. LINE's is the
# link its documentation gives for a share button of one's own design (developers.line.biz, LINE Social
# Plugins, "Using Share buttons"); X's is its Tweet Web Intent (developer.x.com, "Web Intent").
LINE_SHARE = "https://social-plugins.line.me/lineit/share"
X_SHARE = "https://twitter.com/intent/tweet"
EMBED_TEMPLATE = "embed.html.j2"
TYPE_WORDS = {
    "string": "文字列",
    "integer": "整数",
    "number": "数値（小数を含む）",
    "date": "日付（YYYY-MM-DD）",
    "boolean": "真偽値",
    "year": "年",
}


def render_pages(site: Site, templates: Path | None = None, charts: dict[str, Markup] | None = None) -> dict[str, str]:
    """Every Markdown page of the site by its path; charts: static_svgs(site), when the caller has it."""
    env = environment(str(templates) if templates else None)
    charts = charts or static_svgs(site)
    home_card = front_matter_card(site.card_path, home_card_alt(site))

    def page(template: str, address: str, page_card: dict[str, Markup] = home_card, **context: object) -> str:
        return env.get_template(template).render(
            site=site, w=site.words, statuses=site.statuses, progress_labels=site.progress_labels, page_url=address,
            page_card=page_card, **context
        )

    # page_jsonld: the schema.org Dataset of the page, which the front_matter macro puts in the front
    # matter and overrides/main.html in the <head>. page_card: the picture a link to the page shows
    # (card.py; overrides/main.html's og:image): an indicator's and a policy's own, else the home page's
    pages = {
        "index.md": page("home.md.j2", "", plan=site.descriptor.get("plan", {}), promotion_url=address_of(site.config.promotion_page)),
        "indicators/index.md": page("indicator_list.md.j2", "indicators/"),
        "policies/index.md": page("policy_index.md.j2", "policies/"),
        "data/index.md": page("data.md.j2", "data/", page_jsonld=front_matter_jsonld(dataset_jsonld(site)), **data_context(site)),
        "changes.md": page("changes.md.j2", "changes/"),
    }
    if site.actors:  # the role division is optional
        pages["roles.md"] = page("roles.md.j2", "roles/")
    if site.reports is not None:  # the yearly cycle of chapter 5 too (design §9)
        pages["reports/index.md"] = page("reports.md.j2", "reports/")
        for report in site.reports:
            pages[f"reports/{report.fiscal_year}.md"] = page("report.md.j2", report.page, report=report)
    for year in sorted({update.date.year for update in site.updates}):
        updates = [u for u in site.updates if u.date.year == year]
        pages[f"changes/{year}.md"] = page("changes_year.md.j2", f"changes/{year}/", year=year, updates=updates)
    for indicator in site.indicators:
        pages[f"indicators/{indicator.indicator_id}.md"] = page(
            "indicator.md.j2", indicator_url(indicator), indicator=indicator, svgs=charts[indicator.indicator_id],
            page_jsonld=front_matter_jsonld(indicator_dataset_jsonld(site, indicator)),
            page_card=front_matter_card(indicator.card_path, indicator_card_alt(site, indicator)),
        )
    for policy in site.policies:
        pages[f"policies/{policy.policy_id}.md"] = page(
            "policy.md.j2", policy_url(policy), policy=policy, page_card=front_matter_card(policy.card_path, policy_card_alt(site, policy)),
        )
    return pages


def render_embed_pages(site: Site, templates: Path | None = None, charts: dict[str, Markup] | None = None) -> dict[str, str]:
    """Each indicator's chart and values table alone, for an iframe on another site (issue 17).

    A whole HTML document of its own template (embed.html.j2, which a fork overrides like the pages),
    not a MkDocs page: the theme would bring its script, the search index and the navigation, which an
    iframe does not need. It links the site's own stylesheet only.
    """
    template = environment(str(templates) if templates else None).get_template(EMBED_TEMPLATE)
    charts = charts or static_svgs(site)
    return {
        embed_path(indicator): template.render(
            site=site, w=site.words, statuses=site.statuses, page_url=embed_url(indicator), indicator=indicator,
            svgs=charts[indicator.indicator_id],
        )
        for indicator in site.indicators
    }


@lru_cache(maxsize=4)
def environment(templates: str | None) -> Environment:
    loaders = [FileSystemLoader(templates)] if templates else []
    env = Environment(
        loader=ChoiceLoader([*loaders, PackageLoader("plansite", "templates")]),
        autoescape=True,
        undefined=ChainableUndefined,  # an optional descriptor entry a fork leaves out reads as empty
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(
        md=lambda value: Markup(md(value)),
        yaml=front_matter_string,
        percent=format_percent,
        number=format_number,
        expected=shown_expected,
        date=format_date,
        date_both=format_date_both,
        count_statuses=lambda indicators: Counter(i.evaluation.status for i in indicators),
        status_bars=lambda counts, labels: Markup(render_status_bars(dict(counts), labels, STATUS_SYMBOLS)),
        by_indicator=lambda changes: [(i, list(c)) for i, c in itertools.groupby(changes, key=lambda c: c.indicator)],
    )
    env.tests["contains"] = lambda collection, item: item in collection
    env.globals.update(
        url=url,
        indicator_url=indicator_url,
        policy_url=policy_url,
        symbols=STATUS_SYMBOLS,
        directions=DIRECTION_WORDS,
        chart=lambda indicator, summary, svgs: Markup(render_chart(indicator, summary, svgs)),
        # sharing and embedding (issue 17)
        chart_legend=lambda: Markup(legend()),
        embed_url=embed_url,
        embed_height=embed_height,
        share_links=share_links,
        absolute=absolute,
        # the small charts (issue 18): decoration beside text that has every number, SVG made in chart.py
        card_chart=lambda indicator, no_data: Markup(render_card_chart(indicator, no_data)),
        card_legend=lambda: Markup(render_card_legend()),
        sparkline=lambda indicator: Markup(render_sparkline(indicator)),
        chart_summary=chart_summary,
        no_data_reason=no_data_reason,
        judgement=judgement,
        fiscal_year=lambda year: format_period(year, "年度"),
        progress_words=PROGRESS_SYMBOLS,
    )
    return env


# Addresses -----------------------------------------------------------------------------------------


def indicator_url(indicator: Indicator) -> str:
    return indicator.page


def policy_url(policy: Policy) -> str:
    return policy.page


def embed_url(indicator: Indicator) -> str:
    return indicator.page + "embed/"


def embed_path(indicator: Indicator) -> str:
    return embed_url(indicator) + "index.html"


@pass_context
def absolute(context, target: str) -> str:
    """The published address of `target`: MkDocs' canonical URL of a page (site_url + its address)."""
    return context["site"].base_url + target


@pass_context
def url(context, target: str) -> str:
    """A link from the page being rendered to `target`, relative (works under any base path)."""
    return href(context["page_url"], target)


def address_of(source: str) -> str:
    """The address MkDocs gives a hand-written page: promotion.md → promotion/, a/index.md → a/."""
    if not source:
        return ""
    stem = source[: -len(".md")] if source.endswith(".md") else source
    return "" if stem == "index" else stem[: -len("index")] if stem.endswith("/index") else stem + "/"


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


def front_matter_jsonld(node: dict) -> Markup:
    """JSON-LD as a YAML string for front matter (JSON's quoting is YAML's double-quoted style).

    overrides/main.html writes it unescaped inside <script type="application/ld+json">, as it must (a
    script's text is not HTML-decoded): jsonld_script has written <, > and & as \\u escapes, so no text
    from the data can end the element.
    """
    return Markup(json.dumps(jsonld_script(node), ensure_ascii=False))


def front_matter_string(value: object) -> Markup:
    """A YAML string for front matter, HTML-escaped first: the theme writes page.title and
    page.meta.description into <title>, the header and a <meta> attribute without escaping."""
    return Markup(json.dumps(html.escape(str(value), quote=True), ensure_ascii=False))


def front_matter_card(path: str, alt: str) -> dict[str, Markup]:
    """A page's share card for its front matter: its path under the site root and what it shows in
    words, as YAML strings escaped for HTML (overrides/main.html writes them into <meta> attributes)."""
    return {"path": front_matter_string(path), "alt": front_matter_string(alt)}


# Sharing and embedding (issue 17) ----------------------------------------------------------------


def share_links(address: str, text: str) -> dict[str, str]:
    """LINE and X share links for the page at `address` (its canonical URL), with `text` for X's post."""
    url = quote(address, safe="")
    return {"line": f"{LINE_SHARE}?url={url}", "x": f"{X_SHARE}?url={url}&text={quote(text, safe='')}"}


def embed_height(indicator: Indicator) -> int:
    """The iframe's height in CSS px: the embed page's title, chart, legend, table and source line at
    the chart's full width (720 px), so that no scroll bar shows there; narrower, the page scrolls."""
    return 590 + 34 * len(indicator.rows)


def static_svgs(site: Site) -> dict[str, Markup]:
    """Each indicator's static chart in both layouts (chart.py, which escapes its own text), by id:
    the indicator page wraps it with the plotly figure, the embed page shows it alone (no script)."""
    return {indicator.indicator_id: Markup(static_charts(indicator)) for indicator in site.indicators}


# Plain text the indicator page needs -------------------------------------------------------------


def no_data_reason(indicator: Indicator) -> str:
    return f"現状値（{indicator.period(indicator.baseline_period)}）より後の実績値がまだ登録されていないため、評価できません。"


def chart_summary(indicator: Indicator) -> str:
    """The chart's text alternative in one sentence (its aria-label); the table has every number."""
    parts = [f"{indicator.name}のグラフ。", f"現状値 {indicator.value(indicator.baseline.value)}（{indicator.period(indicator.baseline_period)}）"]
    later = [o for o in indicator.observations if o.period > indicator.baseline_period]
    if later:
        parts.append(f"、最新の実績値 {indicator.value(later[-1].value)}（{indicator.period(later[-1].period)}）")
    parts.append(f"、目標値 {indicator.value(indicator.target_value)}（{indicator.period(indicator.target_period)}）。数値は下の表のとおりです。")
    return "".join(parts)


@pass_context
def judgement(context, indicator: Indicator) -> str:
    """Why this status, in the plan's own thresholds and labels."""
    e = indicator.evaluation
    site: Site = context["site"]
    label, limits = site.statuses, site.config.thresholds
    high, low = f"{float(limits.on_track):.2f}", f"{float(limits.slightly_behind):.2f}"
    reached = "以上" if indicator.direction == "increase" else "以下"
    return {
        "achieved": f"実績値が目標値{reached}のため「{label['achieved']}」。",
        "not-achieved": f"目標年を過ぎて目標値に届いていないため「{label['not-achieved']}」。",
        "on-track": f"R が {high} 以上のため「{label['on-track']}」。",
        "slightly-behind": f"R が {low} 以上 {high} 未満のため「{label['slightly-behind']}」。",
        "behind": f"R が 0 以上 {low} 未満のため「{label['behind']}」。",
        "regressing": (
            f"{e.reason}「{label['regressing']}」。達成率と R は 0 で割ることになるため計算しません。" if e.reason
            else f"R が 0 未満（現状値より目標と逆の方向に動いた）ため「{label['regressing']}」。"
        ),
    }[e.status]


# The data page's dictionary, from the descriptor -------------------------------------------------


def data_context(site: Site) -> dict:
    resources = []
    for resource in [*site.descriptor["resources"], STATUS_RESOURCE]:
        schema = resource["schema"]
        resources.append({
            "derived": resource is STATUS_RESOURCE,
            "name": resource["name"],
            "title": resource.get("title", resource["name"]),
            "description": resource.get("description", ""),
            "file_name": posixpath.basename(resource["path"]),
            "fields": [
                {
                    "name": field["name"],
                    "title": field.get("title", ""),
                    "description": field.get("description", ""),
                    "type_words": TYPE_WORDS.get(field.get("type", "string"), field.get("type", "string")),
                    # the pattern is shown as code, the other constraints as words
                    "notes": [
                        {"pattern": field["constraints"]["pattern"]} if note.startswith("書式") else {"text": note}
                        for note in constraint_notes(field, schema)
                    ],
                }
                for field in schema["fields"]
            ],
        })
    used = {field.get("type", "string") for r in site.descriptor["resources"] for field in r["schema"]["fields"]}
    return {"resources": resources, "used_types": used, "type_words": TYPE_WORDS, "fields_sheet": FIELDS_SHEET}
