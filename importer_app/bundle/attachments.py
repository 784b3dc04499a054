"""Embedding the original files: appended to a finished volume as one incremental update.

The originals can weigh as much as the bundle itself. Handed to pikepdf (qpdf) they would all
sit in memory until the file is saved, on top of the copied pages, which breaks the memory
budget of a large bundle. So the volume is saved first with an empty attachment list (an
indirect ``/EmbeddedFiles`` name tree), and the files are then streamed into an incremental
update one at a time: new file streams, file specifications and the filled name tree, which
replaces the empty one under the same object number. Readers see an ordinary PDF with
attachments; the signature later adds the next update.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import BinaryIO

import pikepdf
from pikepdf import Dictionary, Name

from importer_app.core.errors import BundleCancelled
from importer_app.core.progress import CancelToken


@dataclass(frozen=True)
class Attachment:
    """A file to embed.

    Attributes:
        name: the file name a reader shows and saves it under; unique in the PDF.
        description: a line shown beside it in viewers.
        media_type: its MIME type.
        read: returns the bytes (called once, when the file is written).
    """

    name: str
    description: str
    media_type: str
    read: Callable[[], bytes]


def placeholder(pdf: pikepdf.Pdf) -> None:
    """Give ``pdf`` an empty, indirect attachment list for :func:`append_attachments` to fill."""
    names = pdf.Root.get(Name.Names)
    if not isinstance(names, Dictionary):
        names = pdf.Root.Names = Dictionary()
    names.EmbeddedFiles = pdf.make_indirect(Dictionary(Names=pikepdf.Array()))


def append_attachments(stream: BinaryIO, attachments: Sequence[Attachment], *,
                       cancel: CancelToken | None = None) -> None:
    """Append ``attachments`` to the PDF in ``stream`` (saved with :func:`placeholder`'s list).

    The PDF must have a classic cross-reference table (pikepdf's ``object_stream_mode=disable``).
    ``stream`` is read and written; the new data goes at its end.

    Raises:
        BundleCancelled: ``cancel`` was raised; the stream holds a partial update.
    """
    stream.seek(0)
    with pikepdf.open(stream) as pdf:
        tree = pdf.Root.Names.EmbeddedFiles.objgen[0]
        root = pdf.Root.objgen[0]
        info = pdf.trailer.Info.objgen[0] if Name.Info in pdf.trailer else None
        ids = [bytes(value) for value in pdf.trailer.ID]
        size = int(pdf.trailer.Size)
    stream.seek(0, 2)
    previous = _startxref(stream)
    offsets: dict[int, int] = {}
    number = size
    entries: list[tuple[bytes, int]] = []
    stream.write(b"\n")
    for attachment in sorted(attachments, key=lambda a: _key(a.name)):
        if cancel is not None and cancel.cancelled:
            raise BundleCancelled("The bundle was cancelled; nothing was written.")
        data = attachment.read()
        file_number, spec_number = number, number + 1
        number += 2
        offsets[file_number] = stream.tell()
        # No /CheckSum (an MD5): manifest.json carries each file's SHA-256, and hashing every
        # original once more would cost a tenth of a large build.
        stream.write(b"%d 0 obj\n<< /Type /EmbeddedFile /Subtype %s /Length %d /Params << /Size %d >> >>\nstream\n"
                     % (file_number, Name("/" + attachment.media_type).unparse(), len(data), len(data)))
        stream.write(data)
        stream.write(b"\nendstream\nendobj\n")
        offsets[spec_number] = stream.tell()
        stream.write(b"%d 0 obj\n<< /Type /Filespec /F %s /UF %s /Desc %s /EF << /F %d 0 R /UF %d 0 R >>"
                     b" /AFRelationship /Source >>\nendobj\n" % (
                         spec_number, _hex(_ascii(attachment.name).encode()), _text(attachment.name),
                         _text(attachment.description), file_number, file_number))
        entries.append((_key(attachment.name), spec_number))
    offsets[tree] = stream.tell()
    pairs = b" ".join(b"%s %d 0 R" % (_hex(key), spec) for key, spec in entries)
    stream.write(b"%d 0 obj\n<< /Names [ %s ] >>\nendobj\n" % (tree, pairs))
    xref = stream.tell()
    stream.write(_xref_table(offsets))
    trailer = b"/Size %d /Root %d 0 R /Prev %d /ID [ %s %s ]" % (number, root, previous, _hex(ids[0]), _hex(ids[1]))
    if info is not None:
        trailer += b" /Info %d 0 R" % info
    stream.write(b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref))


def _startxref(stream: BinaryIO) -> int:
    end = stream.tell()
    stream.seek(max(0, end - 1024))
    tail = stream.read()
    marker = tail.rindex(b"startxref")
    return int(tail[marker + len(b"startxref"):].split()[0])


def _xref_table(offsets: dict[int, int]) -> bytes:
    """Cross-reference subsections for the objects written, one per run of numbers."""
    lines = [b"xref\n"]
    numbers = sorted(offsets)
    start = 0
    while start < len(numbers):
        end = start
        while end + 1 < len(numbers) and numbers[end + 1] == numbers[end] + 1:
            end += 1
        lines.append(b"%d %d\n" % (numbers[start], end - start + 1))
        lines += [b"%010d 00000 n\r\n" % offsets[n] for n in numbers[start:end + 1]]
        start = end + 1
    return b"".join(lines)


def _key(name: str) -> bytes:
    # Name tree keys are PDF text strings, sorted by their bytes (ISO 32000-1, 7.9.6).
    return b"\xfe\xff" + name.encode("utf-16-be")


def _text(value: str) -> bytes:
    return _hex(_key(value))


def _ascii(name: str) -> str:
    return "".join(char if 32 <= ord(char) < 127 else "_" for char in name)


def _hex(data: bytes) -> bytes:
    return b"<" + data.hex().encode() + b">"
