"""Cards: the picture a shared link shows (OGP / Twitter card), one per indicator, per policy and for
the home page, drawn at build time from the same model as the pages (issue 17).

Contract: card_files(site) returns {path under the docs tree: PNG bytes}, 1200 × 630, at the model's
addresses (Site/Policy/Indicator.card_path: assets/cards/home.png, assets/cards/policies/<id>.png,
assets/cards/indicators/<id>.png). *_card_svg() are pure functions of the model returning the SVG a
card is drawn from, every text from the data escaped; *_card_alt() say in words what a card shows,
for og:image:alt. No network, no clock: the same model and fonts give the same bytes.

Drawing is resvg (resvg-py) with Debian's Noto Sans CJK (fonts-noto-cjk), and only those fonts, so
that what else a machine has installed cannot change a glyph. Without the font the data stage stops
with FontMissing, whose message says how to install it.

Cost, and the cache. resvg takes about 40 ms of CPU a card here, some 25 ms of it rasterising and
PNG-encoding alone (benchmarks/RESULTS.md): 1,000 indicators would be 40 s of CPU on every build. So
each PNG is kept in a cache folder (Settings.card_cache: PLANSITE_CACHE, else
$XDG_CACHE_HOME/plansite/cards, else ~/.cache/plansite/cards; cli.py), under a key that is the SHA-256
of everything the pixels depend on: the SVG text, resvg-py's version, each font file's path, size and
modification time, and RENDERER_VERSION (raise it when the drawing options below change). A card
whose SVG is unchanged is read back, not drawn; only the others are drawn, in worker processes from
POOL_FROM of them on. The cache is a memo, not output: this module is the one place besides write.py
that writes to the disk, and only there. Entries are written to a temporary file in the same folder
and renamed (os.replace), so two builds at once never read half a file; an entry that is not a whole
1200 × 630 PNG (every chunk's CRC is checked) is drawn again; a folder that cannot be written is said
once, and the cards are drawn without it. Nothing is ever pruned: the folder can be deleted at any
time, and the next build draws the cards again.

Text is laid out here, not by the renderer: SVG 1.1 has no line wrapping, so a long name is broken
into at most two lines (between any two Japanese characters, never before a closing bracket or
punctuation, never inside a Latin word) and the last line ends in 「…」 when the name is longer still.
Widths are estimated as chart.text_width() does (1 em for kana and kanji, 0.6 em for ASCII), at or
above the real advance of Noto Sans CJK, so an estimate errs on the side of a shorter line.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import itertools
import multiprocessing
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

import resvg_py

from .chart import ACTUAL_COLOUR, Layout, chart_svg, text_width
from .chart import STATUS_SYMBOLS as PAGE_STATUS_SYMBOLS
from .fmt import esc
from .model import Indicator, Policy, Site

WIDTH, HEIGHT = 1200, 630  # the size that Facebook, X and LINE show large (1.91 : 1)
MARGIN = 56
FAMILY = "Noto Sans CJK JP"
TEXT = "#1a1a1a"
MUTED = "#595959"  # 7:1 on white

POOL_FROM = 64  # cards to draw; below this, starting worker processes costs more than it saves
# Part of every cache key: raise it when render_png's options or anything else that changes the
# pixels of an unchanged SVG changes, so that no build reads a PNG drawn the old way
RENDERER_VERSION = 1

# Debian's fonts-noto-cjk (what `make fonts` installs)
FONT_DIR = Path("/usr/share/fonts/opentype/noto")
FONT_FILES = ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc")
FONT_PACKAGE = "fonts-noto-cjk"

# The status badges' colours and symbols, as the pages show them (docs/assets/stylesheets/extra.css,
# chart.STATUS_SYMBOLS): colour plus symbol plus words, never colour alone
STATUS_COLOURS = {  # (text and border, background)
    "achieved": ("#0b5d1e", "#e3f4e6"),
    "on-track": ("#0b5d1e", "#f0f8f1"),
    "slightly-behind": ("#6b4a00", "#fff6d6"),
    "behind": ("#8a3a00", "#fde9dc"),
    "regressing": ("#a01818", "#fde3e3"),
    "not-achieved": ("#a01818", "#fde3e3"),
    "no-data": ("#4a4a4a", "#f0f0f0"),
}
# The pages' symbols, but the multiplication sign × for their ✕ (U+2715), which Noto Sans CJK lacks
STATUS_SYMBOLS = {code: symbol.replace("✕", "×") for code, symbol in PAGE_STATUS_SYMBOLS.items()}
# The small chart on an indicator's card: the page's static chart (chart.chart_svg) at card scale
CARD_CHART = Layout("card", 500, 330, 20, 7, 5, False)

# Characters that may not start a line (a simplified 行頭禁則 of JIS X 4051)
NO_LINE_START = set("、。，．,.)）」』】〕〉》］}｝・：；:;!?！？%％ー～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ…")
# Characters that may not end a line (行末禁則): opening brackets
NO_LINE_END = set("（「『【〔〈《［｛(［{")
# XML 1.0 allows no control character but tab, line feed and carriage return
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class FontMissing(Exception):
    """The Japanese font is not installed: the cards cannot be drawn."""


def card_files(site: Site, workers: int | None = None) -> dict[str, bytes]:
    """Every card of the site as PNG bytes, keyed by its path under the docs tree.

    Cards found in the cache (site.settings.card_cache) are read; the rest are drawn, in `workers`
    processes (default: one per core) from POOL_FROM of them on, since resvg holds the GIL, and
    stored. Each card is drawn alone from its SVG, so the bytes are the same however it was made.
    """
    fonts = find_fonts()  # before anything else: a missing font fails the build at once
    svgs = card_svgs(site)
    cache = CardCache(site.settings.card_cache, fonts)
    pngs = {path: cache.get(svg) for path, svg in svgs.items()}
    missing = [path for path, png in pngs.items() if png is None]
    for path, png in zip(missing, draw([svgs[path] for path in missing], fonts, workers), strict=True):
        pngs[path] = png
        cache.put(svgs[path], png)
    return pngs


def card_svgs(site: Site) -> dict[str, str]:
    """The SVG of every card, keyed by its path: the home page's, each policy's, each indicator's."""
    svgs = {site.card_path: home_card_svg(site)}
    svgs.update({policy.card_path: policy_card_svg(site, policy) for policy in site.policies})
    svgs.update({indicator.card_path: indicator_card_svg(site, indicator) for indicator in site.indicators})
    return svgs


