"""Bates numbers keep one width through a bundle, even past 999,999."""

from __future__ import annotations

import re
from pathlib import Path

from assembly_support import Doc, build_case, small_case, text_pdf
from pypdf import PdfReader

from importer_app.bundle.layout import bates_numbers
from importer_app.bundle.plan import Exhibit
from importer_app.core.model import Document


def _exhibits(*pages: int) -> list[Exhibit]:
    return [Exhibit(f"1.{n}", 1, Document(path=f"d{n}.pdf", sha256="0" * 64, type="other", size=1), count)
            for n, count in enumerate(pages, start=1)]


def test_numbers_that_pass_a_million_are_all_padded_to_seven_digits() -> None:
    numbers = bates_numbers(_exhibits(3, 4), "ACME", 999_998)
    assert str(numbers["1.1"]) == "ACME-0999998 to ACME-1000000"
    assert str(numbers["1.2"]) == "ACME-1000001 to ACME-1000004"


def test_a_bundle_below_a_million_keeps_six_digits() -> None:
    assert str(bates_numbers(_exhibits(2), "ACME", 1)["1.1"]) == "ACME-000001 to ACME-000002"


def test_every_stamp_of_a_bundle_crossing_a_million_has_the_same_width(tmp_path: Path) -> None:
    docs = [Doc("a.pdf", text_pdf("a1", "a2"), links=("farm-mill",)),
            Doc("b.pdf", text_pdf("b1"), links=("farm-mill",))]
    result = build_case(small_case(tmp_path / "case.tcase", docs), tmp_path / "bundle.pdf", first_number=999_999,
                        bates_prefix="ACME")
    reader = PdfReader(result.volumes[0].path)
    first = result.placements["1.1"].page
    stamps = [re.findall(r"ACME-\d+", reader.pages[n].extract_text()) for n in range(first, first + 3)]
    assert stamps == [["ACME-0999999"], ["ACME-1000000"], ["ACME-1000001"]]
