"""Reviewers' comments added to a bundle after its P=3 certification.

A certification at DocMDP level 3 (ISO 32000-1, 12.8.2.2) lets anyone add annotations
without breaking it: a CBP reviewer highlights a line or leaves a sticky note. pyHanko's
change analysis does not know that level yet and calls every such comment a change the
signer did not allow, so verify decides here. What a comment may touch is narrow: new
comment annotations (and the objects only they use, such as their appearance), the /Annots
array of the pages they sit on, which may only grow at its end, and comments added after
signing. Any other change (page content, resources, an existing annotation such as a link,
attachments, form fields, the catalog) is not a comment, and the file is judged as before.

Viewers stamp the document information when they save: Acrobat writes the modification date
and the producer. Those two entries may change with the comments (pyHanko's own analysis lets
any /Info update through; this is narrower); a changed title, author, subject or keywords is
not a comment, since a viewer shows the title in place of the file name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import HistoricalResolver, PdfFileReader

from importer_app.bundle.verify_changes import page_refs
from importer_app.bundle.verify_originals import value
from importer_app.bundle.verify_xmp import viewer_metadata

COMMENT_KINDS: Final = {
    "/Text": "note",
    "/FreeText": "text box",
    "/Highlight": "highlight",
    "/Underline": "underline",
    "/Squiggly": "squiggly underline",
    "/StrikeOut": "strike-out",
    "/Caret": "insertion mark",
    "/Ink": "drawing",
    "/Line": "line",
    "/Square": "rectangle",
    "/Circle": "ellipse",
    "/Polygon": "polygon",
    "/PolyLine": "polyline",
    "/Stamp": "stamp",
    "/Popup": "pop-up",
}
"""The markup annotations a reviewer adds as comments (ISO 32000-1, 12.5.6), with the word a
user knows them by. Left out on purpose: file attachments and sounds (they carry files),
links, widgets (form fields) and everything that can run an action."""

VIEWER_STAMPS: Final = {"/ModDate": "modification date", "/Producer": "producer"}
"""The document information entries a viewer rewrites on save, in a user's words."""

_ACTIONS: Final = ("/A", "/AA")
_CONTAINERS: Final = ("/XRef", "/ObjStm")


@dataclass(frozen=True)
class AddedComment:
    """One comment added after signing.

    Attributes:
        page: the 1-based page it sits on.
        kind: what it is, in a user's words (``note``, ``highlight``).
        author: the name the viewer recorded (/T), empty when none.
        text: what it says (/Contents), empty when nothing.
    """

    page: int
    kind: str
    author: str
    text: str

    def describe(self) -> str:
        """``page 3: note by J. Smith "see exhibit 3.2"``."""
        author = f" by {self.author}" if self.author else ""
        text = f' "{_shortened(self.text)}"' if self.text else ""
        return f"page {self.page}: {self.kind}{author}{text}"


@dataclass(frozen=True)
class CommentUpdates:
    """What the revisions after the last signature add: comments, and the viewer's stamps.

    Attributes:
        comments: the comments, by page.
        stamped: the document information entries the viewer rewrote when saving them, in a
            user's words (``modification date``), in the order of ``VIEWER_STAMPS``.
        metadata: the viewer also wrote the document's XMP metadata (``verify_xmp``).
    """

    comments: tuple[AddedComment, ...]
    stamped: tuple[str, ...]
    metadata: bool = False


