"""PDFs that are malformed in ways real senders produce, written by pikepdf in the test.

Each is a one- or two-page text PDF with one defect. Where pikepdf refuses to write the defect
itself (a null box, a /Rotate beyond 64 bits), a placeholder name is written and replaced by
bytes of the same length, so the cross-reference table stays right.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable

import pikepdf
from pikepdf import Array, Name

_TEXT = b"BT /F1 18 Tf 72 700 Td (Malformed but ordinary) Tj ET"


def _text_pdf(pages: int = 1) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    for number in range(pages):
        pdf.add_blank_page(page_size=(612, 792))
        page = pdf.pages[-1]
        page.Contents = pdf.make_stream(_TEXT + b" %% page %d" % (number + 1))
        page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    return pdf


def _save(pdf: pikepdf.Pdf, *replace: tuple[bytes, bytes]) -> bytes:
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=False)
    data = out.getvalue()
    for placeholder, value in replace:
        assert len(placeholder) == len(value) and data.count(placeholder) == 1
        data = data.replace(placeholder, value)
    return data


def zero_media_box() -> bytes:
    """MediaBox [0 0 0 0]: a page of no size."""
    pdf = _text_pdf()
    pdf.pages[0].MediaBox = Array([0, 0, 0, 0])
    return _save(pdf)


def no_media_box() -> bytes:
    """No MediaBox on the page or above it."""
    pdf = _text_pdf()
    del pdf.pages[0].obj["/MediaBox"]
    return _save(pdf)


def null_media_box() -> bytes:
    """MediaBox null."""
    pdf = _text_pdf()
    pdf.pages[0].obj["/MediaBox"] = Name("/NullBox")
    return _save(pdf, (b"/NullBox", b"null    "))


def three_number_media_box() -> bytes:
    """MediaBox [0 0 612]: one number short."""
    pdf = _text_pdf()
    pdf.pages[0].MediaBox = Array([0, 0, 612])
    return _save(pdf)


def huge_rotate() -> bytes:
    """/Rotate 10^22: beyond 64 bits, so qpdf cannot parse the page object at all."""
    pdf = _text_pdf()
    placeholder = b"/" + b"R" * 22
    pdf.pages[0].Rotate = Name(placeholder.decode())
    return _save(pdf, (placeholder, b"1" + b"0" * 22))


def kids_name_the_catalog() -> bytes:
    """Two pages, and the page tree's /Kids also lists the document catalog."""
    pdf = _text_pdf(2)
    pdf.Root.Pages.Kids.append(pdf.Root)
    pdf.Root.Pages.Count = 3
    return _save(pdf)


def jbig2_content() -> bytes:
    """A page content stream filtered with JBIG2Decode, which pypdf can decode only with the
    jbig2dec program (DependencyError without it)."""
    pdf = _text_pdf()
    pdf.pages[0].Contents = pikepdf.Stream(pdf, b"\x00\x00\x00\x01junk", Filter=Name.JBIG2Decode)
    return _save(pdf)


def a85_abbreviated_filter() -> bytes:
    """A content stream filtered /A85: the abbreviation is for inline images only, and pypdf 7
    raises DeprecationError on it."""
    pdf = _text_pdf()
    pdf.pages[0].Contents = pikepdf.Stream(pdf, base64.a85encode(_TEXT) + b"~>", Filter=Name("/A85"))
    return _save(pdf)


BOX_DEFECTS: dict[str, Callable[[], bytes]] = {
    "zero-media-box": zero_media_box,
    "no-media-box": no_media_box,
    "null-media-box": null_media_box,
    "three-number-media-box": three_number_media_box,
}
TREE_DEFECTS: dict[str, Callable[[], bytes]] = {
    "huge-rotate": huge_rotate,
    "kids-name-the-catalog": kids_name_the_catalog,
}
STREAM_DEFECTS: dict[str, Callable[[], bytes]] = {
    "jbig2-content": jbig2_content,
    "a85-filter": a85_abbreviated_filter,
}
ALL: dict[str, Callable[[], bytes]] = {**BOX_DEFECTS, **TREE_DEFECTS, **STREAM_DEFECTS}
"""Every malformed file by a short id; each opens in viewers and should be accepted."""
