"""Finding one's way: page labels in the viewer, numbers on front-matter pages, back-to-index links."""

from __future__ import annotations

from pathlib import Path

import pytest
from assembly_support import Doc, build_case, small_case, text_in_box, text_pdf
from pypdf import PdfReader

from importer_app.bundle.build import BundleResult
from importer_app.bundle.page_labels import roman


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[BundleResult, Path]:
    folder = tmp_path_factory.mktemp("navigation")
    docs = [Doc("invoice.pdf", text_pdf("invoice p1", "invoice p2"), links=("farm-mill",)),
            Doc("packing.pdf", text_pdf("packing"), links=("farm-mill",)),
            Doc("contract.pdf", text_pdf("contract p1", "p2", "p3"), links=("mill-importer",))]
    result = build_case(small_case(folder / "case.tcase", docs), folder / "bundle.pdf")
    return result, folder / "bundle.pdf"


def test_roman_numerals() -> None:
    assert [roman(n) for n in (1, 4, 9, 14, 40, 90, 400, 1994)] == ["i", "iv", "ix", "xiv", "xl", "xc", "cd",
                                                                    "mcmxciv"]


def test_the_viewer_shows_roman_front_matter_and_exhibit_page_labels(bundle: tuple[BundleResult, Path]) -> None:
    result, path = bundle
    reader = PdfReader(path)
    assert "/PageLabels" in reader.trailer["/Root"]
    labels = reader.page_labels
    first = result.placements["1.1"].page
    assert labels[:first] == [roman(n) for n in range(1, first + 1)]
    expected = []
    for exhibit in result.plan.exhibits:
        assert result.placements[exhibit.id].page == first + len(expected)
        expected += [f"Exhibit {exhibit.id}, p. {page}" for page in range(1, exhibit.page_count + 1)]
    assert labels[first:first + len(expected)] == expected
    manifest = labels[first + len(expected):]
    assert manifest and manifest == [f"Manifest, p. {n}" for n in range(1, len(manifest) + 1)]


def test_front_matter_pages_carry_their_number_in_print(bundle: tuple[BundleResult, Path]) -> None:
    result, path = bundle
    reader = PdfReader(path)
    for number in range(result.placements["1.1"].page):
        width = float(reader.pages[number].mediabox.width)
        corner = text_in_box(path, number, (width - 120, 0, width, 40)).split()
        assert corner[-1:] == [roman(number + 1)]


def test_every_exhibit_page_links_back_to_the_index(bundle: tuple[BundleResult, Path]) -> None:
    result, path = bundle
    reader = PdfReader(path)
    index = next(item for item in reader.outline if not isinstance(item, list) and item.title == "Index of exhibits")
    index_page = reader.get_destination_page_number(index)
    first = result.placements["1.1"].page
    pages = sum(exhibit.page_count for exhibit in result.plan.exhibits)
    for number in range(first, first + pages):
        links = [annotation.get_object() for annotation in reader.pages[number].get("/Annots", [])]
        back = [link for link in links
                if "Back to index" in text_in_box(path, number, tuple(map(float, link["/Rect"])))]
        assert len(back) == 1
        assert reader.get_page_number(back[0]["/Dest"][0].get_object()) == index_page