def comments_added_after(reader: PdfFileReader, signed_revision: int) -> CommentUpdates | None:
    """The comments that every revision after ``signed_revision`` adds, when comments (and a
    viewer's save stamps) are all those revisions add; None when they change anything else (or
    nothing follows).

    Args:
        reader: the whole file.
        signed_revision: the revision the last signature signs (0-based).
    """
    if signed_revision + 1 >= reader.xrefs.total_revisions:
        return None
    signed = reader.get_historical_resolver(signed_revision)
    now, then = reader.trailer.flatten(), signed.trailer_view
    if not _trailer_entries(now, then):
        return None
    stamped = _stamped_entries(reader, signed)
    if stamped is None:
        return None
    info = now.raw_get("/Info") if "/Info" in now else None
    info_ref = info.reference if isinstance(info, generic.IndirectObject) else None
    catalog_ref = now.raw_get("/Root").reference
    metadata_ref = _metadata_ref(reader.root)
    pages = _page_annotation_arrays(signed)
    written: set[generic.Reference] = set()
    for revision in range(signed_revision + 1, reader.xrefs.total_revisions):
        if reader.xrefs.refs_freed_in_revision(revision):
            return None
        written.update(reader.xrefs.explicit_refs_in_revision(revision))
    new = {ref for ref in written if reader.xrefs.get_introducing_revision(ref) > signed_revision}
    appended: list[tuple[int, generic.Reference]] = []
    metadata = False
    for ref in written - new:
        if ref == info_ref:
            continue
        if ref in (catalog_ref, metadata_ref):
            # Judged once for both: a viewer may rewrite the catalog and the stream together.
            metadata = metadata or _metadata_change(reader, signed, catalog_ref)
            if not metadata:
                return None
            continue
        found = _appended_annotations(reader, signed, ref, pages)
        if found is None:
            return None
        appended.extend(found)
    comments = []
    explained = {ref for ref in (info_ref, metadata_ref if metadata else None) if ref is not None}
    latest = reader.get_historical_resolver(reader.xrefs.total_revisions - 1)
    for page, ref in sorted(appended, key=lambda item: (item[0], item[1].idnum)):
        annotation = reader.get_object(ref)
        comment = _comment(annotation, page) if ref in new else None
        if comment is None:
            return None
        comments.append(comment)
        explained.add(ref)
        explained.update(latest.collect_dependencies(annotation, since_revision=signed_revision + 1))
    if any(ref not in explained and not _is_container(reader, ref) for ref in new):
        return None
    shown = tuple(comment for comment in comments if comment.kind != COMMENT_KINDS["/Popup"])
    return CommentUpdates(shown, stamped, metadata) if shown else None


def _trailer_entries(now: generic.DictionaryObject, then: generic.DictionaryObject) -> bool:
    """Whether the trailer still points at the same catalog and encryption (the document
    information may move: a viewer may write it as a new object)."""
    return all(now.raw_get(key) == then.raw_get(key) if key in then else key not in now
               for key in ("/Root", "/Encrypt"))


def _stamped_entries(reader: PdfFileReader, signed: HistoricalResolver) -> tuple[str, ...] | None:
    """The viewer's stamps in the document information as it is now against as it was signed;
    None when any other entry changed or an entry is not a plain string."""
    before = _info(signed.trailer_view, signed.get_object)
    after = _info(reader.trailer.flatten(), reader.get_object)
    if before is None or after is None:
        return None
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    if not changed <= VIEWER_STAMPS.keys():
        return None
    if any(not isinstance(after[key], (generic.TextStringObject, generic.ByteStringObject))
           for key in changed & after.keys()):
        return None
    return tuple(word for key, word in VIEWER_STAMPS.items() if key in changed)


def _info(trailer: generic.DictionaryObject,
          resolve: Callable[[generic.Reference], generic.PdfObject]) -> dict[str, generic.PdfObject] | None:
    """The document information's entries (empty when there is none); None when it is not a
    dictionary of direct values. ``resolve`` reads an object as of the trailer's revision."""
    if "/Info" not in trailer:
        return {}
    info = trailer.raw_get("/Info")
    if isinstance(info, generic.IndirectObject):
        info = resolve(info.reference)
    if not isinstance(info, generic.DictionaryObject) or isinstance(info, generic.StreamObject):
        return None
    entries = {str(key): info.raw_get(key) for key in info}
    if any(isinstance(item, generic.IndirectObject) for item in entries.values()):
        return None
    return entries


def _metadata_ref(catalog: generic.DictionaryObject) -> generic.Reference | None:
    item = catalog.raw_get("/Metadata") if "/Metadata" in catalog else None
    return item.reference if isinstance(item, generic.IndirectObject) else None


