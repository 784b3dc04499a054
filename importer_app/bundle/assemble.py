"""Binding one volume with pikepdf: pages copied, exhibits stamped, links, bookmarks, save.

A volume is bound in two steps. ``bind_exhibits`` copies and stamps the exhibits (the long
part, which reports progress and can be cancelled); it needs their Bates numbers but no page
numbers. ``finish`` puts the cover, the generated sections, the index and the manifest around
them, adds the links and bookmarks, and saves.

Pages are copied object by object into a page list the volume owns (``copy_foreign``), not
through ``Pdf.pages``, whose bookkeeping makes each append slower than the last: this is what
keeps a 5,000-page bundle within a small multiple of a plain ``qpdf --pages`` merge (see
``bench/bench_bundle.py``). Each source is opened from its bytes, copied and closed at once.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem

from importer_app import __version__
from importer_app.bundle import carry, images, links, pdf_version, stamp, subset_tags
from importer_app.bundle.attachments import placeholder
from importer_app.bundle.bates import BatesRange, bates
from importer_app.bundle.layout import Placement, VolumeLayout, part_bates
from importer_app.bundle.numbering import has_pdf
from importer_app.bundle.outline import Mark, write_outline
from importer_app.bundle.page_labels import finish_navigation
from importer_app.bundle.pages.facts import section_title
from importer_app.bundle.pages.links import SectionLink
from importer_app.bundle.pages.section import GeneratedSection
from importer_app.bundle.pages.templates import load_template
from importer_app.bundle.plan import BundleOptions, BundlePlan, Exhibit
from importer_app.bundle.sheets import LaidOut
from importer_app.core.errors import BundleCancelled, BundleError
from importer_app.core.progress import CancelToken

Box = tuple[float, float, float, float]
SignatureBox = tuple[int, Box]


@dataclass(frozen=True)
class Binding:
    """What every volume of one bundle shares.

    Attributes:
        plan: steps and exhibits.
        bates: the Bates numbers of every exhibit, by id.
        read_blob: the bytes of a stored file by SHA-256.
        options: the build options.
        info: the document information (title, author, subject, keywords).
        file_id: identifies the bundle's inputs; with the volume number it is each file's /ID.
    """

    plan: BundlePlan
    bates: Mapping[str, BatesRange]
    read_blob: Callable[[str], bytes]
    options: BundleOptions
    info: Mapping[str, str]
    file_id: bytes


@dataclass(frozen=True)
class VolumeParts:
    """The pages of one volume other than its exhibits', and where everything landed.

    Attributes:
        layout: the volume's page structure.
        cover: the "Volume k of n" cover; None for a single volume.
        before_index: generated sections before the index (volume 1).
        index: the index of exhibits (volume 1).
        after_index: generated sections after the index (volume 1).
        appendix: the manifest of original files (last volume).
        placements: where every exhibit of the bundle landed (the index links across volumes).
        paths: the file of every volume (a link to another volume names its file).
    """

    layout: VolumeLayout
    cover: LaidOut | None
    before_index: tuple[GeneratedSection, ...]
    index: LaidOut | None
    after_index: tuple[GeneratedSection, ...]
    appendix: LaidOut | None
    placements: Mapping[str, Placement]
    paths: tuple[Path, ...]


class VolumeBinder:
    """One volume while it is being bound."""

    def __init__(self, binding: Binding) -> None:
        self.binding = binding
        self.pdf = pikepdf.new()
        self.stamper = stamp.Stamper(self.pdf)
        self.exhibit_pages: list[Dictionary] = []
        self.source_versions: set[str] = set()
        self.back_links: list[tuple[int, stamp.Box]] = []
        # (step, title, first page counted from the first exhibit page, the document's bookmarks)
        self.entries: list[tuple[int, str, int, tuple[OutlineItem, ...]]] = []

    def bind_exhibits(self, exhibits: Sequence[Exhibit], slips: bytes | None, *, tick: Callable[[str], None],
                      cancel: CancelToken | None) -> None:
        """Copy and stamp ``exhibits``; ``slips`` has a page for each one without PDF, in order.

        Raises:
            BundleError: a document's PDF cannot be read or does not have its recorded pages.
            BundleCancelled: ``cancel`` was raised.
        """
        slip_pdf = pikepdf.open(io.BytesIO(slips)) if slips else None
        slip_pages = iter(slip_pdf.pages) if slip_pdf is not None else iter(())
        try:
            for exhibit in exhibits:
                if cancel is not None and cancel.cancelled:
                    raise BundleCancelled("The bundle was cancelled; nothing was written.")
                first = len(self.exhibit_pages)
                carried = self._bind_pdf(exhibit) if has_pdf(exhibit.document) else self._bind_slip(slip_pages)
                self._stamp(exhibit, first)
                document = exhibit.document
                title = document.title or document.original_name or document.path
                if exhibit.parts > 1:
                    title = load_template("assembly").text("parts", "bookmark", values={
                        "title": title, "part": str(exhibit.part), "parts": str(exhibit.parts)})
                self.entries.append((exhibit.step, f"{exhibit.id} {title}", first, carried))
                tick(exhibit.id)
        finally:
            if slip_pdf is not None:
                slip_pdf.close()

    def finish(self, parts: VolumeParts, out: BinaryIO) -> SignatureBox | None:
        """Add the other pages, the links and bookmarks, and save the volume to ``out``.

        Returns:
            Where its visible signature goes: the cover letter's box in volume 1, else the box
            on the volume cover; None when neither is bound.
        """
        front = _Pages(self.pdf)
        signature = front.add_all(parts)
        if len(front.pages) != parts.layout.first_exhibit_page:
            raise AssertionError("the front pages do not take the pages laid out for them")
        if self.entries:
            front.marks.append(self._exhibits_mark(len(front.pages)))
        appendix = len(front.pages) + len(self.exhibit_pages)
        pages = front.pages + self.exhibit_pages
        if parts.appendix is not None:
            front.marks.append(Mark(parts.appendix.sheet.title, appendix))
            pages += _Pages(self.pdf).copy(parts.appendix.draw())
        root = self.pdf.Root.Pages
        for page in pages:
            page.Parent = root
        root.Kids = Array(pages)
        root.Count = len(pages)
        if parts.index is not None:
            self._link_index(parts.index, parts, pages, front.index_start)
        front.link_sections(parts, pages)
        finish_navigation(self.pdf, self.stamper, parts.layout, pages, max(front.index_start, 0), self.back_links)
        write_outline(self.pdf, pages, front.marks)
        self._metadata(parts.layout)
        if self.binding.options.include_originals:
            placeholder(self.pdf)
        subset_tags.make_distinct(self.pdf)
        version = pdf_version.required(self.source_versions, layers=Name.OCProperties in self.pdf.Root,
                                       attachments=self.binding.options.include_originals)
        # The documents' streams pass through untouched (no decoding, no recompression): the
        # evidence keeps its bytes and the save costs a third. The classic cross-reference
        # table is what the attachments' incremental update extends.
        self.pdf.save(out, static_id=True, compress_streams=False, min_version=version,
                      stream_decode_level=pikepdf.StreamDecodeLevel.none,
                      object_stream_mode=pikepdf.ObjectStreamMode.disable)
        _set_file_id(out, self.binding.file_id + bytes([parts.layout.number]))
        return signature

    def _exhibits_mark(self, offset: int) -> Mark:
        titles = {step.number: step.title for step in self.binding.plan.steps}
        steps: dict[int, list[Mark]] = {}
        for step, title, first, carried in self.entries:
            steps.setdefault(step, []).append(Mark(title, offset + first, carried=carried))
        return Mark(section_title("exhibits"), offset, tuple(
            Mark(titles[number], marks[0].page, tuple(marks)) for number, marks in steps.items()))

    def _bind_pdf(self, exhibit: Exhibit) -> tuple[OutlineItem, ...]:
        document = exhibit.document
        data = self.binding.read_blob(document.bundle_sha256)
        try:
            with pikepdf.open(io.BytesIO(data)) as src:
                if len(src.pages) != exhibit.whole_pages:
                    raise BundleError(
                        f"The PDF of {document.path} has {len(src.pages)} pages, but the case records"
                        f" {exhibit.whole_pages}. Remove the document and add it again.")
                self.source_versions.add(src.pdf_version)
                carry.flatten_forms(src)
                if self.binding.options.optimize_images_dpi is not None:
                    images.downsample_images(src, self.binding.options.optimize_images_dpi)
                copies: list[Dictionary] = []
                page_map: dict[tuple[int, int], Dictionary] = {}
                for page in src.pages[exhibit.first_page:exhibit.first_page + exhibit.page_count]:
                    stamp.push_inherited(page.obj)
                    copy = self.pdf.copy_foreign(page.obj)
                    if page.obj.objgen in page_map:
                        # One page object listed twice in the page tree: each place gets its own
                        # page, or it would be stamped twice.
                        copy = self.pdf.make_indirect(Dictionary(dict(copy.items())))
                    page_map.setdefault(page.obj.objgen, copy)
                    copies.append(copy)
                carry.relink(src, copies, page_map)
                carry.carry_layers(src, self.pdf)
                carried = carry.carry_outline(src, page_map)
        except pikepdf.PdfError as error:
            raise BundleError(f"The PDF of {document.path} cannot be bound ({error}). Remove the document"
                              " and add it again.") from error
        self.exhibit_pages += copies
        return carried

    def _bind_slip(self, slip_pages: Iterator[pikepdf.Page]) -> tuple[OutlineItem, ...]:
        self.exhibit_pages.append(self.pdf.copy_foreign(next(slip_pages).obj))
        return ()

    def _stamp(self, exhibit: Exhibit, first: int) -> None:
        words = load_template("assembly")
        numbers = part_bates(self.binding.bates[exhibit.id], exhibit)
        for offset, page in enumerate(self.exhibit_pages[first:]):
            left = words.text("stamp", "left", values={"exhibit": exhibit.id, "page": str(exhibit.first_page + offset + 1),
                                                       "pages": str(exhibit.whole_pages)})
            box = self.stamper.stamp(page, left, bates(numbers.prefix, numbers.first + offset, numbers.digits),
                                     words.text("stamp", "index"))
            self.back_links += [(first + offset, box)] if box is not None else []

    def _link_index(self, index: LaidOut, parts: VolumeParts, pages: Sequence[Dictionary], index_start: int) -> None:
        requests = [(index_start + page, box, exhibit_id) for exhibit_id, (page, box) in index.boxes().items()]
        links.link_exhibits(self.pdf, requests, parts.placements, volume=parts.layout.number, pages=pages,
                            paths=parts.paths)

    def _metadata(self, layout: VolumeLayout) -> None:
        info = dict(self.binding.info)
        if layout.count > 1:
            info["/Title"] += f" - volume {layout.number} of {layout.count}"
        date = _pdf_date(self.binding.options.document_date)
        info.update({"/Creator": "importer_app", "/Producer": f"importer_app {__version__}", "/CreationDate": date,
                     "/ModDate": date})
        self.pdf.trailer.Info = self.pdf.make_indirect(
            Dictionary({key: pikepdf.String(value) for key, value in info.items()}))
        self.pdf.Root.PageMode = Name.UseOutlines
        self.pdf.Root.Lang = pikepdf.String("en-US")
        self.pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)


class _Pages:
    """Generated pages copied into a volume, with their bookmarks."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.pages: list[Dictionary] = []
        self.marks: list[Mark] = []
        self.index_start = -1
        self.links: list[tuple[int, SectionLink]] = []

    def copy(self, data: bytes) -> list[Dictionary]:
        """Copy every page of a generated PDF; returns the copies."""
        with pikepdf.open(io.BytesIO(data)) as src:
            copies = []
            for page in src.pages:
                stamp.push_inherited(page.obj)
                copies.append(self.pdf.copy_foreign(page.obj))
        self.pages += copies
        return copies

    def add_all(self, parts: VolumeParts) -> SignatureBox | None:
        """Cover, sections and index in order; returns the signature box of the volume."""
        signature: SignatureBox | None = None
        if parts.cover is not None:
            self.marks.append(Mark(parts.cover.sheet.title, len(self.pages)))
            self.copy(parts.cover.draw())
            signature = parts.cover.signature_box()
        for section in parts.before_index:
            signature = self._section(section) or signature
        if parts.index is not None:
            self.index_start = len(self.pages)
            self.marks.append(Mark(parts.index.sheet.title, self.index_start))
            self.copy(parts.index.draw())
        for section in parts.after_index:
            signature = self._section(section) or signature
        return signature

    def link_sections(self, parts: VolumeParts, pages: Sequence[Dictionary]) -> None:
        """The generated sections' links, now that every exhibit has its page."""
        for start, link in self.links:
            if link.exhibit:
                links.link_exhibits(self.pdf, [(start + link.page, link.rect, link.exhibit)], parts.placements,
                                    volume=parts.layout.number, pages=pages, paths=parts.paths)
            else:
                links.link_to_page(self.pdf, pages[start + link.page], link.rect, pages[start + link.to_page])

    def _section(self, section: GeneratedSection) -> SignatureBox | None:
        start = len(self.pages)
        self.copy(section.pdf)
        self.marks.append(Mark(section.title, start, tuple(Mark(title, start + page)
                                                           for title, page in section.bookmarks)))
        self.links += [(start, link) for link in section.links]
        if section.signature_box is None:
            return None
        page, box = section.signature_box
        return start + page, box


def _set_file_id(out: BinaryIO, file_id: bytes) -> None:
    """Put ``file_id`` into the trailer in place of qpdf's fixed ``static_id`` value.

    qpdf's own content-derived ID (``deterministic_id``) hashes the whole output, which costs a
    tenth of a large build; the build's inputs already name the bundle exactly.
    """
    fixed = b"<31415926535897932384626433832795>"
    real = b"<" + file_id[:16].hex().encode() + b">"
    end = out.seek(0, 2)
    start = max(0, end - 4096)
    out.seek(start)
    tail = out.read()
    trailer = tail.rfind(b"trailer")
    if trailer < 0 or tail.count(fixed, trailer) != 2:
        raise AssertionError("qpdf wrote no static /ID in the trailer")
    out.seek(start + trailer)
    out.write(tail[trailer:].replace(fixed, real))
    out.seek(0, 2)


def _pdf_date(day: dt.date) -> str:
    return f"D:{day:%Y%m%d}000000Z"

