"""The parts behind the generated pages: templates, scripts and fonts, exhibit lists, map layout."""

from __future__ import annotations

import string
import tomllib
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest

from importer_app.bundle.pages import arabic, fonts
from importer_app.bundle.pages.facts import exhibit_list
from importer_app.bundle.pages.templates import (
    Template,
    TemplateError,
    load_template,
    template_dir,
)
from importer_app.core.catalog import Catalog

TEMPLATES = sorted(path.stem for path in template_dir().glob("*.toml"))


def _strings(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, f"{path}[{index}]")


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_cites_known_sources_and_declares_its_placeholders(name: str, catalog: Catalog) -> None:
    template = load_template(name)
    assert template.sources and all(tag.split("-")[0] in catalog.sources for tag in template.sources)
    assert all(tag in catalog.sources for tags in template.regime_sources.values() for tag in tags)
    assert template.as_of <= catalog.as_of
    with (template_dir() / f"{name}.toml").open("rb") as stream:
        assert "meta" in tomllib.load(stream)
    for where, text in _strings(dict(template.data)):
        used = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
        assert used <= template.placeholders, (where, used - template.placeholders)


def test_a_template_refuses_unknown_placeholders_and_missing_values() -> None:
    template = Template("t", "T", load_template("bundle").as_of, ("S02",), frozenset({"a"}),
                        {"x": "{a} and {b}", "y": "{a}"})
    with pytest.raises(TemplateError, match=r"unknown placeholder \{b\}"):
        template.text("x", values={"a": "1", "b": "2"})
    with pytest.raises(TemplateError, match=r"no value for \{a\}"):
        template.text("y")
    with pytest.raises(TemplateError, match="missing"):
        template.text("z")
    assert template.para("y", values={"a": "R&D <Ltd>"}) == "R&amp;D &lt;Ltd&gt;"


def test_arabic_is_shaped_and_put_in_visual_order() -> None:
    shaped = arabic.visual("شركة النور")
    # Visual order: the last word first, each word's letters reversed, joined forms; the space
    # between them does not break, so a line cannot split the name in the wrong order.
    assert shaped == "\ufead\ufeee\ufee8\ufedf\ufe8d\u00a0\ufe94\ufedb\ufeae\ufeb7"
    assert unicodedata.normalize("NFKC", shaped)[::-1] == "شركة النور"


def test_arabic_inside_latin_text_keeps_the_latin_in_place() -> None:
    shaped = arabic.visual("Nile Co. (النيل) Ltd")
    assert shaped.startswith("Nile Co. (") and shaped.endswith(") Ltd")
    assert unicodedata.normalize("NFKC", shaped[10:-5])[::-1] == "النيل"
    assert arabic.visual("Công ty Dệt") == "Công ty Dệt"


def test_numbers_in_arabic_text_read_left_to_right() -> None:
    shaped = arabic.visual("مصنع 2026")
    assert shaped.startswith("2026\u00a0")
    assert unicodedata.normalize("NFKC", shaped[5:])[::-1] == "مصنع"


def test_lam_alef_becomes_its_ligature() -> None:
    assert arabic.visual("لا") == "\ufefb"


def test_each_run_of_a_script_gets_its_font() -> None:
    assert {fonts.script_font(char) for char in "江苏恒远株式会社トウキョウ"} == {fonts.CJK}
    assert {fonts.script_font(char) for char in "대한섬유"} == {fonts.HANGUL}
    assert {fonts.script_font(char) for char in "สยาม"} == {fonts.THAI}
    assert {fonts.script_font(char) for char in "ក្រុមហ៊ុន"} == {fonts.KHMER}
    assert {fonts.script_font(char) for char in "भारत"} == {fonts.DEVANAGARI}
    assert {fonts.script_font(char) for char in "Dệt Ωмشركة"} == {None}
    assert list(fonts.runs("Hengyuan 恒远 Co. 대한 Ltd.", bold=True)) == [
        (fonts.SANS_BOLD, "Hengyuan "), (fonts.CJK, "恒远"), (fonts.SANS_BOLD, " Co. "), (fonts.HANGUL, "대한"),
        (fonts.SANS_BOLD, " Ltd.")]
    assert fonts.markup("A 恒 & B") == f'A <font name="{fonts.CJK}">恒</font> &amp; B'


def test_wrap_keeps_every_word_and_respects_the_width() -> None:
    fonts.register()
    lines = fonts.wrap("Công ty TNHH Dệt Kim Lam Thủy and Kestrel Delta Spinning JSC", 7.5, 100, max_lines=9)
    assert " ".join(lines) == "Công ty TNHH Dệt Kim Lam Thủy and Kestrel Delta Spinning JSC"
    assert all(fonts.width(line, 7.5) <= 100 for line in lines)
    assert fonts.wrap("word " * 40, 7.5, 60, max_lines=2)[-1].endswith("…")


def test_exhibit_lists_read_as_ranges_in_order() -> None:
    assert exhibit_list(["3.2", "1.1", "1.2", "1.3", "3.4", "10.1", "3.3"]) == "1.1–1.3, 3.2–3.4, 10.1"
    assert exhibit_list(["2.1", "2.3"]) == "2.1, 2.3"
    assert exhibit_list([]) == ""