def _metadata_change(reader: PdfFileReader, signed: HistoricalResolver, catalog_ref: generic.Reference) -> bool:
    """Whether the catalog, and the XMP stream it points to, differ from the signed file only in
    what a viewer writes on save: the catalog's /Metadata (added or pointed elsewhere) and a
    stream of stamps that repeats the document information (``verify_xmp``)."""
    before, after = signed.get_object(catalog_ref), reader.root
    if not isinstance(before, generic.DictionaryObject):
        return False
    if {key: item for key, item in before.items() if key != "/Metadata"} != {
            key: item for key, item in after.items() if key != "/Metadata"}:
        return False
    metadata_ref = _metadata_ref(after)
    if metadata_ref is None:
        return False
    # Read by reference: resolving the catalog's entry would keep a copy the signature's own
    # validation cannot place in the file.
    stream = reader.get_object(metadata_ref)
    if not isinstance(stream, generic.StreamObject):
        return False
    if str(value(stream, "/Type")) != "/Metadata" or str(value(stream, "/Subtype")) != "/XML":
        return False
    if any(isinstance(stream.raw_get(key), generic.IndirectObject) for key in stream if key != "/Length"):
        return False
    info = _info(reader.trailer.flatten(), reader.get_object) or {}
    stated = {key: str(item) for key, item in info.items()
              if isinstance(item, (generic.TextStringObject, generic.ByteStringObject))}
    return viewer_metadata(stream.data, stated)


def _page_annotation_arrays(signed: HistoricalResolver) -> dict[generic.Reference, tuple[int, generic.Reference | None]]:
    """Each signed page, and each page's own /Annots array when it is a separate object, with
    the page's number and (for a page) the array's reference."""
    found: dict[generic.Reference, tuple[int, generic.Reference | None]] = {}
    for number, page_ref in enumerate(page_refs(signed), start=1):
        page = signed.get_object(page_ref)
        annots = page.raw_get("/Annots") if isinstance(page, generic.DictionaryObject) and "/Annots" in page else None
        array_ref = annots.reference if isinstance(annots, generic.IndirectObject) else None
        found[page_ref] = (number, array_ref)
        if array_ref is not None:
            found[array_ref] = (number, None)
    return found


def _appended_annotations(reader: PdfFileReader, signed: HistoricalResolver, ref: generic.Reference,
                          pages: dict[generic.Reference, tuple[int, generic.Reference | None]],
                          ) -> list[tuple[int, generic.Reference]] | None:
    """What a rewritten object of the signed file appends to a page's annotations: an empty
    list when it is unchanged, None when it changed in any other way."""
    before, after = signed.get_object(ref), reader.get_object(ref)
    if before == after:
        return []
    if ref not in pages:
        return None
    number, array_ref = pages[ref]
    if isinstance(before, generic.ArrayObject):
        return _grown(before, after, number)
    if not isinstance(before, generic.DictionaryObject) or not isinstance(after, generic.DictionaryObject):
        return None
    if {key: item for key, item in before.items() if key != "/Annots"} != {
            key: item for key, item in after.items() if key != "/Annots"}:
        return None
    if array_ref is not None:
        # The page kept its array as a separate object: that object is where comments go.
        return None
    old = before.raw_get("/Annots") if "/Annots" in before else generic.ArrayObject()
    return _grown(old, after.raw_get("/Annots"), number)


def _grown(before: generic.PdfObject, after: generic.PdfObject, page: int) -> list[tuple[int, generic.Reference]] | None:
    if not isinstance(before, generic.ArrayObject) or not isinstance(after, generic.ArrayObject):
        return None
    old, now = list(before), list(after)  # iterating keeps the references, indexing resolves them
    if now[:len(old)] != old:
        return None
    added = []
    for item in now[len(old):]:
        if not isinstance(item, generic.IndirectObject):
            return None
        added.append((page, item.reference))
    return added


def _comment(annotation: generic.PdfObject, page: int) -> AddedComment | None:
    if not isinstance(annotation, generic.DictionaryObject) or isinstance(annotation, generic.StreamObject):
        return None
    kind = COMMENT_KINDS.get(str(value(annotation, "/Subtype")))
    if kind is None or any(key in annotation for key in _ACTIONS):
        return None
    return AddedComment(page=page, kind=kind, author=_text(annotation, "/T"), text=_text(annotation, "/Contents"))


def _text(annotation: generic.DictionaryObject, key: str) -> str:
    item = value(annotation, key)
    return str(item) if isinstance(item, (generic.TextStringObject, generic.ByteStringObject)) else ""


def _is_container(reader: PdfFileReader, ref: generic.Reference) -> bool:
    """Cross-reference and object streams: the revision's own bookkeeping."""
    item = reader.get_object(ref)
    return isinstance(item, generic.StreamObject) and str(value(item, "/Type")) in _CONTAINERS


def _shortened(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"
