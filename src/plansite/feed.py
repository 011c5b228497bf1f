"""Feed: the Atom feed of data updates (RFC 4287), from the model's updates (observations' `published`).

Contract: render_feed(site) returns the bytes of /feed.xml, written by an XML writer (ElementTree),
never assembled from strings. One entry per update, where an update is one publication date: every
observation published that day (which indicator, which period, which value). Pure and clock-free:
every time in the feed comes from the data.

Decisions, so that feed readers and journalists can rely on them:
- Times: a publication date is a day in Japan, written as midnight Japan time (T00:00:00+09:00).
  The feed's <updated> is the latest publication date.
- Ids: tag URIs (RFC 4151) built from the site's host name, the date and the package name, e.g.
  tag:example.jp,2026-11-28:shimonoseki-civic-activity-plan/changes/2026-11-28. They never change
  when the site is rebuilt or when later updates are added; they change only if the site moves to
  another host name.
- Links are absolute (feed readers do not resolve relative links reliably): the site's published
  address comes from the build's settings (SITE_URL, read once by the command line, as mkdocs.yml's
  `site_url: !ENV [SITE_URL, ...]` reads it, with the same default).
- An entry's content is the list of values as HTML (type="html"): built as an element tree too, then
  serialised into the entry as text, which the writer escapes.
"""

from __future__ import annotations

import datetime
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree as ET

from .model import Site, Update

ATOM = "http://www.w3.org/2005/Atom"
JST = "+09:00"


def render_feed(site: Site) -> bytes:
    base_url = site.base_url
    host = urlsplit(base_url).hostname or "localhost"
    name = quote(site.descriptor.get("name", "plansite"), safe="-._~")
    first = min((u.date for u in site.updates), default=datetime.date(1980, 1, 1))
    updated = site.updated or first
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "ja"})
    add(feed, "id", f"tag:{host},{first.isoformat()}:{name}/changes")
    add(feed, "title", f"{site.name}: データの更新")
    add(feed, "subtitle", f"{site.title}の{site.words['indicator']}の値（現状値・実績値）を掲載・更新したお知らせ。掲載日ごとに1件です。")
    add(feed, "updated", timestamp(updated))
    author = ET.SubElement(feed, "author")
    add(author, "name", site.publisher or site.title)
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": f"{base_url}feed.xml"})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": f"{base_url}changes/"})
    add(feed, "rights", site.licence_title)
    add(feed, "generator", "plansite")
    for update in site.updates:
        feed.append(render_entry(update, base_url, host, name))
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def render_entry(update: Update, base_url: str, host: str, name: str) -> ET.Element:
    entry = ET.Element("entry")
    add(entry, "id", f"tag:{host},{update.anchor}:{name}/changes/{update.anchor}")
    add(entry, "title", update.title)
    add(entry, "updated", timestamp(update.date))
    add(entry, "published", timestamp(update.date))
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": f"{base_url}{update.url}"})
    add(entry, "summary", update.summary)
    add(entry, "content", entry_html(update, base_url), type="html")
    categories = sorted({(c.indicator.indicator_id, c.indicator.name) for c in update.listed})
    for term, label in categories:
        ET.SubElement(entry, "category", {"term": term, "label": label})
    return entry


def entry_html(update: Update, base_url: str) -> str:
    """The values of one update as an HTML fragment: a summary, a list, and where the rest are."""
    root = ET.Element("div")
    add(root, "p", update.summary)
    for report in update.reports:
        line = add(root, "p", "年次報告: ")
        add(line, "a", report.title, href=f"{base_url}{report.page}")
    items = ET.SubElement(root, "ul")
    for c in update.listed:
        item = ET.SubElement(items, "li")
        add(item, "a", c.indicator.name, href=f"{base_url}{c.indicator.page}").tail = (
            f": {c.period} {c.value}（{c.kind}。出典: {c.observation.source}）"
        )
    rest = len(update.changes) - len(update.listed)
    if rest:
        more = add(root, "p", f"ほか{rest}件は")
        add(more, "a", "更新履歴", href=f"{base_url}{update.url}").tail = "をご覧ください。"
    return "".join(ET.tostring(child, encoding="unicode", method="html") for child in root)


def add(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def timestamp(date: datetime.date) -> str:
    return f"{date.isoformat()}T00:00:00{JST}"