def draw(svgs: list[str], fonts: tuple[str, ...], workers: int | None = None) -> list[bytes]:
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(svgs) < POOL_FROM:
        return [render_png(svg, fonts) for svg in svgs]
    # fork, not spawn or forkserver: those import the main module again in each worker, and the entry
    # scripts (scripts/build_data.py) run the build at import. A forked worker only rasterises: it
    # takes no lock that another thread of the parent (`mkdocs serve`'s) may hold
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(render_png, svgs, itertools.repeat(fonts), chunksize=max(1, len(svgs) // (workers * 4))))


# Alternative texts, for og:image:alt ---------------------------------------------------------------


def indicator_card_alt(site: Site, indicator: Indicator) -> str:
    """What the indicator's card says, in one sentence (plain text; the front matter escapes it)."""
    latest = f"最新の実績値 {indicator.latest_text[0]}（{indicator.latest_text[1]}）" if indicator.latest_text else "実績値は未登録"
    rate = f"、達成率 {indicator.rate_text}" if indicator.evaluation.rate is not None else ""
    return (
        f"{site.name}: {site.words['indicator']}「{indicator.name}」の状況 {site.statuses[indicator.evaluation.status]}{rate}。"
        f"現状値 {indicator.baseline_text[0]}（{indicator.baseline_text[1]}）、{latest}、"
        f"目標値 {indicator.target_text[0]}（{indicator.target_text[1]}）。"
    )


def home_card_alt(site: Site) -> str:
    counts = counts_alt(site, site.indicators) or "なし"
    return f"{site.publisher} {site.name}。{site.words['indicator']} {len(site.indicators)} 指標の状況: {counts}。最終更新 {site.updated_text}。"


def policy_card_alt(site: Site, policy: Policy) -> str:
    counts = counts_alt(site, policy.indicators) or "なし"
    return f"{site.name}: {policy.heading}。{site.words['indicator']} {len(policy.indicators)} 指標の状況: {counts}。"


def counts_alt(site: Site, indicators: list[Indicator]) -> str:
    counts = Counter(i.evaluation.status for i in indicators)
    return "、".join(f"{label} {counts[code]}" for code, label in site.statuses.items() if counts[code])


# The cards as SVG ------------------------------------------------------------------------------------


def indicator_card_svg(site: Site, indicator: Indicator) -> str:
    """Its policy, the name (two lines at most), the status in words with its 達成率, baseline →
    latest → target with their years, and the page's chart, small; the site's name at the foot."""
    e = indicator.evaluation
    inner = WIDTH - 2 * MARGIN
    parts = [
        line_text(indicator.policy.heading, MARGIN, 80, 26, inner, fill=MUTED),
        *lines_text(indicator.name + (f"（{indicator.measure}）" if indicator.measure else ""), MARGIN, 148, 50, 64, inner, 2, bold=True),
        status_pill(site, e.status, MARGIN, 250, 30),
    ]
    if e.rate is not None:
        x = MARGIN + pill_width(site, e.status, 30) + 24
        parts.append(line_text(f"達成率 {indicator.rate_text}", x, 291, 28, WIDTH - MARGIN - CARD_CHART.width - x, bold=True))
    latest = indicator.latest_text or ("未登録", "現状値より後の値はまだありません")
    rows = [("現状値", *indicator.baseline_text), ("最新の実績値", *latest), ("目標値", *indicator.target_text)]
    label_x, value_x, column = MARGIN, MARGIN + 176, 600 - MARGIN - 176
    for i, (label, value, period) in enumerate(rows):
        top = 368 + i * 90
        parts += [
            line_text(label, label_x, top, 24, 170, fill=MUTED),
            fitted_text(value, value_x, top + 4, 36, column, bold=True),
            fitted_text(period, value_x, top + 36, 21, column, fill=MUTED),
        ]
        if i < len(rows) - 1:
            parts.append(f'<path d="M{label_x + 20},{top + 22}v30m-7,-9l7,9l7,-9" stroke="{MUTED}" stroke-width="2" fill="none"/>')
    parts.append(card_chart(indicator, WIDTH - MARGIN - CARD_CHART.width, 238))
    parts.append(footer(site, 604))
    return card(parts)


def card_chart(indicator: Indicator, x: int, y: int) -> str:
    """The page's static chart at card scale, its <svg> element made a group: a nested <svg> is a
    viewport that resvg draws on a layer of its own, about a fifth of a card's time, and the chart
    stays inside its box anyway."""
    svg = chart_svg(indicator, CARD_CHART)
    inner = svg[svg.index(">") + 1 : -len("</svg>")]
    return f'<g transform="translate({x},{y})" font-size="{CARD_CHART.font}">{inner}</g>'


def home_card_svg(site: Site) -> str:
    """The publisher, the site's name, the status of all indicators as a bar and counts, last update."""
    inner = WIDTH - 2 * MARGIN
    parts = [
        line_text(site.publisher, MARGIN, 86, 30, inner, fill=MUTED),
        *lines_text(site.name, MARGIN, 168, 60, 76, inner, 2, bold=True),
        *status_summary(site, site.indicators, 330),
        line_text(f"最終更新 {site.updated_text}", MARGIN, 604, 24, inner / 2, fill=MUTED),
    ]
    return card(parts)


def policy_card_svg(site: Site, policy: Policy) -> str:
    """The site's name, the policy's heading, the status of its indicators, its number of actions."""
    inner = WIDTH - 2 * MARGIN
    parts = [
        line_text(site.name, MARGIN, 86, 28, inner, fill=MUTED),
        *lines_text(policy.heading, MARGIN, 168, 56, 72, inner, 2, bold=True),
        *status_summary(site, policy.indicators, 330, f"この{site.words['policy']}には{site.words['indicator']}がありません"),
        footer(site, 604),
    ]
    if policy.actions:
        parts.append(line_text(f"{site.words['action']} {len(policy.actions)} 件", MARGIN, 604, 24, 300, fill=MUTED))
    return card(parts)


def card(parts: list[str]) -> str:
    return "".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'font-family="{FAMILY}" lang="ja">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<rect width="{WIDTH}" height="14" fill="{ACTUAL_COLOUR}"/>',
        *parts,
        "</svg>",
    ])


