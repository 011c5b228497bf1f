"""Share cards (issue 17): one 1200 × 630 PNG per indicator, per policy and for the home page, the same
bytes however they are made (drawn, drawn in workers, read from the cache, drawn again after the cache
broke), text from the data escaped and laid out in the SVG they are drawn from, and a clerk told what
to install when the font is missing.

The site's own pages carrying the cards (og:image on the built sites) are tested in test_share.py.
"""

from __future__ import annotations

import dataclasses
import os
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mutations import VALID, copy_fixture
from packages import read_site
from plansite import card
from plansite.cli import main as build_data
from plansite.model import Settings, Site
from sites import PACKAGES

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>&amp;\"'"


@pytest.fixture(scope="module")
def site() -> Site:
    return read_site(VALID)


@pytest.fixture(scope="module")
def cold(site: Site) -> dict[str, bytes]:
    """Every card of the fixture drawn without a cache."""
    return card.card_files(site)


def with_cache(site: Site, folder: Path) -> Site:
    site.settings = Settings(site_url=site.settings.site_url, card_cache=folder)
    return site


def png_size(content: bytes) -> tuple[int, int]:
    """Width and height from the PNG signature and IHDR chunk, as a browser reads them."""
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", content[8:16])
    assert (length, kind) == (13, b"IHDR")
    return struct.unpack(">II", content[16:24])


def texts(svg: str) -> list[str]:
    """The text of every <text> element, as an XML parser reads it (entities resolved)."""
    root = ET.fromstring(svg)
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def cards_in(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted((folder / "assets" / "cards").rglob("*.png"))}


# What comes out --------------------------------------------------------------------------------------


def test_every_card_is_a_whole_1200_by_630_png_at_its_address(site: Site, cold: dict[str, bytes]) -> None:
    expected = {"assets/cards/home.png"} | {f"assets/cards/policies/{p.policy_id}.png" for p in site.policies} | {
        f"assets/cards/indicators/{i.indicator_id}.png" for i in site.indicators}
    assert set(cold) == expected
    for path, content in cold.items():
        assert png_size(content) == (1200, 630), path
        assert card.whole_png(content), path


def test_two_data_stage_runs_give_the_same_cards(tmp_path: Path) -> None:
    """Two runs of build_data.py, each with a cache of its own (both cold): byte-identical cards."""
    for run in ("a", "b"):
        assert build_data(["--data", str(VALID), "--out", str(tmp_path / run), "--cache", str(tmp_path / f"cache-{run}")]) == 0
    first, second = cards_in(tmp_path / "a" / "docs"), cards_in(tmp_path / "b" / "docs")
    assert first == second and len(first) == 1 + 2 + 3  # home, policies, indicators of the fixture
    assert len(list((tmp_path / "cache-a").glob("*.png"))) == len(first)


