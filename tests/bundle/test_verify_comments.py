"""Verify and reviewers' comments: under the default certification (P=3) a comment added after
signing leaves the bundle intact and is listed; anything else in the same update, or a comment
under the strict certification (P=2), is a change that breaks it."""

from __future__ import annotations

import functools
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText, Highlight, Link, Popup, Text
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject,
                           TextStringObject)
from reportlab.pdfgen import canvas
from signing_support import NOW, add_comment_with_pyhanko, build_unsigned, sign

from importer_app.bundle.verify import verify_pdf


@functools.cache
def _signed_template(folder: Path, strict: bool) -> bytes:
    name = "strict" if strict else "default"
    return sign(build_unsigned(folder / f"{name}.pdf"), folder / f"{name}-signed.pdf", certify_strict=strict).path.read_bytes()


@pytest.fixture
def signed(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bundle of 3 pages certified at P=3; page 1 holds the signature's widget annotation."""
    path = tmp_path / "signed.pdf"
    path.write_bytes(_signed_template(tmp_path_factory.getbasetemp(), False))
    return path


def _note(text: str = "Reviewer: compare with exhibit 3.2", author: str = "CBP reviewer") -> Text:
    note = Text(text=text, rect=(50, 550, 70, 570))
    note[NameObject("/T")] = TextStringObject(author)
    return note


def _highlight() -> Highlight:
    corners = ArrayObject([FloatObject(v) for v in (70, 730, 300, 730, 70, 715, 300, 715)])
    return Highlight(rect=(70, 715, 300, 730), quad_points=corners)


def _update(path: Path, change: Callable[[PdfWriter], None]) -> None:
    """Apply ``change`` as an incremental update, the way a viewer saves comments."""
    writer = PdfWriter(io.BytesIO(path.read_bytes()), incremental=True)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    path.write_bytes(out.getvalue())


def _comments(writer: PdfWriter) -> None:
    note = writer.add_annotation(0, _note())
    writer.add_annotation(0, Popup(rect=(70, 500, 250, 570), parent=note))
    writer.add_annotation(1, _highlight())
    writer.add_annotation(2, FreeText(text="Quantity differs from the invoice", rect=(300, 600, 500, 640)))


def test_comments_after_the_default_certification_leave_the_bundle_intact_and_are_listed(signed: Path) -> None:
    _update(signed, _comments)
    report = verify_pdf(signed, now=NOW)
    assert report.intact and report.passed, report.reasons
    assert [(c.page, c.kind, c.author, c.text) for c in report.comments] == [
        (1, "note", "CBP reviewer", "Reviewer: compare with exhibit 3.2"),
        (2, "highlight", "", ""),
        (3, "text box", "", "Quantity differs from the invoice"),
    ]
    assert report.summary.startswith("Intact, signed by Jane Doe (Acme Apparel Inc.), 3 comments added after signing")
    (note,) = [note for note in report.notes if "comments added after signing" in note]
    assert 'page 1: note by CBP reviewer "Reviewer: compare with exhibit 3.2"; page 2: highlight' in note
    assert report.signatures[0].certification_respected is True
    assert json.loads(report.to_json())["comments"][1] == {"page": 2, "kind": "highlight", "author": "", "text": ""}


def test_comments_in_two_saves_and_by_pyhanko_are_all_listed(signed: Path) -> None:
    _update(signed, lambda writer: writer.add_annotation(1, _highlight()))
    add_comment_with_pyhanko(signed)
    report = verify_pdf(signed, now=NOW)
    assert report.intact, report.reasons
    assert [(c.page, c.kind) for c in report.comments] == [(1, "note"), (2, "highlight")]


def test_the_command_line_verify_accepts_a_commented_bundle(signed: Path) -> None:
    _update(signed, _comments)
    result = subprocess.run([sys.executable, "-m", "importer_app", "verify", str(signed)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 comments added after signing" in result.stdout.splitlines()[0]


def _viewer_save(writer: PdfWriter) -> None:
    """Comments saved the way Acrobat saves them: the document information's modification date
    and producer are rewritten in the same update."""
    _comments(writer)
    writer.add_metadata({"/ModDate": "D:20261207093000-05'00'", "/Producer": "Adobe Acrobat Pro 25.1"})


def test_a_viewer_stamping_the_modification_date_and_producer_with_the_comments_leaves_it_intact(
        signed: Path) -> None:
    before = PdfReader(signed).metadata
    _update(signed, _viewer_save)
    after = PdfReader(signed).metadata
    assert after["/ModDate"] != before.get("/ModDate") and after["/Title"] == before["/Title"]
    report = verify_pdf(signed, now=NOW)
    assert report.intact and report.passed, report.reasons
    assert len(report.comments) == 3
    assert any("updated the document information's modification date and producer" in note for note in report.notes)


XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmp:ModifyDate="2026-12-07T09:30:00-05:00" xmp:MetadataDate="2026-12-07T09:30:00-05:00"
    xmp:CreatorTool="{creator}" pdf:Producer="Adobe Acrobat Pro 25.1"
    xmpMM:DocumentID="uuid:0b3f7f4e-1111-4c1e-9d4b-2a7e1f0c9a01" xmpMM:InstanceID="uuid:5c2d-2222">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   {extra}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _acrobat_save(title: str | None = None, extra: str = "", comments: bool = True) -> Callable[[PdfWriter], None]:
    """Comments saved as Acrobat saves them: the document information's stamps, and a new XMP
    metadata stream in the catalog repeating the document's title."""
    def save(writer: PdfWriter) -> None:
        if comments:
            _comments(writer)
        info = writer.metadata or {}
        text = XMP.format(title=info.get("/Title", "") if title is None else title, extra=extra,
                          creator=info.get("/Creator", ""))
        stream = DecodedStreamObject()
        stream.set_data(text.encode())
        stream.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
        writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)
        writer.add_metadata({"/ModDate": "D:20261207093000-05'00'", "/Producer": "Adobe Acrobat Pro 25.1"})
    return save


def test_a_viewer_writing_xmp_metadata_with_the_comments_leaves_it_intact(signed: Path) -> None:
    _update(signed, _acrobat_save())
    report = verify_pdf(signed, now=NOW)
    assert report.intact and report.passed, report.reasons
    assert len(report.comments) == 3
    assert any("also wrote the document's XMP metadata" in note for note in report.notes)


XMP_BREAKING = {
    "a title other than the document's": _acrobat_save(title="Release approved"),
    "a description the document information does not state": _acrobat_save(
        extra='<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Cleared by CBP</rdf:li></rdf:Alt></dc:description>'),
    "a property of another namespace": _acrobat_save(
        extra='<cbp:status xmlns:cbp="http://example.com/cbp/">released</cbp:status>'),
    "XMP without any comment": _acrobat_save(comments=False),
}


@pytest.mark.parametrize("case", list(XMP_BREAKING))
def test_xmp_metadata_beyond_a_viewers_stamps_breaks_the_default_certification(signed: Path, case: str) -> None:
    _update(signed, XMP_BREAKING[case])
    report = verify_pdf(signed, now=NOW)
    assert not report.intact and not report.passed and report.comments == (), case


def test_xmp_metadata_with_a_document_type_declaration_breaks_it(signed: Path) -> None:
    entity = '<!DOCTYPE x [<!ENTITY e "Release approved">]>'
    def save(writer: PdfWriter) -> None:
        _acrobat_save()(writer)
        stream = writer.root_object["/Metadata"].get_object()
        stream.set_data(stream.get_data().replace(b"<x:xmpmeta", entity.encode() + b"<x:xmpmeta", 1))
    _update(signed, save)
    assert not verify_pdf(signed, now=NOW).intact


def test_a_stamp_without_any_comment_is_still_a_change(signed: Path) -> None:
    _update(signed, lambda writer: writer.add_metadata({"/ModDate": "D:20261207093000-05'00'"}))
    report = verify_pdf(signed, now=NOW)
    assert not report.intact and report.comments == ()


def _stamp_by_reference(writer: PdfWriter) -> None:
    """A producer entry that is a reference can be rewritten later without touching /Info."""
    writer.add_annotation(0, _note())
    writer.add_metadata({"/Producer": writer._add_object(TextStringObject("Adobe Acrobat Pro 25.1"))})


def _draw_on_page(writer: PdfWriter) -> None:
    overlay = io.BytesIO()
    drawing = canvas.Canvas(overlay)
    drawing.drawString(100, 400, "PAID IN FULL")
    drawing.save()
    writer.pages[1].merge_page(PdfReader(overlay).pages[0])


def _replace_attachment(writer: PdfWriter) -> None:
    tree = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    spec = tree[tree.index("invoice-INV-9.pdf") + 1].get_object()
    spec["/EF"]["/F"].get_object().set_data(b"%PDF-1.4 a different invoice")


def _note_with_action(writer: PdfWriter) -> None:
    note = _note()
    note[NameObject("/A")] = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                                               NameObject("/JS"): TextStringObject("app.alert(1)")})
    writer.add_annotation(0, note)


