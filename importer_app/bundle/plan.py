"""The shape of a submission bundle, shared by the parts that build it.

The assembly numbers the exhibits and places them; the page generators (cover letter,
summary, evidence response, map, forms) receive this plan and never need page numbers, so
their page counts do not depend on where exhibits land.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from importer_app.core.byte_sizes import MB
from importer_app.core.model import Document

IMAGE_DPI_RANGE: Final = (100, 1200)
"""The resolutions ``optimize_images_dpi`` takes. Below 100 dpi, 5-point print on a colour
scan became a blur and a book page's body text barely legible (bench_bundle_size.py)."""

PAPER_SIZES: Final[dict[str, tuple[float, float]]] = {"letter": (612.0, 792.0), "a4": (595.2756, 841.8898)}
"""Width and height in points."""


@dataclass(frozen=True)
class BundleOptions:
    """How to build a bundle.

    Attributes:
        output: where the bundle goes (volumes become ``NAME-vol1.pdf``, ...).
        bates_prefix: the Bates prefix; empty derives one from the importer's name.
        first_number: the first Bates number.
        paper: ``letter`` or ``a4``, for generated pages.
        include_originals: attach every original file to the bundle.
        attach_originals_up_to_mb: attach only originals of at most this many MB (10^6 bytes);
            a larger one is listed in the manifest with its SHA-256, available on request.
            None attaches every original.
        optimize_images_dpi: resample the exhibits' images finer than this resolution to it, as
            JPEG (``bundle/images.py``); None keeps every image as it is (lossless).
        max_volume_mb: split into volumes no larger than this; None keeps one file.
        document_date: the date printed in the bundle and used in its metadata, so the same
            case and options give byte-identical output.
    """

    output: Path
    document_date: dt.date
    bates_prefix: str = ""
    first_number: int = 1
    paper: str = "letter"
    include_originals: bool = True
    max_volume_mb: float | None = None
    attach_originals_up_to_mb: float | None = None
    optimize_images_dpi: int | None = None

    def attaches(self, document: Document) -> bool:
        """Whether the original of ``document`` is attached to the bundle."""
        if not self.include_originals or document.hostile:
            return False
        return self.attach_originals_up_to_mb is None or document.size <= self.attach_originals_up_to_mb * MB


@dataclass(frozen=True)
class Step:
    """A step of the supply chain, from raw material (step 1) to the import.

    Attributes:
        number: 1-based, raw material first.
        title: e.g. ``Step 3: Kestrel Delta Spinning JSC (processor, VN)``.
        entity_ids: the entities whose documents form this step.
    """

    number: int
    title: str
    entity_ids: tuple[str, ...]


@dataclass(frozen=True)
class Exhibit:
    """One document as it appears in the bundle.

    Attributes:
        id: ``step.index``, e.g. ``3.2`` for the second document of step 3.
        step: the step number.
        document: the case's document.
        page_count: pages it takes in the bundle (1 for a slip sheet when it has no PDF); for a
            part, the pages of that part.
        first_page: for a part of an exhibit too large for one volume, the 0-based page of the
            document it starts at; 0 for a whole exhibit.
        part: which part this is, from 1; 1 for a whole exhibit.
        parts: how many parts the exhibit is cut into; 1 when it is whole.
        document_pages: the pages of the whole exhibit, when this is a part; 0 otherwise.
    """

    id: str
    step: int
    document: Document
    page_count: int
    first_page: int = 0
    part: int = 1
    parts: int = 1
    document_pages: int = 0

    @property
    def whole_pages(self) -> int:
        """The pages of the whole exhibit, whether this is a part or the whole."""
        return self.document_pages or self.page_count


@dataclass(frozen=True)
class BundlePlan:
    """The steps and exhibits in reading order."""

    steps: tuple[Step, ...]
    exhibits: tuple[Exhibit, ...]
    # Every company and transfer asks for its exhibits, often several times: looked up, not
    # searched, or a case of thousands of companies and documents costs their product.
    _by_step: dict[int, tuple[Exhibit, ...]] = field(init=False, repr=False, compare=False)
    _by_entity: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _by_link: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_step: dict[int, list[Exhibit]] = {}
        by_entity: dict[str, list[str]] = {}
        by_link: dict[str, list[str]] = {}
        for exhibit in self.exhibits:
            by_step.setdefault(exhibit.step, []).append(exhibit)
            for entity_id in dict.fromkeys(exhibit.document.entities):
                by_entity.setdefault(entity_id, []).append(exhibit.id)
            for link_id in dict.fromkeys(exhibit.document.links):
                by_link.setdefault(link_id, []).append(exhibit.id)
        object.__setattr__(self, "_by_step", {key: tuple(value) for key, value in by_step.items()})
        object.__setattr__(self, "_by_entity", {key: tuple(value) for key, value in by_entity.items()})
        object.__setattr__(self, "_by_link", {key: tuple(value) for key, value in by_link.items()})

    def exhibits_of_step(self, number: int) -> tuple[Exhibit, ...]:
        return self._by_step.get(number, ())

    def exhibit_ids_for_entity(self, entity_id: str) -> tuple[str, ...]:
        return self._by_entity.get(entity_id, ())

    def exhibit_ids_for_link(self, link_id: str) -> tuple[str, ...]:
        return self._by_link.get(link_id, ())
