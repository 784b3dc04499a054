"""What a bound document keeps: its bookmarks, its links, its filled forms; and its slip sheet."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pikepdf
import pytest
from assembly_support import (
    Doc,
    build_case,
    outline,
    page_words,
    qpdf_check,
    small_case,
    text_pdf,
)
from pikepdf import Array, Dictionary, Name, String
from pypdf import PdfReader

from importer_app.bundle.stamp import BAND_FACTOR


def _with_navigation() -> bytes:
    """Three pages, bookmarks (one by name, one nested), a link by name from page 1 to page 3."""
    with pikepdf.open(io.BytesIO(text_pdf("Contents", "Chapter one", "Chapter two"))) as pdf:
        pages = [page.obj for page in pdf.pages]
        names = pikepdf.NameTree.new(pdf)
        names["chapter-two"] = Array([pages[2], Name.Fit])
        pdf.Root.Names = Dictionary(Dests=names.obj)
        link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([72, 380, 300, 400]),
                          Dest=String("chapter-two"))
        pages[0].Annots = Array([pdf.make_indirect(link)])
        with pdf.open_outline() as tree:
            one = pikepdf.OutlineItem("Chapter one", 1)
            one.children.append(pikepdf.OutlineItem("Chapter two (by name)", String("chapter-two")))
            tree.root.extend([pikepdf.OutlineItem("Contents", 0), one])
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def _filled_form() -> bytes:
    """A page with a filled text field (appearance stream present) and the AcroForm to match."""
    with pikepdf.open(io.BytesIO(text_pdf("Declaration"))) as pdf:
        appearance = pdf.make_stream(b"BT /Helv 12 Tf 2 6 Td (FILLED-VALUE-77) Tj ET",
                                     Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, 200, 24]),
                                     Resources=Dictionary(Font=Dictionary(Helv=Dictionary(
                                         Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))))
        field = pdf.make_indirect(Dictionary(
            Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, T=String("name"), V=String("FILLED-VALUE-77"),
            Rect=Array([72, 600, 272, 624]), F=4, AP=Dictionary(N=appearance), P=pdf.pages[0].obj))
        pdf.pages[0].obj.Annots = Array([field])
        pdf.Root.AcroForm = Dictionary(Fields=Array([field]), DA=String("/Helv 12 Tf 0 g"))
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


SPREADSHEET = b"PK\x03\x04 a spreadsheet kept without a PDF rendition"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("documents")
    docs = [
        Doc("navigation.pdf", _with_navigation(), links=("farm-mill",)),
        Doc("packing list.xlsx", SPREADSHEET, links=("farm-mill",), needs_rendition=True,
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        Doc("form.pdf", _filled_form(), links=("farm-mill",)),
    ]
    result = build_case(small_case(folder / "case.tcase", docs), folder / "out.pdf")
    return result.volumes[0].path, {exhibit_id: p.page for exhibit_id, p in result.placements.items()}


def test_a_documents_own_bookmarks_sit_under_its_exhibit(bundle: tuple[Path, dict[str, int]]) -> None:
    output, pages = bundle
    marks = outline(PdfReader(output))
    start = next(i for i, (_, title, _) in enumerate(marks) if title.startswith("1.1 "))
    depth = marks[start][0]
    assert marks[start + 1:start + 4] == [
        (depth + 1, "Contents", pages["1.1"]),
        (depth + 1, "Chapter one", pages["1.1"] + 1),
        (depth + 2, "Chapter two (by name)", pages["1.1"] + 2),
    ]


def test_a_link_by_name_inside_a_document_still_goes_to_its_page(bundle: tuple[Path, dict[str, int]]) -> None:
    output, pages = bundle
    reader = PdfReader(output)
    # The document's own link; the stamp band's "Back to index" link lies below the page's content.
    (link,) = [a.get_object() for a in reader.pages[pages["1.1"]]["/Annots"]
               if float(a.get_object()["/Rect"][3]) > BAND_FACTOR * 8]
    assert reader.get_page_number(link["/Dest"][0].get_object()) == pages["1.1"] + 2


def test_a_document_without_pdf_pages_gets_a_stamped_slip_sheet(bundle: tuple[Path, dict[str, int]]) -> None:
    output, pages = bundle
    (page,) = page_words(output, pages["1.2"] + 1, pages["1.2"] + 1)
    text = " ".join(word.text for word in page.words)
    assert "Exhibit 1.2" in text and "packing list.xlsx" in text and "1.2-packing list.xlsx" in text
    assert hashlib.sha256(SPREADSHEET).hexdigest()[:32] in text.replace(" ", "")
    assert "ACME-000004" in text and "Exhibit 1.2 - page 1 of 1" in text


def test_the_original_behind_a_slip_sheet_is_attached(bundle: tuple[Path, dict[str, int]]) -> None:
    attachments = dict(PdfReader(bundle[0]).attachments)
    assert attachments["1.2-packing list.xlsx"] == [SPREADSHEET]
    manifest = json.loads(attachments["manifest.json"][0])
    listed = {item["file"]: item for item in manifest["originals"]}
    assert listed["1.2-packing list.xlsx"]["sha256"] == hashlib.sha256(SPREADSHEET).hexdigest()
    assert listed["1.2-packing list.xlsx"]["exhibit"] == "1.2"


def test_a_filled_form_is_bound_as_it_reads(bundle: tuple[Path, dict[str, int]]) -> None:
    output, pages = bundle
    (page,) = page_words(output, pages["1.3"] + 1, pages["1.3"] + 1)
    assert "FILLED-VALUE-77" in [word.text for word in page.words]
    reader = PdfReader(output)
    assert "/AcroForm" not in reader.trailer["/Root"]
    assert not [a for a in reader.pages[pages["1.3"]].get("/Annots", []) if a.get_object()["/Subtype"] == "/Widget"]


def test_the_bundle_passes_qpdf(bundle: tuple[Path, dict[str, int]]) -> None:
    qpdf_check(bundle[0])


def test_a_build_without_originals_attaches_nothing(tmp_path: Path) -> None:
    case = small_case(tmp_path / "case.tcase", [Doc("a.pdf", text_pdf("a"), links=("farm-mill",))])
    result = build_case(case, tmp_path / "out.pdf", include_originals=False)
    reader = PdfReader(result.volumes[0].path)
    assert dict(reader.attachments) == {}
    assert "a.pdf" in reader.pages[-1].extract_text()
