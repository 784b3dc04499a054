"""Files built by tests in memory: text PDFs, images, office files, PDFs with active content.

Nothing here reads the shared corpus; the corpus tests have their own module. Files are
generated cheaply: a 40,000 x 40,000 px PNG is a header and a few bytes, not gigabytes.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable

import pikepdf
from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas


def make_pdf(pages: Iterable[str] = ("Hello",), *, size: tuple[float, float] = letter) -> bytes:
    """A text PDF, one page per string (an empty string makes a page without text)."""
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=size, invariant=True)
    for text in pages:
        y = size[1] - 72
        for line in text.splitlines():
            drawing.drawString(72, y, line)
            y -= 14
        drawing.showPage()
    drawing.save()
    return out.getvalue()


def make_hostile_pdf() -> bytes:
    """A PDF with every kind of active content intake removes, some hidden in object streams."""
    with pikepdf.open(io.BytesIO(make_pdf(["Invoice INV-2041", "page two"]))) as pdf:
        script = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))
        pdf.Root.OpenAction = script
        pdf.Root.AA = pikepdf.Dictionary(WC=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("1")))
        pdf.Root.Names = pikepdf.Dictionary(
            JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("a"), script]))
        )
        launch = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=pikepdf.Array([0, 0, 100, 100]),
            A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe")),
        )
        page = pdf.pages[1]
        page.obj.Annots = pikepdf.Array([pdf.make_indirect(launch)])
        page.obj.AA = pikepdf.Dictionary(O=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("2")))
        pdf.attachments["payload.txt"] = pikepdf.AttachedFileSpec(pdf, b"not reviewed", filename="payload.txt")
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def encrypt(data: bytes, *, user: str = "", owner: str = "owner-secret", allow_print: bool = True) -> bytes:
    """``data`` encrypted with AES-256; an empty ``user`` makes it owner-password-only."""
    permissions = pikepdf.Permissions(print_lowres=allow_print, print_highres=allow_print, extract=False)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(owner=owner, user=user, R=6, allow=permissions))
    return out.getvalue()


def make_image(image_format: str, size: tuple[int, int] = (300, 200), mode: str = "RGB", **save: object) -> bytes:
    """An image with a dark left half, so orientation can be seen in the converted page."""
    image = Image.new(mode, size, "white")
    image.paste(Image.new(mode, (size[0] // 2, size[1]), "black"), (0, 0))
    out = io.BytesIO()
    image.save(out, image_format, **save)
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A 1-bit PNG of any size that costs a few bytes: IHDR and one tiny IDAT.

    Pillow reads the size from the header and refuses a bomb before decoding anything.
    """

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b"")


def make_docx(paragraphs: Iterable[str], *, parts_first: bool = True, macros: bool = False) -> bytes:
    """A minimal Word document; ``parts_first=False`` stores the document part last,
    as some producers do (content sniffing must not depend on member order); ``macros``
    adds a VBA project part, as a ``.docm`` has."""
    document = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        'wordprocessingml/2006/main"><w:body>'
        + "".join(f"<w:p><w:r><w:t>{text[:3]}</w:t></w:r><w:r><w:t>{text[3:]}</w:t></w:r></w:p>" for text in paragraphs)
        + "</w:body></w:document>"
    )
    members = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
         'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
         'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
         'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
         'wordprocessingml.document.main+xml"/></Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
         'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
         'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    ]
    if parts_first:
        members.insert(0, ("word/document.xml", document))
    else:
        members = [("docProps/app.xml", "<Properties/>"), *members, ("word/document.xml", document)]
    if macros:
        members.append(("word/vbaProject.bin", "Attribute VB_Name = \"ThisDocument\""))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members:
            archive.writestr(name, text)
    return out.getvalue()


def active_names(pdf_bytes: bytes) -> set[str]:
    """Names of scripts and automatic actions anywhere in a PDF, as keys or as values."""
    wanted = {"/JS", "/JavaScript", "/OpenAction", "/Launch", "/AA"}
    found: set[str] = set()
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        stack: list[object] = list(pdf.objects)
        while stack:
            item = stack.pop()
            if isinstance(item, (pikepdf.Dictionary, pikepdf.Stream)):
                for key in item.keys():
                    if key in wanted:
                        found.add(key)
                    value = item[key]
                    if isinstance(value, pikepdf.Name) and str(value) in wanted:
                        found.add(str(value))
                    elif isinstance(value, (pikepdf.Dictionary, pikepdf.Array)) and not value.is_indirect:
                        stack.append(value)
            elif isinstance(item, pikepdf.Array):
                stack.extend(v for v in item
                             if isinstance(v, (pikepdf.Dictionary, pikepdf.Array)) and not v.is_indirect)
    return found