def _attached_file_annotation(writer: PdfWriter) -> None:
    writer.add_annotation(0, DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/FileAttachment"),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 30, 30)]),
    }))


def _remove_signature_widget(writer: PdfWriter) -> None:
    writer.add_annotation(0, _note())
    del writer.pages[0][NameObject("/Annots")][0]


def _rewrite_info(writer: PdfWriter) -> None:
    writer.add_annotation(0, _note())
    writer.add_metadata({"/Title": "Nothing to see here"})


BREAKING: dict[str, tuple[Callable[[PdfWriter], None], str]] = {
    "a comment and drawing on a page": (
        lambda writer: (writer.add_annotation(0, _note()), _draw_on_page(writer)), "changes page 2"),
    "a comment and an attachment replaced": (
        lambda writer: (writer.add_annotation(0, _note()), _replace_attachment(writer)),
        "changes the attachment 'invoice-INV-9.pdf'"),
    "a link, not a comment": (lambda writer: writer.add_annotation(0, Link(rect=(10, 10, 90, 30), target_page_index=2)),
                              "changes page 1"),
    "a comment that runs JavaScript": (_note_with_action, "changes page 1"),
    "a file attachment annotation": (_attached_file_annotation, "changes page 1"),
    "a comment replacing the signature's widget": (_remove_signature_widget, "changes page 1"),
    "a comment and the document information": (_rewrite_info, "changes the document information"),
    "a comment and a stamp held by reference": (_stamp_by_reference, "changes the document information"),
}


@pytest.mark.parametrize("case", list(BREAKING))
def test_anything_beyond_comments_breaks_the_default_certification(signed: Path, case: str) -> None:
    change, words = BREAKING[case]
    _update(signed, change)
    report = verify_pdf(signed, now=NOW)
    assert not report.intact and not report.passed and report.comments == ()
    assert any("certifies the document for form filling, annotations and further signatures only" in reason
               for reason in report.reasons) or "document information" in words, report.reasons
    assert any(words in reason for reason in report.reasons), report.reasons


def test_a_comment_breaks_the_strict_certification(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    strict = tmp_path / "strict.pdf"
    strict.write_bytes(_signed_template(tmp_path_factory.getbasetemp(), True))
    _update(strict, _comments)
    report = verify_pdf(strict, now=NOW)
    assert not report.intact and report.comments == ()
    assert report.signatures[0].certification_respected is False
    assert any("certifies the document for form filling and further signatures only" in reason for reason in report.reasons)
