"""Formatting for a Japanese reader: years in both calendars, numbers with their units.

Pure functions; the templates use them (as filters) so that every page writes a year or a value the
same way.
"""

from __future__ import annotations

import html
import re

# (first western year of the era, name); a year is named by the era in force for most of it,
# except 2019, which the plan (written before May 2019) calls 平成31 and we show in both eras.
ERAS = ((2019, "令和"), (1989, "平成"), (1926, "昭和"), (1912, "大正"), (1868, "明治"))


def era_year(year: int) -> str:
    """2014 → 平成26, 2020 → 令和2 (2019 is format_period's own case)."""
    for start, name in ERAS:
        if year >= start:
            number = year - start + 1
            return f"{name}{'元' if number == 1 else number}"
    return str(year)


def format_period(year: int, period_type: str) -> str:
    """「2014年度（平成26年度）」 or 「2014年（平成26年）」 (design §2)."""
    if year == 2019:
        return f"2019{period_type}（平成31{period_type}・令和元{period_type}）"
    return f"{year}{period_type}（{era_year(year)}{period_type}）"


def format_number(value: float) -> str:
    """28239 → 28,239; 10.6 → 10.6; 15.0 → 15 (no trailing zeros, no float noise)."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.10g}" if abs(value) < 1e15 else f"{value:,}"


def format_value(value: float, unit: str) -> str:
    """Value with its unit as the plan writes it: 10.6%, 254団体, 28,239人."""
    return f"{format_number(value)}{unit}"


def format_percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:,.1f}%"


def format_date(date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


# The first day of each era (元年), for dates written in both calendars
ERA_DAYS = (((2019, 5, 1), "令和"), ((1989, 1, 8), "平成"), ((1926, 12, 25), "昭和"), ((1912, 7, 30), "大正"))


def format_date_both(date) -> str:
    """2019-09-30 → 「2019年9月30日（令和元年9月30日）」: a date as the city's documents write it, too."""
    for (year, month, day), name in ERA_DAYS:
        if (date.year, date.month, date.day) >= (year, month, day):
            number = date.year - year + 1
            return f"{format_date(date)}（{name}{'元' if number == 1 else number}年{date.month}月{date.day}日）"
    return format_date(date)


def esc(value: object) -> str:
    """Escape text from the data for HTML (a name containing <script> shows as text)."""
    return html.escape(str(value), quote=True)


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=:])")


def md(value: object) -> str:
    """Escape text from the data for a Markdown line (HTML first, then Markdown's own syntax)."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=False))