def test_cards_drawn_in_worker_processes_are_the_same_bytes(site: Site, cold: dict[str, bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(card, "POOL_FROM", 2)
    assert card.card_files(site, workers=2) == cold


# The cache -------------------------------------------------------------------------------------------


def test_a_cache_hit_gives_the_bytes_of_a_cold_draw(cold: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = with_cache(read_site(VALID), tmp_path / "cache")
    assert card.card_files(site) == cold  # fills the cache
    assert len(list((tmp_path / "cache").glob("*.png"))) == len(cold)
    assert not list((tmp_path / "cache").glob(".*"))  # no temporary file left behind

    def no_drawing(*args: object) -> bytes:
        raise AssertionError("a card was drawn, not read from the cache")

    monkeypatch.setattr(card, "render_png", no_drawing)
    assert card.card_files(site) == cold


def test_only_a_changed_card_is_drawn_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = with_cache(read_site(VALID), tmp_path / "cache")
    card.card_files(site)
    site.indicators[0].name = "名前を変えた指標"
    drawn: list[str] = []
    render = card.render_png
    monkeypatch.setattr(card, "render_png", lambda svg, fonts=None: drawn.append(svg) or render(svg, fonts))
    files = card.card_files(site)
    assert len(drawn) == 1 and "名前を変えた指標" in "".join(texts(drawn[0]))
    assert files[site.indicators[0].card_path] == card.render_png(drawn[0])


def test_a_broken_cache_entry_is_drawn_again(cold: dict[str, bytes], tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    site = with_cache(read_site(VALID), folder)
    card.card_files(site)
    entries = sorted(folder.glob("*.png"))
    entries[0].write_bytes(entries[0].read_bytes()[:1000])  # cut short, as by a full disk
    flipped = bytearray(entries[1].read_bytes())
    flipped[len(flipped) // 2] ^= 0xFF  # one byte changed inside the image data
    entries[1].write_bytes(bytes(flipped))
    entries[2].write_bytes(b"")
    entries[3].unlink()
    entries[3].mkdir()  # not even a file: unreadable
    assert card.card_files(site) == cold
    assert all(card.whole_png(entry.read_bytes()) for entry in entries[:3])  # mended; the folder in the way stays


def test_an_unwritable_cache_folder_is_said_once_and_the_cards_are_drawn(
    cold: dict[str, bytes], tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "file").write_text("a file, not a folder")
    site = with_cache(read_site(VALID), tmp_path / "file" / "cards")
    assert card.card_files(site) == cold
    said = capsys.readouterr().err
    assert said.count("キャッシュ") >= 1 and said.count("\n") == 1, said
    assert str(tmp_path / "file" / "cards") in said


def test_the_cache_key_changes_with_the_font_file(tmp_path: Path) -> None:
    """A font upgrade (a new file, or the same path with another size or time) never reads a PNG
    drawn with the old font; so does a change of the SVG."""
    font = tmp_path / "font.ttc"
    font.write_bytes(b"glyphs")
    before = card.CardCache(tmp_path, (str(font),)).key("<svg/>")
    assert card.CardCache(tmp_path, (str(font),)).key("<svg/>") == before
    assert card.CardCache(tmp_path, (str(font),)).key("<svg></svg>") != before
    os.utime(font, ns=(1, 1))
    assert card.CardCache(tmp_path, (str(font),)).key("<svg/>") != before


def test_the_cache_folder_comes_from_the_option_then_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from plansite.settings import settings

    monkeypatch.setenv("PLANSITE_CACHE", str(tmp_path / "env"))
    assert settings(cache=tmp_path / "option").card_cache == tmp_path / "option"
    assert settings().card_cache == tmp_path / "env"
    monkeypatch.delenv("PLANSITE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert settings().card_cache == tmp_path / "xdg" / "plansite" / "cards"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert settings().card_cache == tmp_path / "home" / ".cache" / "plansite" / "cards"
    # not part of the fingerprint: the output does not depend on where the cache is
    assert repr(settings(cache=tmp_path / "a")) == repr(settings(cache=tmp_path / "b"))


# The missing font ------------------------------------------------------------------------------------


def test_a_missing_font_stops_the_data_stage_with_a_japanese_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    card.find_fonts.cache_clear()
    monkeypatch.setattr(card, "FONT_DIR", tmp_path / "no-fonts")
    monkeypatch.setattr(card.shutil, "which", lambda name: None)  # no fontconfig either
    try:
        with pytest.raises(card.FontMissing, match="fonts-noto-cjk"):
            card.find_fonts()
        assert build_data(["--data", str(VALID), "--out", str(tmp_path / "out")]) == 2
    finally:
        card.find_fonts.cache_clear()
    said = capsys.readouterr().err
    assert "日本語フォント" in said and "sudo apt-get install -y fonts-noto-cjk" in said and "make fonts" in said
    assert "内部エラー" not in said and "Traceback" not in said
    assert not (tmp_path / "out").exists()  # nothing written


# What the cards say ----------------------------------------------------------------------------------


def test_indicator_card_says_name_status_and_the_three_values_with_years(site: Site) -> None:
    for indicator in site.indicators:
        shown = texts(card.indicator_card_svg(site, indicator))
        assert indicator.name in "".join(shown)
        assert any(site.statuses[indicator.evaluation.status] in text for text in shown)
        assert indicator.policy.heading in shown
        for value, period in [indicator.baseline_text, indicator.target_text]:
            assert value in shown and period in shown
        if indicator.latest_text is None:
            assert "未登録" in shown
        else:
            assert indicator.latest_text[0] in shown and indicator.latest_text[1] in shown
            assert f"達成率 {indicator.rate_text}" in shown


def test_home_and_policy_cards_count_the_statuses(site: Site) -> None:
    home = texts(card.home_card_svg(site))
    assert site.name in "".join(home)
    assert f"成果指標 {len(site.indicators)} 指標の状況" in home
    for code, label in site.statuses.items():
        count = sum(i.evaluation.status == code for i in site.indicators)
        assert any(text.endswith(f"{label} {count}") for text in home) == (count > 0), label
    for policy in site.policies:
        shown = texts(card.policy_card_svg(site, policy))
        assert policy.heading in "".join(shown)
        assert f"成果指標 {len(policy.indicators)} 指標の状況" in shown


def test_the_plans_own_words_are_on_the_cards(tmp_path: Path) -> None:
    """A plan that says 施策目標 and 達成度指標 and relabels a status sees its words (design §10)."""
    package = copy_fixture(VALID, tmp_path / "package")
    descriptor = (package / "datapackage.json").read_text(encoding="utf-8")
    descriptor = descriptor.replace('"plan": {', '"vocabulary": {"policy": "施策目標", "indicator": "達成度指標"}, "status": {"labels": {"on-track": "計画どおり"}}, "plan": {', 1)
    (package / "datapackage.json").write_text(descriptor, encoding="utf-8")
    site = read_site(package)
    assert site.words["indicator"] == "達成度指標" and site.statuses["on-track"] == "計画どおり"
    home = "".join(texts(card.home_card_svg(site)))
    assert "達成度指標" in home and "成果指標" not in home
    on_track = next(i for i in site.indicators if i.evaluation.status == "on-track")
    shown = "".join(texts(card.indicator_card_svg(site, on_track)))
    assert "計画どおり" in shown and "施策目標" in shown and "順調" not in shown
    assert "計画どおり" in card.indicator_card_alt(site, on_track)


def test_alt_texts_say_what_the_cards_show(site: Site) -> None:
    for indicator in site.indicators:
        alt = card.indicator_card_alt(site, indicator)
        assert indicator.name in alt and site.statuses[indicator.evaluation.status] in alt
        assert all(text in alt for text in indicator.target_text + indicator.baseline_text)
    assert site.name in card.home_card_alt(site) and f"{len(site.indicators)} 指標" in card.home_card_alt(site)
    for policy in site.policies:
        assert policy.heading in card.policy_card_alt(site, policy)


# Text from the data, and its layout ------------------------------------------------------------------


def test_text_from_the_data_is_escaped() -> None:
    site = read_site(VALID)  # its own: the names are changed
    indicator = site.indicators[0]
    indicator.name = indicator.measure = HOSTILE
    indicator.policy.heading = HOSTILE
    site.config = dataclasses.replace(site.config, site_name=HOSTILE)
    site.descriptor = {**site.descriptor, "publisher": {"name": HOSTILE}}
    for svg in (card.indicator_card_svg(site, indicator), card.policy_card_svg(site, indicator.policy), card.home_card_svg(site)):
        root = ET.fromstring(svg)  # well-formed XML, whatever the names hold
        assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
        assert any(HOSTILE[:20] in text for text in texts(svg))
        assert png_size(card.render_png(svg)) == (1200, 630)


def test_control_characters_do_not_break_the_svg() -> None:
    site = read_site(VALID)
    indicator = site.indicators[0]
    indicator.name, indicator.measure = "協働\x00の\x0b認知度\x1f", ""
    assert "協働の認知度" in texts(card.indicator_card_svg(site, indicator))


def test_long_names_wrap_into_two_lines_and_end_in_an_ellipsis() -> None:
    name = "市民協働参画（パートナーシップ）認知度と地域コミュニティ活動への参加率、ならびにボランティア活動の経験率の推移"
    lines = card.wrap(name, 1088, 50, 2)
    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert all(card.text_width(line, 50) <= 1088 for line in lines)
    assert name.startswith(lines[0] + lines[1][:-1])
    assert card.wrap("中間支援団体数", 1088, 50, 2) == ["中間支援団体数"]  # a short name stays whole


def test_a_long_name_on_the_card_is_two_lines() -> None:
    site = read_site(VALID)
    indicator = site.indicators[0]
    indicator.name, indicator.measure = "地域" * 40, ""
    root = ET.fromstring(card.indicator_card_svg(site, indicator))
    names = [element.text or "" for element in root.iter(f"{SVG}text") if element.get("font-size") == "50"]
    assert len(names) == 2 and names[1].endswith("…")
    assert ("".join(names)[:-1]) == indicator.name[: len("".join(names)) - 1]


def test_no_line_starts_with_closing_punctuation() -> None:
    # 12 characters fit; the 13th is 」, which must not start the second line
    text = "一二三四五六七八九十一二」三四五"
    lines = card.wrap(text, 12 * 50, 50, 2)
    assert len(lines) == 2 and not lines[1].startswith("」")
    assert "".join(lines) == text


def test_no_line_ends_with_an_opening_bracket() -> None:
    # 12 characters fit; the 12th is （, which must go down with what it opens
    text = "一二三四五六七八九十一（認知度）"
    lines = card.wrap(text, 12 * 50, 50, 2)
    assert len(lines) == 2 and not lines[0].endswith("（") and lines[1].startswith("（")
    assert "".join(lines) == text


def test_a_latin_word_is_not_split() -> None:
    lines = card.wrap("市民活動 Partnership Programme の参加者数と登録団体数", 14 * 30, 30, 3)
    assert all(not line.endswith("Partner") for line in lines)
    assert " ".join(lines).replace("  ", " ").startswith("市民活動 Partnership")


def test_values_and_years_shrink_rather_than_being_cut() -> None:
    long = "2019年度（平成31年度・令和元年度）"
    element = ET.fromstring(card.fitted_text(long, 0, 0, 21, 300))
    assert element.text == long
    assert int(element.get("font-size")) < 21
    assert card.text_width(long, int(element.get("font-size"))) <= 300


@pytest.mark.parametrize("name", sorted(PACKAGES))
def test_every_package_of_the_tests_has_its_cards(name: str) -> None:
    site = read_site(PACKAGES[name])
    svgs = card.card_svgs(site)
    assert len(svgs) == 1 + len(site.policies) + len(site.indicators)
    assert all(ET.fromstring(svg).get("width") == "1200" for svg in svgs.values())


def test_every_symbol_and_character_of_the_cards_has_a_glyph_in_the_font() -> None:
    """A character that Noto Sans CJK lacks is drawn as the same empty box (.notdef) whatever it is:
    the symbols, the arrows and the ellipsis must not look like a character the font surely lacks."""

    def drawn(text: str) -> bytes:
        return card.render_png(card.card([f'<text x="56" y="300" font-size="60">{text}</text>']))

    missing = drawn("\U0001fb00")  # a block-sextant character, in no CJK font
    assert drawn("\U0001fb01") == missing  # the comparison works: two lacking characters look alike
    for symbol in {*card.STATUS_SYMBOLS.values(), "…", "年", "%", "（"}:
        assert drawn(symbol) != missing, symbol
