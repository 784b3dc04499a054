"""Build the submission bundle: one PDF (or volumes) a CBP officer reads like a book.

``build`` numbers the exhibits, has the generated sections drawn, lays every page out,
binds each volume with pikepdf into a temporary file beside the target, appends the original
files, lets the caller finish each temporary file (signing), and renames the volumes into place
only when all of them are complete. A failure, a cancel or a crash leaves nothing at the
target paths that is not the finished bundle. The same case and options give the same bytes:
every date is the options' document date and the file ID is derived from the content.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import os
import secrets
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from importer_app import __version__
from importer_app.bundle import volumes as volume_split
from importer_app.bundle.assemble import (
    Binding,
    SignatureBox,
    VolumeBinder,
    VolumeParts,
)
from importer_app.bundle.attachments import Attachment, append_attachments
from importer_app.bundle.bates import BatesRange, check_prefix, derive_prefix
from importer_app.bundle.front import (
    FrontMatter,
    FrontMatterMaker,
    standard_front_matter,
)
from importer_app.bundle.index_pages import index_sheet, volume_sheet
from importer_app.bundle.layout import Placement, VolumeLayout, bates_numbers, lay_out
from importer_app.bundle.manifest import NAME as MANIFEST_NAME
from importer_app.bundle.manifest import (
    Original,
    manifest_json,
    manifest_sheet,
    originals,
    withholds,
)
from importer_app.bundle.numbering import has_pdf, number_exhibits
from importer_app.bundle.pages.section import GeneratedSection
from importer_app.bundle.plan import BundleOptions, BundlePlan, Exhibit
from importer_app.bundle.sheets import LaidOut
from importer_app.bundle.slipsheet import slip_sheets
from importer_app.bundle.source import BundleSource
from importer_app.core import vocab
from importer_app.core.byte_sizes import MB, size_against, size_text
from importer_app.core.catalog import Catalog, load_catalog
from importer_app.core.display_names import clean_name
from importer_app.core.engine import evaluate
from importer_app.core.errors import BundleCancelled, BundleError
from importer_app.core.model import Case
from importer_app.core.progress import CancelToken, Progress
from importer_app.core.report import Report
from importer_app.screening.in_case import case_screening
from importer_app.core.plural import counted

_ATTEMPTS = 3
"""Volume splits tried before an over-size volume is only reported: estimates rarely miss twice."""
_VOLUME_FIXED = 100_000
"""Bytes every volume has besides its exhibits: cover, fonts, outline, manifest.json (about
80 KB measured, most of it the embedded font subsets)."""


@dataclass(frozen=True)
class VolumeResult:
    """One file written.

    Attributes:
        number: 1-based.
        path: where it was written.
        page_count: its pages.
        size: its bytes.
        exhibits: ids of its exhibits, in order.
        bates: its Bates numbers; None when it holds no exhibit.
        signature: ``(page_index, (x1, y1, x2, y2))``, where the visible signature goes (the
            cover letter's box in volume 1, the box on the cover of the others), in points.
    """

    number: int
    path: Path
    page_count: int
    size: int
    exhibits: tuple[str, ...]
    bates: BatesRange | None
    signature: SignatureBox | None


@dataclass(frozen=True)
class BundleResult:
    """What ``build`` wrote.

    Attributes:
        volumes: every file written, in order.
        plan: the steps and exhibits.
        placements: each exhibit's volume, first page and Bates numbers, by id.
        bates_prefix: the prefix used.
        warnings: sentences for the user: missing items, slip sheets, over-size volumes.
    """

    volumes: tuple[VolumeResult, ...]
    plan: BundlePlan
    placements: Mapping[str, Placement]
    bates_prefix: str
    warnings: tuple[str, ...]

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(volume.path for volume in self.volumes)

    @property
    def page_count(self) -> int:
        return sum(volume.page_count for volume in self.volumes)


def build(source: BundleSource, options: BundleOptions, *, progress: Progress | None = None,
          cancel: CancelToken | None = None, catalog: Catalog | None = None,
          front_matter: FrontMatterMaker = standard_front_matter,
          finish_volume: Callable[[Path, VolumeResult], None] | None = None) -> BundleResult:
    """Build the bundle of ``source`` as ``options`` say.

    Args:
        source: the case and its stored files.
        options: output path, Bates numbering, paper, originals, volume size, document date.
        progress: called with ``(done, total, what)`` as exhibits are bound.
        cancel: checked between exhibits; a cancelled build writes nothing.
        catalog: the requirement catalog; loaded when not given.
        front_matter: draws the letter, summary, report (with the screening record), map and
            forms (tests draw less); called with the screening as keyword ``screening``.
        finish_volume: called with each complete volume's temporary file (and the volume)
            before any is renamed into place; signing happens here, so that a bundle that
            was to be signed never stands at the target unsigned, even after a crash. The
            size limit holds for the finished file: the split keeps
            ``volumes.SIGNATURE_RESERVE`` bytes free for it, and a volume it still pushes over
            the limit is split again and finished again.

    Raises:
        BundleError: the target folder is missing, a stored file cannot be bound, or the
            Bates prefix is unusable.
        BundleCancelled: ``cancel`` was raised; nothing was written.
        Whatever ``finish_volume`` raises (nothing is written then either).
    """
    source = dataclasses.replace(source, case=_shown_names(source.case))
    case = source.case
    folder = options.output.parent
    if not folder.is_dir():
        raise BundleError(f"The folder {folder} does not exist; create it or choose another place for the bundle.")
    prefix = check_prefix(options.bates_prefix or derive_prefix(case.shipment.importer_of_record))
    _remove_leftovers(options.output)
    catalog = catalog or load_catalog()
    screening = case_screening(case, source.lists, source.lists_in_case, options.document_date)
    report = evaluate(case, catalog, options.document_date, screening.state)
    plan = number_exhibits(case)
    front = front_matter(case, report, catalog, plan, options, source.settings, screening=screening)
    job = _Job(source, options, plan, front, prefix, progress, cancel, _fingerprint(source, options, catalog),
               finish_volume)
    limit = int(options.max_volume_mb * volume_split.MB) if options.max_volume_mb else None
    reserve = volume_split.SIGNATURE_RESERVE if finish_volume is not None else 0
    budget = max(limit - reserve, 0) if limit is not None else None
    for attempt in range(_ATTEMPTS):
        written = job.seal(job.write(budget))
        if limit is None or budget is None:
            break
        count = len(written.volumes)
        over = [(v.size, estimate) for v, pieces, estimate in zip(
                    written.volumes, written.split.volumes, written.split.estimates, strict=True)
                if v.size > limit and _can_shrink(v.number, count, pieces)]
        if not over or attempt == _ATTEMPTS - 1:
            break
        job.discard(written)
        # The estimates fell short: split again with the budget shrunk by the worst shortfall
        # of an estimate against the file it gave, so that the next estimate of that volume
        # stays under the limit.
        budget = min(int(budget * 0.97), min(int(limit * estimate / size * 0.97) for size, estimate in over))
    return job.finish(written, report, limit)


def _can_shrink(number: int, count: int, pieces: Sequence[Exhibit]) -> bool:
    """Whether splitting again can make volume ``number`` of ``count`` smaller: it holds more
    than one page of exhibits, or, as the last, the manifest beside an exhibit or the front
    matter (the manifest can move to a volume of its own)."""
    if len(pieces) > 1 or (pieces and pieces[0].page_count > 1):
        return True
    return number == count and (bool(pieces) or number == 1)


@dataclass(frozen=True)
class _Written:
    volumes: tuple[VolumeResult, ...]
    temps: tuple[Path, ...]
    placements: Mapping[str, Placement]
    split: volume_split.Split


class _Job:
    """One build: the parts that do not change when the volumes are split again."""

    def __init__(self, source: BundleSource, options: BundleOptions, plan: BundlePlan, front: FrontMatter,
                 prefix: str, progress: Progress | None, cancel: CancelToken | None, fingerprint: bytes,
                 finish_volume: Callable[[Path, VolumeResult], None] | None) -> None:
        self.source = source
        self.finish_volume = finish_volume
        self.options = options
        self.plan = plan
        self.front = front
        self.progress = progress
        self.cancel = cancel
        self.fingerprint = fingerprint
        self.prefix = prefix
        self.bates = bates_numbers(plan.exhibits, prefix, options.first_number)
        self.page_sizes: dict[str, list[int]] = {}
        self.appendix_bytes: int | None = None

    def write(self, budget: int | None) -> _Written:
        """Every volume written to a temporary file beside its target.

        Args:
            budget: the most bytes a volume may take by estimate; None for one volume.
        """
        case, options, plan = self.source.case, self.options, self.plan
        split = volume_split.split(plan.exhibits, self._costs(), limit=budget, fixed=_VOLUME_FIXED,
                                   first_extra=sum(len(section.pdf) for section in _sections(self.front)),
                                   last_extra=self._appendix_bytes() if budget is not None else 0,
                                   page_costs=self._page_costs)
        paths = volume_split.volume_paths(options.output, len(split.volumes))
        volume_of: dict[str, int] = {}
        for number, exhibits in enumerate(split.volumes, start=1):
            for exhibit in exhibits:
                volume_of.setdefault(exhibit.id, number)  # an exhibit cut into parts: its first part's
        listed = originals(plan, volume_of, self.bates, self.source.received, options)
        appendix = manifest_sheet(case, listed, options)
        # Volume files name each other in cross-volume links, so their names are content too.
        names = b"|".join(path.name.encode() for path in paths) if len(paths) > 1 else b""
        binding = Binding(plan=plan, bates=self.bates, read_blob=self.source.read_blob, options=options,
                          info=_info(case), file_id=hashlib.sha256(self.fingerprint + names).digest())
        layouts, placements, index = self._lay_out(split, paths, appendix)
        tick = self._ticker(len(plan.exhibits) + len(paths))
        results: list[VolumeResult] = []
        temps: list[Path] = []
        try:
            for layout in layouts:
                first = layout.number == 1
                parts = VolumeParts(
                    layout=layout,
                    cover=volume_sheet(case, layouts, layout.number, options) if len(layouts) > 1 else None,
                    before_index=self.front.before_index if first else (),
                    index=index if first else None,
                    after_index=self.front.after_index if first else (),
                    appendix=appendix if layout.is_last else None,
                    placements=placements,
                    paths=paths,
                )
                with _temporary(layout.path, temps) as stream:
                    signature = self._bind(binding, parts, listed, stream, tick)
                    if options.include_originals:
                        mine = [item for item in listed if item.volume == layout.number]
                        append_attachments(stream, self._attachments(layout, mine, split), cancel=self.cancel)
                    tick(layout.path.name)
                    size = stream.tell()
                results.append(VolumeResult(
                    number=layout.number, path=layout.path, page_count=layout.page_count, size=size,
                    exhibits=tuple(e.id for e in layout.exhibits), bates=layout.bates, signature=signature))
        except OSError as error:
            self.discard(_Written((), tuple(temps), placements, split))
            raise BundleError(_write_failed(self.options.output.parent, error)) from error
        except BaseException:
            self.discard(_Written((), tuple(temps), placements, split))
            raise
        return _Written(tuple(results), tuple(temps), placements, split)

    def _bind(self, binding: Binding, parts: VolumeParts, listed: Sequence[Original], stream: IO[bytes],
              tick: Callable[[str], None]) -> SignatureBox | None:
        """Bind one volume's pages into ``stream``.

        The binder lives only here: its copied pages hold the volume's page data, and the
        originals appended next need the room.
        """
        binder = VolumeBinder(binding)
        binder.bind_exhibits(parts.layout.exhibits, self._slips(parts.layout.exhibits, listed), tick=tick,
                             cancel=self.cancel)
        return binder.finish(parts, stream)

    def _lay_out(self, split: volume_split.Split, paths: Sequence[Path],
                 appendix: LaidOut) -> tuple[tuple[VolumeLayout, ...], dict[str, Placement], LaidOut]:
        """Every volume's pages, every exhibit's place, and the index that lists them."""
        case, options, plan = self.source.case, self.options, self.plan
        sections = _sections(self.front)
        index_pages = index_sheet(case, plan, self.bates, None, options, volumes=len(paths)).pages
        front_pages = index_pages + sum(section.page_count for section in sections)
        cover_pages = 0
        if len(paths) > 1:
            # A cover's length depends only on how many volumes it lists.
            draft, _ = lay_out(split.volumes, paths, self.bates, cover_pages=0, front_pages=front_pages,
                               appendix_pages=appendix.pages)
            cover_pages = volume_sheet(case, draft, 1, options).pages
        layouts, placements = lay_out(split.volumes, paths, self.bates, cover_pages=cover_pages,
                                      front_pages=front_pages, appendix_pages=appendix.pages)
        return layouts, placements, index_sheet(case, plan, self.bates, placements, options, volumes=len(paths))

    def _ticker(self, total: int) -> Callable[[str], None]:
        done = 0

        def tick(what: str) -> None:
            nonlocal done
            done += 1
            if self.progress is not None:
                self.progress(done, total, what)

        return tick

    def discard(self, written: _Written) -> None:
        for temp in written.temps:
            temp.unlink(missing_ok=True)

    def seal(self, written: _Written) -> _Written:
        """``written`` after ``finish_volume`` (signing), with the sizes of the finished files."""
        if self.finish_volume is None:
            return written
        try:
            for temp, volume in zip(written.temps, written.volumes, strict=True):
                self.finish_volume(temp, volume)
            volumes = tuple(dataclasses.replace(volume, size=temp.stat().st_size)
                            for temp, volume in zip(written.temps, written.volumes, strict=True))
        except OSError as error:
            self.discard(written)
            raise BundleError(_write_failed(self.options.output.parent, error)) from error
        except BaseException:
            self.discard(written)
            raise
        return dataclasses.replace(written, volumes=volumes)

    def finish(self, written: _Written, report: Report, limit: int | None) -> BundleResult:
        volumes = written.volumes
        try:
            if self.cancel is not None and self.cancel.cancelled:
                raise BundleCancelled("The bundle was cancelled; nothing was written.")
            for temp, volume in zip(written.temps, volumes, strict=True):
                os.replace(temp, volume.path)
        except OSError as error:
            self.discard(written)
            raise BundleError(_write_failed(self.options.output.parent, error)) from error
        except BaseException:
            self.discard(written)
            raise
        return BundleResult(volumes=volumes, plan=self.plan, placements=written.placements,
                            bates_prefix=self.prefix, warnings=self._warnings(written, report, limit))

    def _costs(self) -> dict[str, int]:
        sizes = self.source.sizes
        costs = {}
        for exhibit in self.plan.exhibits:
            document = exhibit.document
            pdf = sizes.get(document.bundle_sha256, document.size) if has_pdf(document) else 3_000
            original = document.size if self.options.attaches(document) else 0
            costs[exhibit.id] = volume_split.exhibit_cost(exhibit, pdf, original)
        return costs

    def _appendix_bytes(self) -> int:
        """The estimated bytes of the manifest of originals (its pages and ``manifest.json``),
        which the last volume carries; it lists every original whichever volume it is in."""
        if self.appendix_bytes is None:
            listed = originals(self.plan, dict.fromkeys((e.id for e in self.plan.exhibits), 1), self.bates,
                               self.source.received, self.options)
            json_bytes = len(manifest_json(self.source.case, self.options, listed, volume=1, volumes=1))
            self.appendix_bytes = len(manifest_sheet(self.source.case, listed, self.options).draw()) + json_bytes
        return self.appendix_bytes

    def _page_costs(self, exhibit: Exhibit) -> list[int]:
        """The estimated bytes of each page of an exhibit larger than a volume, measured once."""
        if exhibit.id not in self.page_sizes:
            document = exhibit.document
            original = document.size if self.options.attaches(document) else 0
            self.page_sizes[exhibit.id] = volume_split.page_costs(self.source.read_blob(document.bundle_sha256),
                                                                  original)
        return self.page_sizes[exhibit.id]

    def _slips(self, exhibits: Sequence[Exhibit], listed: Sequence[Original]) -> bytes | None:
        by_id = {item.exhibit: item for item in listed}
        items = [(e.document.title or by_id[e.id].file_name, by_id[e.id]) for e in exhibits if not has_pdf(e.document)]
        return slip_sheets(items, self.options) if items else None

    def _attachments(self, layout: VolumeLayout, mine: Sequence[Original], split: volume_split.Split) -> list[Attachment]:
        read = self.source.read_blob
        files = [Attachment(name=item.attachment, description=f"Exhibit {item.exhibit}: original file",
                            media_type=item.media_type, read=lambda sha=item.sha256: read(sha))
                 for item in mine if not item.withheld]
        limit = int(self.options.max_volume_mb * volume_split.MB) if self.options.max_volume_mb else None
        manifest = manifest_json(self.source.case, self.options, mine, volume=layout.number, volumes=layout.count,
                                 over_limit=[{"exhibit": page.exhibit, "page": page.page, "size": page.size,
                                              "limit": limit} for page in split.oversize_pages])
        files.append(Attachment(name=MANIFEST_NAME, description="Originals attached to this volume, with SHA-256",
                                media_type="application/json", read=lambda: manifest))
        return files

    def _warnings(self, written: _Written, report: Report, limit: int | None) -> tuple[str, ...]:
        warnings = []
        missing = report.counts.get("missing", 0)
        if missing:
            warnings.append(f"The evidence response lists {counted(missing, 'missing item')}, each with the importer's"
                            " explanation where the case records one.")
        if not self.plan.exhibits:
            warnings.append("The case has no documents: the bundle has no exhibits.")
        warnings += [f"Exhibit {e.id} ({e.document.path}) has no PDF pages: a slip sheet stands in for it"
                     f"{' and the original is attached' if self.options.attaches(e.document) else ''}."
                     for e in self.plan.exhibits if not has_pdf(e.document)]
        withheld = [e.id for e in self.plan.exhibits if withholds(e.document)]
        if withheld and self.options.include_originals:
            warnings.append(f"The original{'s' if len(withheld) > 1 else ''} of exhibit{'s' if len(withheld) > 1 else ''}"
                            f" {', '.join(withheld)} {'are' if len(withheld) > 1 else 'is'} not attached: intake found"
                            " active content in it (the bundle shows the cleaned pages; the manifest lists its SHA-256).")
        large = [e.id for e in self.plan.exhibits if not withholds(e.document) and not self.options.attaches(e.document)]
        if large and self.options.include_originals:
            warnings.append(f"The original{'s' if len(large) > 1 else ''} of exhibit{'s' if len(large) > 1 else ''}"
                            f" {', '.join(large)} {'are' if len(large) > 1 else 'is'} larger than"
                            f" {size_text(self.options.attach_originals_up_to_mb * MB)} and not attached: the manifest lists"
                            f" {'them' if len(large) > 1 else 'it'} with the SHA-256 as available on request.")
        if limit is not None:
            warnings += _size_warnings(written, limit, self.options.include_originals)
        warnings += [f"{stale.name} is from an earlier build and is not part of this one; delete it before sending."
                     for stale in _stale_volumes(self.options.output, len(written.volumes))]
        return tuple(warnings)


def _size_warnings(written: _Written, limit: int, originals: bool) -> list[str]:
    """Exhibits cut across volumes, and volumes over the limit with what makes them so."""
    shown = size_text(limit)
    warnings = []
    split = written.split
    for exhibit_id in split.cut:
        volumes = [number for number, pieces in enumerate(split.volumes, start=1)
                   for piece in pieces if piece.id == exhibit_id]
        warnings.append(f"Exhibit {exhibit_id} is larger than the {shown} volume size limit, so it is cut at page"
                        f" boundaries into {len(volumes)} parts, in volumes {volumes[0]} to {volumes[-1]}; the index,"
                        " the bookmarks and every page's stamp say where each part is.")
    pages = {(page.exhibit, page.page): page for page in split.oversize_pages}
    for volume, pieces in zip(written.volumes, split.volumes, strict=True):
        if volume.size <= limit:
            continue
        size = f"{volume.path.name} is {size_against(volume.size, limit)}, over the {shown} limit"
        alone = pages.get((pieces[0].id, pieces[0].first_page + 1)) if len(pieces) == 1 else None
        document = pieces[0].document if alone is not None else None
        if document is not None and originals and pieces[0].first_page == 0 and _VOLUME_FIXED + document.size > limit:
            warnings.append(f"The original file of exhibit {alone.exhibit} ({size_text(document.size)}) is attached"
                            f" beside its first page and alone is larger than a volume may be: {size}. Build"
                            " without the original files (they can be sent on request) or raise the limit.")
            continue
        if alone is None:
            warnings.append(f"{size}.")
            continue
        page = f"Page {alone.page} of exhibit {alone.exhibit}" if pieces[0].whole_pages > 1 else \
            f"Exhibit {alone.exhibit} (one page)"
        warnings.append(f"{page} alone is about {size_text(alone.size)}, and a page cannot be"
                        f" split: {size}. Make that page smaller (scan it at a lower resolution) or raise the limit.")
    return warnings


def _sections(front: FrontMatter) -> tuple[GeneratedSection, ...]:
    return (*front.before_index, *front.after_index)


@contextlib.contextmanager
def _temporary(target: Path, temps: list[Path]) -> Iterator[IO[bytes]]:
    """A new file beside ``target`` (same disk, so the rename is atomic), listed in ``temps``.

    Opened like any new file (not ``mkstemp``, whose owner-only mode the bundle would keep).
    """
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.partial")
    with temp.open("x+b") as stream:
        temps.append(temp)
        yield stream


def _write_failed(folder: Path, error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return (f"The disk holding {folder} is full, so the bundle could not be written there. Free some space or"
                " choose another folder; nothing was written and the case is unchanged.")
    return f"The bundle could not be written to {folder} ({error.strerror or error}); nothing was written."


def _remove_leftovers(output: Path) -> None:
    """Delete the hidden temporary files a build or signing of this bundle left when it was
    killed (``.NAME.*.partial``, ``..NAME.*.part``): nobody else writes files named so."""
    names = (output.name, f"{output.stem}-vol*{output.suffix}")
    for name in names:
        for pattern in (f".{name}.*.partial", f".{name}.*.part", f"..{name}.*.partial.*.part"):
            for leftover in output.parent.glob(pattern):
                with contextlib.suppress(OSError):
                    leftover.unlink()


def _stale_volumes(output: Path, count: int) -> list[Path]:
    names = {path.name for path in volume_split.volume_paths(output, count)}
    pattern = f"{output.stem}-vol*{output.suffix or '.pdf'}"
    return sorted(path for path in output.parent.glob(pattern) if path.name not in names)


def _fingerprint(source: BundleSource, options: BundleOptions, catalog: Catalog) -> bytes:
    """A digest of everything the bundle's bytes depend on, for its file ID.

    The output path is left out (the same bundle written elsewhere is the same bundle);
    the case's documents carry the hashes of their bytes. The screening record adds the list
    versions, each named by its file's SHA-256 (its entities follow from the bytes) and what
    the record prints of it, and the decisions on candidates (also part of the case).
    """
    lists = sorted((list_id, snapshot.sha256, snapshot.file_name, snapshot.imported_at.isoformat(),
                    snapshot.confirmed_at.isoformat(), list_id in source.lists_in_case)
                   for list_id, snapshot in source.lists.items())
    inputs = (__version__, catalog.version, source.case, sorted(source.settings.items()),
              sorted(source.received.items()), options.bates_prefix, options.first_number, options.paper,
              options.include_originals, options.max_volume_mb, options.attach_originals_up_to_mb,
              options.optimize_images_dpi,
              options.document_date, lists,
              source.case.screening_decisions)
    return hashlib.sha256(repr(inputs).encode()).digest()


def _shown_names(case: Case) -> Case:
    """The case with every document's title and received name as they may be printed: a
    right-to-left override or another invisible character would show CBP a different name."""
    documents = tuple(dataclasses.replace(d, title=clean_name(d.title), original_name=clean_name(d.original_name))
                      for d in case.documents)
    return dataclasses.replace(case, documents=documents) if documents != case.documents else case


def _info(case: Case) -> dict[str, str]:
    shipment = case.shipment
    return {
        "/Title": f"{shipment.display_title}: submission to U.S. Customs and Border Protection",
        "/Author": shipment.importer_of_record,
        "/Subject": f"{vocab.REGIME_LABELS.get(shipment.regime, shipment.regime)}, entry {shipment.entry_number}",
        "/Keywords": " ".join(filter(None, [shipment.entry_number, shipment.detention_number])),
    }