def footer(site: Site, baseline: int) -> str:
    """The site's name, right-aligned at the foot: where the picture comes from."""
    return line_text(site.name, WIDTH - MARGIN, baseline, 22, WIDTH / 2, fill=MUTED, anchor="end")


def status_pill(site: Site, code: str, x: float, top: float, size: int) -> str:
    colour, background = STATUS_COLOURS[code]
    width, height = pill_width(site, code, size), size + 26
    return (
        f'<rect x="{x}" y="{top}" width="{width}" height="{height}" rx="8" fill="{background}" stroke="{colour}" stroke-width="2"/>'
        f'<text x="{x + 18}" y="{top + size + 6}" font-size="{size}" font-weight="700" fill="{colour}">'
        f"{esc(clean(STATUS_SYMBOLS[code] + ' ' + site.statuses[code]))}</text>"
    )


def pill_width(site: Site, code: str, size: int) -> int:
    return round(text_width(clean(STATUS_SYMBOLS[code] + " " + site.statuses[code]), size)) + 36


def status_summary(site: Site, indicators: list[Indicator], top: int, empty: str = "") -> list[str]:
    """「成果指標 N 指標の状況」, a bar split by status (each part with its symbol and count), and a
    legend of the statuses present with their counts, in the order the pages list them."""
    inner = WIDTH - 2 * MARGIN
    counts = Counter(i.evaluation.status for i in indicators)
    present = [code for code in site.statuses if counts[code]]
    parts = [line_text(f"{site.words['indicator']} {len(indicators)} 指標の状況", MARGIN, top, 30, inner, bold=True)]
    if not present:
        return [*parts, line_text(empty, MARGIN, top + 70, 28, inner, fill=MUTED)]
    x, bar_top, bar_height = float(MARGIN), top + 24, 64
    for code in present:
        colour, background = STATUS_COLOURS[code]
        width = inner * counts[code] / len(indicators)
        parts.append(f'<rect x="{x:.1f}" y="{bar_top}" width="{width:.1f}" height="{bar_height}" fill="{background}" stroke="{colour}" stroke-width="2"/>')
        label = f"{STATUS_SYMBOLS[code]} {counts[code]}"
        if text_width(label, 28) + 16 <= width:
            parts.append(f'<text x="{x + width / 2:.1f}" y="{bar_top + 43}" font-size="28" font-weight="700" fill="{colour}" text-anchor="middle">{esc(label)}</text>')
        x += width
    # The legend: as many per line as fit, then the next line (seven statuses fit in two)
    x, baseline = float(MARGIN), bar_top + bar_height + 62
    for code in present:
        colour, _ = STATUS_COLOURS[code]
        label = clean(f"{STATUS_SYMBOLS[code]} {site.statuses[code]} {counts[code]}")
        width = text_width(label, 28) + 40
        if x + width > WIDTH - MARGIN:
            x, baseline = float(MARGIN), baseline + 52
        parts.append(f'<text x="{x:.1f}" y="{baseline}" font-size="28" fill="{colour}">{esc(label)}</text>')
        x += width
    return parts


