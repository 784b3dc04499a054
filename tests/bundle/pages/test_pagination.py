"""Pages as a careful law firm files them: nothing of the cover letter's signature block, the
enclosure list or a table is stranded by a page break, and no text is too small to read.

Each test builds the pages at many lengths, so that every edge (the closing at a page's foot, a
list at a page end, a table with one row over) occurs, reads every page back with pdftotext,
and checks what each page holds.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from page_builders import big_case, with_shipment
from page_subjects import Subject, make_subject, normalise, text_sizes
from reportlab.platypus import Spacer

from importer_app.bundle.index_pages import index_sheet
from importer_app.bundle.layout import bates_numbers
from importer_app.bundle.pages import styles
from importer_app.bundle.pages.cover import cover_letter
from importer_app.bundle.pages.evidence_response import evidence_response
from importer_app.bundle.pages.section import FOOTER_Y, MARGIN, GeneratedSection, Story, page_size
from importer_app.bundle.pages.summary import executive_summary
from importer_app.bundle.pages.templates import load_template
from importer_app.core.catalog import Catalog

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                reason="pdftotext and pdftoppm (poppler-utils) are not installed")

FOOTER = re.compile(r"page \d+ of \d+$")
ENCLOSURES = ("Executive summary", "Index of exhibits", "Evidence response", "Supply chain map", "Sources cited",
              "Exhibits 1.1 to 7.5 (53 documents)", "Manifest of original files")


def pages_of(pdf: bytes, folder: Path) -> list[list[str]]:
    """The lines of text on each page, as pdftotext reads them (one page after another)."""
    source = folder / "pages.pdf"
    source.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(source), "-"], capture_output=True, text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")[:-1]]


def test_the_signed_page_holds_the_enclosures_and_the_last_paragraph_at_every_length(
        catalog: Catalog, tmp_path: Path) -> None:
    words = load_template("cover_letter")
    last_paragraph = words.text("summary", "closing")
    closing = words.text("letter", "closing")
    heading = words.text("letter", "enclosures")
    base = big_case("wro")
    signed_on: set[int] = set()
    # A longer description of the goods pushes everything after it down a line or two at a
    # time, across the foot of the letter's second page.
    for repeats in range(64, 82):
        case = with_shipment(base, merchandise="cotton knit polo shirts " * repeats)
        section = cover_letter(*make_subject("letter", case, catalog).args, enclosures=ENCLOSURES)
        pages = pages_of(section.pdf, tmp_path)
        assert len(pages) == section.page_count
        signed = next(number for number, lines in enumerate(pages) if closing in lines)
        signed_on.add(signed)
        text = normalise(" ".join(pages[signed]))
        assert last_paragraph in text, (repeats, pages[signed])
        assert heading in pages[signed], (repeats, pages[signed])
        for title in ENCLOSURES:  # the whole list, with the signature, on one page
            assert title in pages[signed], (repeats, title, pages[signed])
            assert not any(title in lines for number, lines in enumerate(pages) if number != signed)
        assert section.signature_box is not None and section.signature_box[0] == signed
        assert pages[signed - 1], "the page before the signed one is not left empty"
    assert len(signed_on) == 2, "the lengths tried must carry the closing across a page break"


def _rows(count: int) -> list[list[str]]:
    """Rows named "Row N", every third one three lines tall."""
    tall = "A reason that takes several lines of the table's cell to say in full, " * 2
    return [[f"Row {n}", tall if n % 3 == 0 else "Short."] for n in range(1, count + 1)]


def _table_pages(rows: int, before: float, folder: Path, options: object) -> tuple[list[list[str]], int]:
    story = Story()
    story.add(Spacer(1, before))
    lead = [story.make_heading("Table heading", styles.HEADING), styles.plain("What the table holds.", styles.NOTE)]
    story.add(*styles.headed_table(lead, ["Name", "Why"], _rows(rows), [120.0, 300.0]))
    section = story.render("Pagination", "Footer", options)  # type: ignore[arg-type]
    return pages_of(section.pdf, folder), section.page_count


@pytest.mark.parametrize("rows", [3, 4, 12])
def test_no_page_holds_one_table_row_alone_and_the_header_repeats(rows: int, demo_wro: Subject,
                                                                   tmp_path: Path) -> None:
    options = demo_wro.options()
    frame = page_size(options)[1] - 2 * MARGIN
    shapes: set[tuple[int, ...]] = set()
    starts: set[int] = set()
    # Text above the table grows by 6 points at a time, so the page break falls at every
    # place in the table and in its heading.
    for before in range(int(frame) - 460, int(frame) - 20, 6):
        pages, count = _table_pages(rows, float(before), tmp_path, options)
        assert count == len(pages)
        on_page = [[line for line in lines if line.startswith("Row ")] for lines in pages]
        assert sorted((line for lines in on_page for line in lines), key=lambda r: int(r[4:])) == \
            [f"Row {n}" for n in range(1, rows + 1)]
        shape = tuple(len(lines) for lines in on_page if lines)
        shapes.add(shape)
        assert all(held >= 2 for held in shape), (before, shape)
        first = next(number for number, lines in enumerate(on_page) if lines)
        starts.add(first)
        assert "Table heading" in pages[first] and "What the table holds." in pages[first], (before, pages[first])
        for number, lines in enumerate(on_page):
            if lines:
                assert "Name" in pages[number] and "Why" in pages[number], "the header repeats on every page"
    assert len(starts) == 2, "the lengths tried must move the table's start across a page break"
    if rows >= 4:
        assert any(len(shape) == 2 for shape in shapes), shapes


def _filled(section: GeneratedSection, page_height: float, folder: Path) -> list[float]:
    """How far down each page the text reaches, as a share of the text area (above the footer)."""
    source = folder / "section.pdf"
    source.write_bytes(section.pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", str(source), str(folder / "page")], check=True)
    shares = []
    for image_path in sorted(folder.glob("page-*.png")):
        with Image.open(image_path) as opened:
            image = opened.convert("L")
            scale = image.height / page_height
            pixels = image.load()
            top, foot = int(MARGIN * scale), int(image.height - (FOOTER_Y + 10) * scale)
            inked = [y for y in range(top, foot) if any(pixels[x, y] < 200 for x in range(image.width))]
            shares.append((max(inked) - top) / (image.height - 2 * MARGIN * scale) if inked else 0.0)
    return shares


@pytest.mark.parametrize("generator", [executive_summary, evidence_response])
def test_no_page_is_left_mostly_empty_before_a_break(generator: object, subject: Subject, tmp_path: Path) -> None:
    section = generator(*subject.args)  # type: ignore[operator]
    shares = _filled(section, page_size(subject.options())[1], tmp_path)
    assert len(shares) == section.page_count
    # A page may end early when the next block (a company's balance table) is kept whole;
    # never after a few lines, as when a long table was kept with its heading.
    assert all(share > 0.6 for share in shares[:-1]), shares


@pytest.mark.parametrize("generator", [cover_letter, executive_summary, evidence_response])
def test_body_text_is_at_least_nine_points_and_tables_eight(generator: object, subject: Subject) -> None:
    section = generator(*subject.args)  # type: ignore[operator]
    caption = load_template("cover_letter").text("letter", "signature_caption")
    shown = [(size, text) for size, text in text_sizes(section.pdf)
             if not FOOTER.search(text) and text != caption]  # the footer and the caption stay outside the text
    assert min(size for size, _ in shown) >= 8 - 0.01, min(shown)
    opening = {cover_letter: "On behalf of", executive_summary: "This summary follows",
               evidence_response: "Prepared on"}[generator]  # type: ignore[index]
    body = [size for size, text in shown if text.startswith(opening)]
    assert body and min(body) >= 9 - 0.01, body


def test_the_index_of_exhibits_prints_its_table_at_eight_points_or_more(subject: Subject) -> None:
    plan = subject.plan
    bates = bates_numbers(plan.exhibits, "TEST", 1)
    pdf = index_sheet(subject.case, plan, bates, None, subject.options(), volumes=1).draw()
    shown = [(size, text) for size, text in text_sizes(pdf) if not FOOTER.search(text)]
    assert {text for _, text in shown} >= {exhibit.id for exhibit in plan.exhibits}
    assert min(size for size, _ in shown) >= 8 - 0.01, min(shown)
