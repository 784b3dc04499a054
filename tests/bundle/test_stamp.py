"""The exhibit stamp: upright on every rotation, inside the visible area, never over content."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from assembly_support import (
    Doc,
    build_case,
    page_words,
    qpdf_check,
    small_case,
    text_pdf,
)
from reportlab.pdfgen.canvas import Canvas

from importer_app.bundle.stamp import BAND_FACTOR, PageFrame, page_frame


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_reader_corners_map_to_the_corners_a_viewer_shows(rotation: int) -> None:
    frame = PageFrame(box=(100.0, 50.0, 700.0, 850.0), rotation=rotation)
    # Where the viewer's bottom-left corner comes from once the page is turned clockwise.
    expected_origin = {0: (100, 50), 90: (700, 50), 180: (700, 850), 270: (100, 850)}[rotation]
    assert frame.upright().transform((0, 0)) == pytest.approx(expected_origin)
    far = frame.upright().transform((frame.width, frame.height))
    assert far == pytest.approx((800 - expected_origin[0], 900 - expected_origin[1]))


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_the_page_shrinks_into_the_area_above_the_band(rotation: int) -> None:
    frame = PageFrame(box=(100.0, 50.0, 700.0, 850.0), rotation=rotation)
    to_reader = frame.upright().inverse()
    corners = [frame.shrink().transform((x, y)) for x in (100, 700) for y in (50, 850)]
    shown = [to_reader.transform(point) for point in corners]
    band = BAND_FACTOR * frame.font_size()
    assert min(y for _, y in shown) == pytest.approx(band)
    assert max(y for _, y in shown) == pytest.approx(frame.height)
    assert min(x for x, _ in shown) >= 0 and max(x for x, _ in shown) <= frame.width


def test_a_crop_box_outside_the_media_box_is_clipped_to_it() -> None:
    page = pikepdf.Dictionary(MediaBox=pikepdf.Array([0, 0, 612, 792]), CropBox=pikepdf.Array([-20, 10, 650, 800]),
                              Rotate=450)
    frame = page_frame(page)
    assert frame.box == (0.0, 10.0, 612.0, 792.0)
    assert frame.rotation == 90


def test_a_stored_page_of_no_size_is_stamped_as_us_letter() -> None:
    """Intake now gives every page a box; a document stored before it did must still bind."""
    frame = page_frame(pikepdf.Dictionary(MediaBox=pikepdf.Array([0, 0, 0, 0])))
    assert frame.box == (0.0, 0.0, 612.0, 792.0)
    # The page's top edge stays where it was; the content shrinks above the stamp band.
    assert frame.shrink().transform((0, 792))[1] == pytest.approx(792)


def _turned(rotation: int, *, media: tuple[float, ...] = (0, 0, 612, 792), crop: tuple[float, ...] | None = None,
            inherited: bool = False, full_bleed: bool = False) -> bytes:
    """One page with text at its very bottom, turned and cropped as asked."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(media[2], media[3]), invariant=1)
    if full_bleed:
        canvas.rect(media[0], media[1], media[2] - media[0], media[3] - media[1], fill=1)
    x = (crop or media)[0] + 30
    canvas.drawString(x, (crop or media)[1] + 3, "BOTTOMLINE text at the bottom edge")
    canvas.drawString(x, (crop or media)[3] - 20, "TOPLINE text at the top edge")
    canvas.showPage()
    canvas.save()
    with pikepdf.open(io.BytesIO(out.getvalue())) as pdf:
        page = pdf.pages[0].obj
        page.MediaBox = pikepdf.Array(media)
        if crop is not None:
            page.CropBox = pikepdf.Array(crop)
        if inherited:
            pdf.Root.Pages.Rotate = rotation
        else:
            page.Rotate = rotation
        result = io.BytesIO()
        pdf.save(result)
    return result.getvalue()