# Text layout -----------------------------------------------------------------------------------------


def line_text(text: str, x: float, y: float, size: int, width: float, fill: str = TEXT,
              bold: bool = False, anchor: str = "start") -> str:
    """One line of text, shortened with 「…」 to fit `width`."""
    attributes = ' font-weight="700"' if bold else ""
    attributes += f' text-anchor="{anchor}"' if anchor != "start" else ""
    shown = ellipsize(clean(text), width, size)
    return f'<text x="{x}" y="{y}" font-size="{size}" fill="{fill}"{attributes}>{esc(shown)}</text>'


def fitted_text(text: str, x: float, y: float, size: int, width: float, fill: str = TEXT,
                bold: bool = False) -> str:
    """One line of text in a smaller size if it must, so that a number or a year is never cut short;
    shortened with 「…」 only below two thirds of the size."""
    estimate = text_width(clean(text), size)
    shown = max(size * 2 // 3, min(size, int(size * width / estimate))) if estimate else size
    return line_text(text, x, y, shown, width, fill=fill, bold=bold)


def lines_text(text: str, x: float, y: float, size: int, leading: int, width: float,
               max_lines: int, bold: bool = False) -> list[str]:
    """Text wrapped into at most max_lines lines, the first baseline at y."""
    return [line_text(line, x, y + i * leading, size, width, bold=bold)
            for i, line in enumerate(wrap(clean(text), width, size, max_lines))]


def clean(text: str) -> str:
    """One line of printable text: control characters out (XML forbids them), spaces collapsed."""
    return " ".join(CONTROL.sub("", text).split())


def wrap(text: str, width: float, size: int, max_lines: int) -> list[str]:
    """Break text into lines of at most `width`; the last allowed line ends in 「…」 if text remains.

    A line breaks after a space or between any two characters, except before a character that may
    not start a line (、。」 and the like) or after one that may not end it (「（). A Latin word is not split unless it alone is too long.
    """
    lines: list[str] = []
    rest = text
    while rest and len(lines) < max_lines:
        if text_width(rest, size) <= width:
            lines.append(rest)
            return lines
        if len(lines) == max_lines - 1:
            lines.append(ellipsize(rest, width, size))
            return lines
        cut = break_point(rest, fitting(rest, width, size))
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return lines


def fitting(text: str, width: float, size: int) -> int:
    """How many leading characters of text fit in width (at least one)."""
    used = 0.0
    for i, character in enumerate(text):
        used += text_width(character, size)
        if used > width:
            return max(i, 1)
    return len(text)


def break_point(text: str, cut: int) -> int:
    """Move a break at `cut` back so that the next line does not start with a forbidden character
    or the line end with an opening bracket, and a run of ASCII letters or digits is not split (unless
    nothing else is possible)."""
    position = cut
    while position > 1 and (text[position] in NO_LINE_START or text[position - 1] in NO_LINE_END
                            or (is_word(text[position - 1]) and is_word(text[position]))):
        position -= 1
    return position if position > 1 else cut


def is_word(character: str) -> bool:
    return character.isascii() and character.isalnum()


def ellipsize(text: str, width: float, size: int) -> str:
    if text_width(text, size) <= width:
        return text
    return text[:fitting(text, width - text_width("…", size), size)].rstrip() + "…"


# Rasterising -----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def find_fonts() -> tuple[str, ...]:
    """The regular and bold Noto Sans CJK files: Debian's place first, else where fontconfig says."""
    found = [FONT_DIR / name for name in FONT_FILES]
    if all(path.is_file() for path in found):
        return tuple(str(path) for path in found)
    if shutil.which("fc-match"):
        located = []
        for style in ("Regular", "Bold"):
            result = subprocess.run(["fc-match", "--format=%{file}", f"{FAMILY}:style={style}"],
                                    capture_output=True, text=True, check=False)
            path = Path(result.stdout.strip())
            if result.returncode == 0 and path.name in FONT_FILES and path.is_file():
                located.append(str(path))
        if len(located) == len(FONT_FILES):
            return tuple(located)
    raise FontMissing(
        f"共有用の画像（カード）を描く日本語フォント {FAMILY} が見つかりません"
        f"（探した場所: {FONT_DIR}/ の {FONT_FILES[0]} と {FONT_FILES[1]}、fontconfig）。"
        f"Debian・Ubuntu では `make fonts`（または `sudo apt-get install -y {FONT_PACKAGE}`）で入れてから、もう一度実行してください。"
    )


def render_png(svg: str, fonts: tuple[str, ...] | None = None) -> bytes:
    """The SVG as a PNG of its own size, with only the given fonts (never the machine's others, so
    that what is installed besides cannot change a glyph)."""
    fonts = fonts or find_fonts()
    return bytes(resvg_py.svg_to_bytes(
        svg_string=svg, skip_system_fonts=True, font_files=list(fonts), font_family=FAMILY,
        sans_serif_family=FAMILY, background="#ffffff", languages=["ja"],
    ))


# The cache -------------------------------------------------------------------------------------------


class CardCache:
    """PNGs already drawn, by the key of what they were drawn from (see the module's docstring).

    folder None: nothing is kept. Reading never fails the build (an unreadable or broken entry is a
    miss), and neither does writing: the first failed write is said once, on stderr.
    """

    def __init__(self, folder: Path | None, fonts: tuple[str, ...]) -> None:
        self.folder = folder
        self.said = False
        digest = hashlib.sha256(f"plansite card {RENDERER_VERSION}\0resvg-py {importlib.metadata.version('resvg-py')}\0".encode())
        for font in fonts:
            status = os.stat(font)
            digest.update(f"{font}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
        self.salt = digest

    def key(self, svg: str) -> str:
        digest = self.salt.copy()
        digest.update(svg.encode("utf-8"))
        return digest.hexdigest()

    def get(self, svg: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            content = (self.folder / f"{self.key(svg)}.png").read_bytes()
        except OSError:  # not there yet, or unreadable: draw it
            return None
        return content if whole_png(content) else None

    def put(self, svg: str, png: bytes) -> None:
        """Store a PNG: whole or not at all. A failure is said once; later cards are still tried (a
        failed attempt costs microseconds, and one entry in the way must not stop the others)."""
        if self.folder is None:
            return
        temporary = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.folder, prefix=".", suffix=".tmp", delete=False) as file:
                temporary = file.name
                file.write(png)
            os.replace(temporary, self.folder / f"{self.key(svg)}.png")
        except OSError as error:
            if temporary:
                Path(temporary).unlink(missing_ok=True)
            if not self.said:
                self.said = True
                print(f"注意: カード画像のキャッシュ {self.folder} に書き込めません（{error.strerror or error}）。"
                      "書き込めない画像はキャッシュせずに描きます（結果は同じで、時間がかかるだけです）。"
                      "別のフォルダを使うには環境変数 PLANSITE_CACHE か --cache で指定してください。", file=sys.stderr)


def whole_png(content: bytes) -> bool:
    """A complete 1200 × 630 PNG: the signature, then chunks whose CRCs hold, ending in IEND."""
    if not content.startswith(PNG_SIGNATURE) or content[12:16] != b"IHDR":
        return False
    if struct.unpack(">II", content[16:24]) != (WIDTH, HEIGHT):
        return False
    position = len(PNG_SIGNATURE)
    while position + 12 <= len(content):
        (length,) = struct.unpack(">I", content[position:position + 4])
        end = position + 12 + length
        if end > len(content):
            return False
        kind = content[position + 4:position + 8]
        if zlib.crc32(content[position + 4:end - 4]) != struct.unpack(">I", content[end - 4:end])[0]:
            return False
        if kind == b"IEND":
            return end == len(content)
        position = end
    return False
