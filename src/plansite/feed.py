"""Feed: the Atom feed of data updates (RFC 4287), generated from observations' `published` dates.

Contract: render_feed(site, base_url) returns the bytes of /feed.xml. One entry per update, where an
update is one publication date: every observation published that day (which indicator, which period,
which value). Pure and clock-free: every time in the feed comes from the data.

Decisions, so that feed readers and journalists can rely on them:
- Times: a publication date is a day in Japan, written as midnight Japan time (T00:00:00+09:00).
  The feed's <updated> is the latest publication date.
- Ids: tag URIs (RFC 4151) built from the site's host name, the date and the package name, e.g.
  tag:example.jp,2026-11-28:shimonoseki-civic-activity-plan/changes/2026-11-28. They never change
  when the site is rebuilt or when later updates are added; they change only if the site moves to
  another host name.
- Links are absolute (feed readers do not resolve relative links reliably), so they need the site's
  published address: site_url() reads the environment variable SITE_URL, exactly as mkdocs.yml's
  `site_url: !ENV [SITE_URL, ...]` does, with the same default, so the feed, the citation texts on
  the pages and MkDocs agree. Set SITE_URL when building for publication.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from .fmt import esc, format_date, format_period, format_value
from .model import Indicator, Observation, Site

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default (tests check they agree)
JST = "+09:00"
# Values listed in one entry; the rest are counted and left to /changes/. Feed readers fetch the
# whole feed on every poll, so a first publication of 1,000 indicators must not make it megabytes.
ENTRY_ITEMS = 100


def site_url() -> str:
    """The site's published address, ending in a slash: $SITE_URL, else mkdocs.yml's default."""
    url = os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


@dataclass(frozen=True)
class Change:
    """One value added to the data: an observation with its indicator."""

    indicator: Indicator
    observation: Observation

    @property
    def kind(self) -> str:
        return "現状値" if self.observation.period == self.indicator.baseline_period else "実績値"

    @property
    def period(self) -> str:
        return format_period(self.observation.period, self.indicator.period_type)

    @property
    def value(self) -> str:
        return format_value(self.observation.value, self.indicator.unit)


def updates(site: Site) -> list[tuple[datetime.date, list[Change]]]:
    """Changes grouped by publication date, newest first; within a day in the plan's order."""
    by_date: dict[datetime.date, list[Change]] = {}
    for indicator in site.indicators:
        for observation in indicator.observations:
            by_date.setdefault(observation.published, []).append(Change(indicator, observation))
    return [(date, by_date[date]) for date in sorted(by_date, reverse=True)]


def update_anchor(date: datetime.date) -> str:
    """The fragment of a date's section on its year's change log (stable: #2026-11-28)."""
    return date.isoformat()


def changes_url(date: datetime.date) -> str:
    """The address of a date's section: its year's change log (changes/2026/#2026-11-28)."""
    return f"changes/{date.year}/#{update_anchor(date)}"


def update_title(date: datetime.date, changes: list[Change]) -> str:
    """「2018年6月29日: 協働の認知度 2017年（平成29年）ほか2件を掲載」."""
    named = [f"{c.indicator.name} {c.period}" for c in changes[:2]]
    more = f"ほか{len(changes) - 2}件" if len(changes) > 2 else ""
    return f"{format_date(date)}: {'、'.join(named)}{more}を掲載"


def update_summary(changes: list[Change]) -> str:
    kinds = {kind: sum(1 for c in changes if c.kind == kind) for kind in ("実績値", "現状値")}
    detail = "、".join(f"{kind} {count}件" for kind, count in kinds.items() if count)
    return f"{len(changes)}件の値を掲載しました（{detail}）。"


def render_feed(site: Site, base_url: str) -> bytes:
    groups = updates(site)
    host = urlsplit(base_url).hostname or "localhost"
    name = quote(site.descriptor.get("name", "plansite"), safe="-._~")
    first = min((date for date, _ in groups), default=datetime.date(1980, 1, 1))
    publisher = site.descriptor.get("publisher", {}).get("name", "") or site.title
    licence = (site.descriptor.get("licenses") or [{}])[0]
    updated = groups[0][0] if groups else first
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">',
        f"  <id>tag:{host},{first.isoformat()}:{name}/changes</id>",
        f"  <title>{esc(site.title)} 進捗状況: データの更新</title>",
        f"  <subtitle>{esc(site.title)}の成果指標の値（現状値・実績値）を掲載・更新したお知らせ。"
        "掲載日ごとに1件です。</subtitle>",
        f"  <updated>{timestamp(updated)}</updated>",
        f"  <author><name>{esc(publisher)}</name></author>",
        f'  <link rel="self" type="application/atom+xml" href="{esc(base_url)}feed.xml"/>',
        f'  <link rel="alternate" type="text/html" href="{esc(base_url)}changes/"/>',
        f"  <rights>{esc(licence.get('title', licence.get('name', '')))}</rights>",
        "  <generator>plansite</generator>",
    ]
    for date, changes in groups:
        lines += render_entry(date, changes, base_url, host, name)
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def render_entry(date: datetime.date, changes: list[Change], base_url: str, host: str, name: str) -> list[str]:
    listed = changes[:ENTRY_ITEMS]
    items = "".join(
        f'<li><a href="{esc(base_url)}indicators/{esc(c.indicator.indicator_id)}/">{esc(c.indicator.name)}</a>'
        f": {esc(c.period)} {esc(c.value)}（{c.kind}。出典: {esc(c.observation.source)}）</li>"
        for c in listed
    )
    rest = len(changes) - len(listed)
    more = (
        f'<p>ほか{rest}件は<a href="{esc(base_url)}{changes_url(date)}">更新履歴</a>をご覧ください。</p>'
        if rest else ""
    )
    content = f"<p>{esc(update_summary(changes))}</p><ul>{items}</ul>{more}"
    categories = sorted({(c.indicator.indicator_id, c.indicator.name) for c in listed})
    lines = [
        "  <entry>",
        f"    <id>tag:{host},{date.isoformat()}:{name}/changes/{date.isoformat()}</id>",
        f"    <title>{esc(update_title(date, changes))}</title>",
        f"    <updated>{timestamp(date)}</updated>",
        f"    <published>{timestamp(date)}</published>",
        f'    <link rel="alternate" type="text/html" href="{esc(base_url)}{changes_url(date)}"/>',
        f"    <summary>{esc(update_summary(changes))}</summary>",
        f'    <content type="html">{esc(content)}</content>',
    ]
    lines += [f'    <category term="{esc(term)}" label="{esc(label)}"/>' for term, label in categories]
    lines.append("  </entry>")
    return lines


def timestamp(date: datetime.date) -> str:
    return f"{date.isoformat()}T00:00:00{JST}"