PAGES = {
    "portrait": _turned(0),
    "rotate-90": _turned(90),
    "rotate-180": _turned(180),
    "rotate-270": _turned(270),
    "inherited-90": _turned(90, inherited=True),
    "cropped-270": _turned(270, media=(0, 0, 800, 900), crop=(100, 150, 700, 850)),
    "offset-media": _turned(0, media=(200, 300, 812, 1092)),
    "receipt": _turned(0, media=(0, 0, 200, 400)),
    "poster": _turned(0, media=(0, 0, 1800, 3600)),
    "full-bleed": _turned(90, full_bleed=True),
}


@pytest.fixture(scope="module")
def stamped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("stamp")
    docs = [Doc(f"{name}.pdf", data, links=("mill-importer",)) for name, data in PAGES.items()]
    result = build_case(small_case(folder / "case.tcase", docs), folder / "out.pdf")
    return result.volumes[0].path, result.placements["1.1"].page


@pytest.mark.parametrize("name", list(PAGES))
def test_the_stamp_reads_upright_along_the_bottom_of_the_page_as_shown(stamped: tuple[Path, int], name: str) -> None:
    output, first = stamped
    number = first + list(PAGES).index(name) + 1
    (page,) = page_words(output, number, number)
    bates = [w for w in page.words if w.text.startswith("ACME-")]
    assert [w.text for w in bates] == [f"ACME-{list(PAGES).index(name) + 1:06d}"]
    word = bates[0]
    assert word.x1 - word.x0 > 2 * (word.y1 - word.y0), "the Bates number runs across the page, not up it"
    assert page.height * 0.9 < word.y0 < word.y1 <= page.height, "it sits in the bottom margin"
    assert page.width / 2 < word.x1 <= page.width, "on the right"
    exhibit = [w for w in page.words if w.text == "Exhibit"]
    assert exhibit and exhibit[0].x0 < page.width / 2 and exhibit[0].y0 > page.height * 0.9


@pytest.mark.parametrize("name", list(PAGES))
def test_no_content_is_hidden_under_the_stamp(stamped: tuple[Path, int], name: str) -> None:
    output, first = stamped
    number = first + list(PAGES).index(name) + 1
    (page,) = page_words(output, number, number)
    stamp_top = min(w.y0 for w in page.words if w.text.startswith("ACME-") or w.text == "Exhibit")
    content = [w for w in page.words if w.text in ("BOTTOMLINE", "TOPLINE")]
    assert len(content) == 2, "the page's own text, even at its very edges, is still on the page"
    for word in content:
        assert 0 <= word.x0 and word.x1 <= page.width and 0 <= word.y0, "inside the visible area"
        assert word.y1 <= stamp_top, "above the stamp band"


def test_stamped_pages_pass_qpdf(stamped: tuple[Path, int]) -> None:
    qpdf_check(stamped[0])


def test_annotations_move_with_the_shrunk_page(tmp_path: Path) -> None:
    with pikepdf.open(io.BytesIO(text_pdf("linked page"))) as pdf:
        link = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                  Rect=pikepdf.Array([0, 0, 612, 792]),
                                  A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.com")))
        pdf.pages[0].obj.Annots = pikepdf.Array([pdf.make_indirect(link)])
        data = io.BytesIO()
        pdf.save(data)
    result = build_case(small_case(tmp_path / "case.tcase", [Doc("link.pdf", data.getvalue())]), tmp_path / "out.pdf")
    with pikepdf.open(result.volumes[0].path) as pdf:
        page = pdf.pages[result.placements["1.1"].page]
        (annotation,) = [a for a in page.Annots if a.Subtype == pikepdf.Name.Link and "/A" in a]
        x0, y0, x1, y1 = (float(v) for v in annotation.Rect)
    assert y0 == pytest.approx(BAND_FACTOR * 8, abs=0.01) and y1 == pytest.approx(792)
    assert x0 > 0 and x1 < 612
