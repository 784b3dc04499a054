"""Names in every script a supplier writes in print in embedded fonts and extract as typed.

Checked with poppler (pdftotext, pdffonts), the tools a reviewer's viewer is closest to, on
the executive summary and on a request letter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from page_builders import big_case
from page_subjects import Subject, make_subject, normalise

from importer_app.bundle.pages.cover import cover_letter
from importer_app.bundle.pages.evidence_response import evidence_response
from importer_app.bundle.pages.forms import forms_section
from importer_app.bundle.pages.section import GeneratedSection
from importer_app.bundle.pages.summary import executive_summary
from importer_app.bundle.pages.supply_map import supply_chain_map
from importer_app.bundle.pages.request_letter import request_letter
from importer_app.core.catalog import Catalog

NAMES = {
    "Chinese": "江苏恒远纺织有限公司",
    "Japanese": "株式会社トウキョウ精紡",
    "Korean": "대한섬유 주식회사",
    "Vietnamese": "Công ty TNHH Dệt May Phước Thịnh",
    "Thai": "บริษัท สยามสิ่งทอ จำกัด",
    "Khmer": "ក្រុមហ៊ុន វាយនភណ្ឌ អង្គរ",
    "Arabic": "شركة النيل للأقطان",
    "Devanagari": "भारत वस्त्र उद्योग",
}


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install poppler-utils)")
    return found


@pytest.fixture(scope="module")
def scripts_subject(catalog: Catalog) -> Subject:
    """The 30-company case with one supplier named in each script."""
    case = big_case("uflpa-applicability")
    entities = list(case.entities)
    for index, name in enumerate(NAMES.values(), start=1):
        entities[index] = dataclasses.replace(entities[index], name_local=name)
    return make_subject("scripts", dataclasses.replace(case, entities=tuple(entities)), catalog)


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "text.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True)
    return normalise(out.stdout)


def pdffonts(pdf: bytes, tmp_path: Path) -> list[tuple[str, bool]]:
    """``(name, embedded)`` of every font pdffonts lists."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([_tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        words = line.split()
        # name, type (one or two words), encoding, emb, sub, uni, object, generation
        rows.append((words[0], words[-5] == "yes"))
    return rows


def assert_fonts_embedded_with_distinct_tags(pdf: bytes, tmp_path: Path) -> None:
    fonts = pdffonts(pdf, tmp_path)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert not [name for name, _ in fonts if "Helvetica" in name]
    tags = [name.split("+", 1)[0] for name, _ in fonts]
    assert all(len(tag) == 6 and tag.isupper() for tag in tags), tags
    assert len(set(tags)) == len(tags), tags


@pytest.mark.parametrize("script", NAMES)
def test_a_name_in_any_script_extracts_from_the_summary(scripts_subject: Subject, script: str,
                                                        tmp_path: Path) -> None:
    text = _text(executive_summary(*scripts_subject.args).pdf, tmp_path)
    assert normalise(NAMES[script]) in text


def test_the_summary_embeds_every_font_under_its_own_tag(scripts_subject: Subject, tmp_path: Path) -> None:
    pdf = executive_summary(*scripts_subject.args).pdf
    assert_fonts_embedded_with_distinct_tags(pdf, tmp_path)
    names = {name.split("+", 1)[1] for name, _ in pdffonts(pdf, tmp_path)}
    assert {"NotoSansSC-Regular", "NotoSansKR-Regular", "NotoSansThai-Regular", "NotoSansKhmer-Regular",
            "NotoSansDevanagari-Regular", "DejaVuSans", "DejaVuSans-Bold"} <= names


@pytest.mark.parametrize("script", NAMES)
def test_a_request_letter_prints_its_suppliers_name_in_any_script(scripts_subject: Subject, script: str,
                                                                  tmp_path: Path) -> None:
    entity = scripts_subject.case.entities[list(NAMES).index(script) + 1]
    letter = request_letter(scripts_subject.case, scripts_subject.report, scripts_subject.catalog, entity.id,
                            today=dt.date(2026, 11, 28))
    assert letter is not None
    assert normalise(NAMES[script]) in _text(letter, tmp_path)
    assert_fonts_embedded_with_distinct_tags(letter, tmp_path)


@pytest.mark.parametrize("generator", [cover_letter, evidence_response, supply_chain_map, forms_section],
                         ids=lambda generator: generator.__name__)
def test_no_generated_section_names_an_unembedded_font(big_wro: Subject, generator: Callable[..., GeneratedSection | None],
                                                       tmp_path: Path) -> None:
    section = generator(*big_wro.args)
    assert section is not None
    assert_fonts_embedded_with_distinct_tags(section.pdf, tmp_path)
