"""Figures for the foundation: importing a large case description, opening a large case.

Run: .venv/bin/python bench/bench_foundation.py [--documents 1000] [--open-documents 5000] [--runs 3]
Prints a Markdown table; the README quotes it (bench/run_all collects it with --json).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import io
import random
import statistics
import tempfile
import time
from pathlib import Path

import pypdf
from figures import Figure, add_options, emit, human_output

from importer_app.case.description import import_description
from importer_app.core.catalog import load_catalog
from importer_app.core.description_writer import render_description
from importer_app.core.model import Case, Document, Entity, Link, Shipment
from importer_app.store.casefile import CaseFile, write_new_case

SHIPMENT = Shipment(
    regime="uflpa-applicability", entry_number="BEN-0000001-0", importer_of_record="Bench Importer Inc.",
    merchandise="cotton shirts", quantity=1000, unit="pcs", country_of_origin="VN",
    date_of_importation=dt.date(2026, 10, 1),
)


DOCUMENT_BYTES = 100_000
"""About the size of a one-page scan or a short generated PDF."""


_PLACEHOLDER = "F" * DOCUMENT_BYTES


@functools.cache
def _template() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_metadata({"/Filler": _PLACEHOLDER})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf(number: int) -> bytes:
    """A valid one-page PDF of ~100 KB, different for every number.

    Incompressible filler of the same length replaces the placeholder, so the xref offsets
    stay right and the case file is as large as one holding real scans.
    """
    filler = random.Random(number).randbytes(DOCUMENT_BYTES // 2).hex().encode()
    return _template().replace(_PLACEHOLDER.encode(), filler)


def _case(documents: int) -> tuple[Case, dict[str, bytes]]:
    entities = tuple(Entity(f"e{i}", f"Supplier {i}", "processor", "VN") for i in range(50))
    links = tuple(Link(f"l{i}", f"e{i}", f"e{i + 1}", "yarn", 100.0, "kg") for i in range(49))
    blobs: dict[str, bytes] = {}
    docs = []
    for n in range(documents):
        data = _pdf(n)
        digest = hashlib.sha256(data).hexdigest()
        blobs[digest] = data
        docs.append(Document(f"docs/d{n:05}.pdf", digest, "commercial_invoice", len(data), title=f"Invoice {n}",
                             links=(f"l{n % 49}",), references=(f"INV-{n}",), page_count=1))
    return Case(SHIPMENT, entities, links, tuple(docs)), blobs


def _median(samples: list[float]) -> str:
    return f"{statistics.median(samples):.2f} s"


def bench_import(folder: Path, documents: int = 1000, runs: int = 3) -> str:
    case, blobs = _case(documents)
    (folder / "docs").mkdir()
    for document in case.documents:
        (folder / document.path).write_bytes(blobs[document.sha256])
    spec = folder / "case.toml"
    spec.write_text(render_description(case), encoding="utf-8")
    samples = []
    for run in range(runs):
        start = time.perf_counter()
        import_description(spec, folder / f"imported-{run}.tcase", load_catalog())
        samples.append(time.perf_counter() - start)
    return _median(samples)


def bench_open(folder: Path, documents: int = 5000, runs: int = 3) -> tuple[str, str]:
    case, blobs = _case(documents)
    path = folder / "big.tcase"
    write_new_case(path, case, blobs, source="bench")
    size_mb = path.stat().st_size / 1e6
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        with CaseFile.open(path) as casefile:
            loaded = casefile.load()
        samples.append(time.perf_counter() - start)
        assert len(loaded.documents) == documents
    return _median(samples), f"{size_mb:.0f} MB"


def readme_rows(documents: int, open_documents: int, runs: int, imported: str, opened: str, size: str) -> list[Figure]:
    """The rows bench/run_all collects (the README's table)."""
    return [
        Figure(f"import a description of {documents:,} PDF documents of ~100 KB, through intake (median of {runs})",
               imported),
        Figure(f"open a case of {open_documents:,} documents ({size}) and load it, incl. integrity check"
               f" (median of {runs})", opened),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000, help="documents in the imported description")
    parser.add_argument("--open-documents", type=int, default=5000, help="documents in the opened case")
    parser.add_argument("--runs", type=int, default=3)
    add_options(parser, quick="import 50 documents, open 200, 1 run")
    args = parser.parse_args()
    if args.quick:
        args.documents, args.open_documents, args.runs = 50, 200, 1
    with human_output(args.json):
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp)
            (folder / "import").mkdir()
            imported = bench_import(folder / "import", args.documents, args.runs)
            opened, size = bench_open(folder, args.open_documents, args.runs)
        print(f"| figure | median of {args.runs} |")
        print("|---|---|")
        print(f"| import a description of {args.documents:,} PDF documents of ~100 KB (50 entities, 49 links)"
              f" | {imported} |")
        print(f"| open a case of {args.open_documents:,} documents ({size}) and load it, incl. integrity check"
              f" | {opened} |")
    emit(readme_rows(args.documents, args.open_documents, args.runs, imported, opened, size), args.json)


if __name__ == "__main__":
    main()
