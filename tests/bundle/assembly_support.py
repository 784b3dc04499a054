"""Test material for the bundle assembly: cases, quick front matter, and ways to read a bundle.

The demo case is written once per session and copied when a test changes it. Tests that are
about the assembly, not the generated sections, bind a one-page placeholder per section
(``quick_front``), which keeps a build to a fraction of a second.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import html
import io
import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from importer_app.bundle.build import BundleResult, BundleSource, build
from importer_app.bundle.front import FrontMatter
from importer_app.bundle.pages.section import GeneratedSection
from importer_app.bundle.plan import BundleOptions, BundlePlan
from importer_app.core.catalog import Catalog, load_catalog
from importer_app.core.model import Case, Document, Entity, Link, PageInfo, Shipment
from importer_app.core.report import Report
from importer_app.demo import create_demo_case
from importer_app.screening.in_case import CaseScreening
from importer_app.store.casefile import CaseFile, write_new_case

DOCUMENT_DATE = dt.date(2026, 11, 28)


@functools.cache
def catalog() -> Catalog:
    return load_catalog()


def demo_case(tmp_path_factory: pytest.TempPathFactory, regime: str = "uflpa-applicability") -> Path:
    """The demo case file as ``importer-app demo`` writes it (both fictional lists kept, one
    candidate hit dismissed), made once per session (read it only)."""
    return _demo_case(regime, tmp_path_factory.getbasetemp())


@functools.cache
def _demo_case(regime: str, base: Path) -> Path:
    folder = base / f"demo-{regime}"
    folder.mkdir()
    create_demo_case(folder / "demo.tcase", catalog(), regime=regime, today=DOCUMENT_DATE)
    return folder / "demo.tcase"


def copy_case(case_path: Path, target: Path) -> Path:
    """A copy of a case file the test may change."""
    shutil.copyfile(case_path, target)
    return target


def quick_front(case: Case, report: Report, catalog: Catalog, plan: BundlePlan, options: BundleOptions,
                settings: Mapping[str, str], *, screening: CaseScreening | None = None) -> FrontMatter:
    """Placeholder sections, one page each (two for the letter, signed on its second page)."""
    return FrontMatter(
        before_index=(section("Cover letter", 2, signature=(1, (72.0, 400.0, 292.0, 462.0))),
                      section("Executive summary", 1)),
        after_index=(section("Evidence response", 1), section("Supply chain map", 1)),
    )


def section(title: str, pages: int, *, signature: tuple[int, tuple[float, float, float, float]] | None = None
            ) -> GeneratedSection:
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    for page in range(pages):
        canvas.drawString(72, 720, f"{title}, page {page + 1}")
        canvas.showPage()
    canvas.save()
    return GeneratedSection(title=title, pdf=out.getvalue(), bookmarks=((f"{title} detail", pages - 1),),
                            signature_box=signature, page_count=pages)


def build_case(case_path: Path, output: Path, *, quick: bool = True, **options: object) -> BundleResult:
    """Build the bundle of a case file (with placeholder sections unless ``quick`` is False)."""
    with CaseFile.open(case_path, readonly=True) as casefile:
        return build(BundleSource.from_casefile(casefile),
                     BundleOptions(output=output, document_date=DOCUMENT_DATE, **options),  # type: ignore[arg-type]
                     catalog=catalog(), **({"front_matter": quick_front} if quick else {}))


# -- small cases from PDFs made in the test ------------------------------------------------


@dataclass(frozen=True)
class Doc:
    """A document for ``small_case``: its bytes and how it is tied into the chain."""

    name: str
    data: bytes
    entities: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    needs_rendition: bool = False
    media_type: str = "application/pdf"


def small_case(path: Path, docs: Sequence[Doc], *, importer: str = "Acme Apparel Inc.") -> Path:
    """A case file: farm -> mill -> importer, with ``docs`` as its documents."""
    entities = (Entity("farm", "Green Farm Co.", "raw_material_producer", "US"),
                Entity("mill", "Delta Mill JSC", "manufacturer", "VN"),
                Entity("importer", importer, "importer", "US"))
    links = (Link("farm-mill", "farm", "mill", "cotton", 100.0, "kg"),
             Link("mill-importer", "mill", "importer", "shirts", 1000.0, "pcs"))
    blobs: dict[str, bytes] = {}
    documents = []
    for number, doc in enumerate(docs):
        sha = hashlib.sha256(doc.data).hexdigest()
        blobs[sha] = doc.data
        pages: tuple[PageInfo, ...] = ()
        if not doc.needs_rendition:
            with pikepdf.open(io.BytesIO(doc.data)) as pdf:
                pages = tuple(PageInfo(float(p.mediabox[2]), float(p.mediabox[3]), int(p.obj.get("/Rotate", 0)), True)
                              for p in pdf.pages)
        documents.append(Document(
            path=f"docs/{doc.name}", sha256=sha, type="other", size=len(doc.data), title=f"Document {doc.name}",
            date=dt.date(2026, 1, 1) + dt.timedelta(days=number), entities=doc.entities, links=doc.links,
            page_count=len(pages) or None, media_type=doc.media_type, original_name=doc.name,
            needs_rendition=doc.needs_rendition, pages=pages,
        ))
    shipment = Shipment(regime="uflpa-applicability", entry_number="ABC-1234567-8", importer_of_record=importer,
                        merchandise="Cotton shirts", quantity=1000, unit="pcs", country_of_origin="VN",
                        date_of_importation=dt.date(2026, 10, 2))
    write_new_case(path, Case(shipment, entities, links, tuple(documents)), blobs, source="test")
    return path


def text_pdf(*pages: str, size: tuple[float, float] = (612.0, 792.0)) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=size, invariant=1)
    for text in pages:
        canvas.drawString(72, size[1] / 2, text)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


# -- reading a bundle ------------------------------------------------------------------------


def tool(name: str) -> str:
    """The path of a command-line tool the test needs, or a skip saying how to install it."""
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install poppler-utils qpdf)")
    return found


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class PageWords:
    """The words of one page as shown (rotation applied), y growing downwards, in points."""

    width: float
    height: float
    words: tuple[Word, ...]


def page_words(pdf: Path, first: int, last: int) -> list[PageWords]:
    """``pdftotext -bbox`` of pages ``first`` to ``last`` (1-based).

    pdftotext gives word boxes as the page is shown but the page size unturned; the size
    here is the shown one (crop box, turned by /Rotate).
    """
    html = subprocess.run([tool("pdftotext"), "-cropbox", "-bbox", "-f", str(first), "-l", str(last), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    reader = PdfReader(pdf)
    pages = []
    for number, match in enumerate(re.finditer(r"<page [^>]*>(.*?)</page>", html, re.DOTALL), start=first - 1):
        page = reader.pages[number]
        width, height = float(page.cropbox.width), float(page.cropbox.height)
        if page.rotation % 180:
            width, height = height, width
        words = tuple(Word(w[4], *(float(v) for v in w[:4])) for w in re.findall(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', match[1]))
        pages.append(PageWords(width, height, words))
    return pages


def text_in_box(pdf: Path, page: int, box: tuple[float, float, float, float]) -> str:
    """The words pdftotext finds on a page (0-based) whose centre lies inside ``box`` (PDF points,
    origin bottom-left), in reading order, separated by spaces."""
    stat = pdf.stat()
    height, words = _page_words(pdf, page, (stat.st_mtime_ns, stat.st_size))
    x0, y0, x1, y1 = box
    top, bottom = height - y1, height - y0  # pdftotext's y grows downwards
    return " ".join(word for left, upper, right, lower, word in words
                    if x0 <= (left + right) / 2 <= x1 and top <= (upper + lower) / 2 <= bottom)


_BBOX_PAGE = re.compile(r'<page width="[\d.]+" height="([\d.]+)">')
_BBOX_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@functools.cache
def _page_words(pdf: Path, page: int, version: tuple[int, int]) -> tuple[float, tuple[tuple[float, float, float, float, str], ...]]:
    """The page's height and every word with its box, read once per page of one version of the
    file (``version``: its modification time and size): a test asking for the text of 60 link
    boxes on a bundle of a hundred pages no longer reopens the whole file 60 times."""
    out = subprocess.run([tool("pdftotext"), "-bbox", "-f", str(page + 1), "-l", str(page + 1), str(pdf), "-"],
                         check=True, capture_output=True, text=True).stdout
    found = _BBOX_PAGE.search(out)
    assert found is not None, f"pdftotext -bbox gave no page {page + 1} of {pdf}"
    words = tuple((float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in _BBOX_WORD.findall(out))
    return float(found[1]), words


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """Every bookmark as ``(depth, title, page index)``, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def qpdf_check(pdf: Path) -> None:
    """``qpdf --check`` passes (exit 0, no warnings)."""
    result = subprocess.run([tool("qpdf"), "--check", str(pdf)], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
