"""Say in words what was added to a PDF after its last signature.

pyHanko accepts some additions silently (an update of the Info dictionary, junk after
``%%EOF``); verify refuses every byte after the signed range and uses this module to tell the
user what those bytes do: which pages, attachments or metadata a later revision changes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.rw_common import PdfHandler

from importer_app.bundle.verify_originals import embedded_file_refs, value


def describe_tail(reader: PdfFileReader, file_size: int, signed_end: int, signed_revision: int) -> list[str]:
    """Reasons naming what the bytes after an intact signature's signed range are and change.

    Args:
        reader: the whole file.
        file_size: its length in bytes.
        signed_end: where the last signature's byte range ends.
        signed_revision: the revision that signature signs (0-based).

    Returns:
        One sentence per later revision, or one about appended data that is not a revision;
        empty when the signature ends at the end of the file.
    """
    if signed_end >= file_size:
        return []
    later = range(signed_revision + 1, reader.xrefs.total_revisions)
    if not later:
        return [(f"{file_size - signed_end:,} bytes were appended after the end of the signed file "
                 "(after %%EOF); they are not part of what was signed")]
    objects = _object_names(reader)
    reasons = []
    for revision in later:
        changes = ", ".join(_changes(reader, revision, objects)) or "changes nothing visible"
        reasons.append(f"an update was added after the signature (revision {revision + 1}): it {changes}")
    return reasons


def _changes(reader: PdfFileReader, revision: int, objects: dict[int, str]) -> Iterator[str]:
    xref_stream = reader.xrefs.get_xref_container_info(revision).stream_ref
    info = _info_ref(reader, revision)
    named: dict[str, None] = {}
    new = changed = 0
    for ref in sorted(reader.xrefs.explicit_refs_in_revision(revision), key=lambda r: r.idnum):
        if xref_stream is not None and ref.idnum == xref_stream.idnum:
            continue
        if info is not None and ref.idnum == info.idnum:
            named["changes the document information (title, author, dates)"] = None
        elif ref.idnum in objects:
            named[f"changes {objects[ref.idnum]}"] = None
        elif reader.xrefs.get_introducing_revision(ref) == revision:
            new += 1
        else:
            changed += 1
    yield from named
    if changed:
        yield f"changes {changed} other object{'s' if changed != 1 else ''}"
    if new:
        yield f"adds {new} new object{'s' if new != 1 else ''} (such as drawings, fonts or images)"


def _info_ref(reader: PdfFileReader, revision: int) -> generic.Reference | None:
    try:
        info = reader.trailer.raw_get("/Info", revision=revision)
    except KeyError:
        return None
    return info.reference if isinstance(info, generic.IndirectObject) else None


def _object_names(reader: PdfFileReader) -> dict[int, str]:
    """Object numbers of the pages, their contents and annotations, the catalog and the
    attachments, each with a name a user understands (``page 3``)."""
    names: dict[int, str] = {reader.root_ref.idnum: "the document catalog (page tree, attachments, forms)"}
    for number, page_ref in enumerate(page_refs(reader), start=1):
        page = page_ref.get_object()
        if not isinstance(page, generic.DictionaryObject):
            continue
        for ref in (page_ref, *_refs(page.raw_get("/Contents") if "/Contents" in page else None)):
            names[ref.idnum] = f"page {number}"
        for ref in _refs(page.raw_get("/Annots") if "/Annots" in page else None):
            names.setdefault(ref.idnum, f"an annotation or form field on page {number}")
    for name, refs in embedded_file_refs(reader).items():
        for ref in refs:
            names[ref.idnum] = f"the attachment {name!r}"
    return names


def page_refs(reader: PdfHandler) -> Iterator[generic.Reference]:
    """The pages of ``reader`` (the file now, or a revision of it) in order."""

    def walk(node_ref: generic.Reference, depth: int) -> Iterator[generic.Reference]:
        node = node_ref.get_object()
        kids = value(node, "/Kids")
        if value(node, "/Type") == "/Page" or not isinstance(kids, generic.ArrayObject):
            yield node_ref
            return
        if depth > 64:  # a page tree this deep is a loop
            return
        for kid in kids:  # iterating keeps the references
            if isinstance(kid, generic.IndirectObject):
                yield from walk(kid.reference, depth + 1)

    pages = reader.root.raw_get("/Pages")
    if isinstance(pages, generic.IndirectObject):
        yield from walk(pages.reference, 0)


def _refs(value: generic.PdfObject | None) -> Iterator[generic.Reference]:
    if isinstance(value, generic.IndirectObject):
        yield value.reference
        value = value.get_object()
    if isinstance(value, generic.ArrayObject):
        for item in value:
            if isinstance(item, generic.IndirectObject):
                yield item.reference
