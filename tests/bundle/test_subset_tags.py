"""Font subset tags made distinct, and the header version a volume declares."""

from __future__ import annotations

import io
import subprocess

import pikepdf
import pytest
from assembly_support import build_case, demo_case, tool
from reportlab.pdfgen import canvas

from importer_app.bundle import pdf_version, subset_tags
from importer_app.bundle.pages import fonts


def _reportlab_pdf(text: str) -> bytes:
    """A reportlab page with two TrueType subsets, both tagged AAAAAA+."""
    fonts.register()
    out = io.BytesIO()
    drawing = canvas.Canvas(out, invariant=1, initialFontName=fonts.SANS)
    x = 72.0
    for font, piece in fonts.runs(text):
        drawing.setFont(font, 12)
        drawing.drawString(x, 720, piece)
        x += drawing.stringWidth(piece, font, 12)
    drawing.showPage()
    drawing.save()
    return out.getvalue()


def _merged(*documents: bytes) -> pikepdf.Pdf:
    merged = pikepdf.new()
    for data in documents:
        with pikepdf.open(io.BytesIO(data)) as source:
            merged.pages.extend(source.pages)
    return merged


def test_every_subset_of_a_merged_file_gets_a_tag_of_its_own() -> None:
    merged = _merged(_reportlab_pdf("Hengyuan 恒远"), _reportlab_pdf("Delta 대한"))
    assert subset_tags.tags(merged).count("AAAAAA") == 4
    assert subset_tags.make_distinct(merged) == 3
    tags = subset_tags.tags(merged)
    assert len(tags) == len(set(tags)) == 4 and "AAAAAA" in tags
    for page in merged.pages:
        for font in page.Resources.Font.values():
            assert str(font.BaseFont) == str(font.FontDescriptor.FontName)


def test_new_tags_are_the_same_for_the_same_input_and_differ_with_the_salt() -> None:
    def tags(salt: str) -> list[str]:
        merged = _merged(_reportlab_pdf("Hengyuan 恒远"), _reportlab_pdf("Hengyuan 恒远"))
        subset_tags.make_distinct(merged, salt=salt)
        return subset_tags.tags(merged)

    assert tags("") == tags("")
    assert "AAAAAA" not in tags("appearance") and set(tags("appearance")).isdisjoint(tags("x"))


def test_a_file_with_distinct_tags_is_left_alone() -> None:
    merged = _merged(_reportlab_pdf("Delta"))
    assert subset_tags.make_distinct(merged) == 0


def test_the_header_version_is_the_latest_the_contents_need() -> None:
    assert pdf_version.required([], layers=False, attachments=False) == "1.4"
    assert pdf_version.required(["1.3", "1.6"], layers=False, attachments=False) == "1.6"
    assert pdf_version.required(["1.3"], layers=True, attachments=False) == "1.5"
    assert pdf_version.required(["1.5"], layers=False, attachments=True) == "1.7"
    assert pdf_version.required(["2.0", "1.10", "junk"], layers=False, attachments=True) == "2.0"


def test_the_demo_bundle_has_distinct_tags_embedded_front_fonts_and_a_true_header(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    output = tmp_path_factory.mktemp("tags") / "bundle.pdf"
    result = build_case(demo_case(tmp_path_factory, "wro"), output, quick=False)
    assert output.read_bytes().startswith(b"%PDF-1.7\n")  # the originals' file specifications (/UF)
    fonts_listed = subprocess.run([tool("pdffonts"), str(output)], capture_output=True, text=True,
                                  check=True).stdout.splitlines()[2:]
    tags = [line.split()[0].split("+", 1)[0] for line in fonts_listed if "+" in line.split()[0]]
    assert len(tags) > 20 and len(set(tags)) == len(tags)
    first_exhibit = result.placements[result.plan.exhibits[0].id].page
    front = subprocess.run([tool("pdffonts"), "-l", str(first_exhibit), str(output)], capture_output=True,
                           text=True, check=True).stdout.splitlines()[2:]
    assert front and all(line.split()[-5] == "yes" for line in front), front
    with pikepdf.open(output) as bundle:
        assert len(set(subset_tags.tags(bundle))) == len(subset_tags.tags(bundle))
