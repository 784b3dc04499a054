"""Figures for the bundle build: 1,000 exhibits (5,000 pages) beside a plain qpdf merge.

Run: .venv/bin/python bench/bench_bundle.py [--files 1000] [--runs 3] [--work DIR]
Prints a Markdown table (median of the runs); the README quotes it (bench/run_all collects
its row with --json). Needs ``qpdf`` on PATH (Debian: ``apt-get install qpdf``).

The exhibits are generated PDFs of about 120 KB (five pages of text and one photo-like
image; every 7th has a landscape page, every 11th a page turned with /Rotate), stored in a
case file. The goal: the whole build, from the case file to the finished bundle
with stamps, index, bookmarks and attached originals, within 2.5 times
``qpdf --empty --pages ... --keep-files-open=y -- out.pdf`` on the same exhibit files, and
at most 300 MB of memory. A pypdf build of the same pages (copy, the same raw stamp, one
bookmark per exhibit; no index, no front matter, no originals) is measured beside it: it is
what decided the engine.

Each pipeline runs in a child process of its own, so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import io
import itertools
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import Figure, add_options, emit, human_output
from PIL import Image
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

PAGES_PER_FILE = 5
GOAL_RATIO = 2.5
GOAL_MB = 300
GOAL = f"<= {GOAL_RATIO}x, <= {GOAL_MB} MB"


def generate(folder: Path, count: int) -> None:
    """Invoice-like PDFs with a noisy image each (noise does not compress, like a scan)."""
    rng = random.Random(2026)
    for number in range(count):
        image = io.BytesIO()
        Image.frombytes("L", (420, 420), rng.randbytes(420 * 420)).convert("RGB").save(image, "JPEG", quality=70)
        drawing = canvas.Canvas(str(folder / f"invoice-{number:04d}.pdf"), pagesize=letter, invariant=True)
        for page in range(PAGES_PER_FILE):
            drawing.setPageSize(landscape(letter) if number % 7 == 0 and page == 1 else letter)
            if number % 11 == 0 and page == 2:
                drawing.setPageRotation(90)
            drawing.setFont("Helvetica", 9)
            for line in range(40):
                drawing.drawString(72, 720 - 15 * line, f"Invoice {number} page {page + 1} line {line + 1}:"
                                   f" cotton yarn Ne 30/1 lot {rng.randint(1000, 9999)}, {rng.randint(1, 999)} kg")
            if page == 0:
                drawing.drawImage(ImageReader(io.BytesIO(image.getvalue())), 300, 300, 200, 200)
            drawing.showPage()
            drawing.setPageRotation(0)
        drawing.save()


def make_case(folder: Path, case_path: Path) -> None:
    """A six-company chain whose transfers the generated files prove, round robin."""
    from importer_app.core.model import Case, Document, Entity, Link, PageInfo, Shipment
    from importer_app.store.casefile import write_new_case

    ids = ["farm", "gin", "spinner", "knitter", "garment", "importer"]
    roles = ["raw_material_producer", "processor", "processor", "processor", "manufacturer", "importer"]
    entities = tuple(Entity(i, f"Bench {i.title()} Co., Ltd.", r, "US" if i == "importer" else "VN")
                     for i, r in zip(ids, roles, strict=True))
    links = tuple(Link(f"{a}-{b}", a, b, "cotton", 1000.0, "kg") for a, b in itertools.pairwise(ids))
    blobs: dict[str, bytes] = {}
    documents = []
    for number, path in enumerate(sorted(folder.glob("*.pdf"))):
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        blobs[sha] = data
        pages = tuple(PageInfo(792.0 if number % 7 == 0 and page == 1 else 612.0,
                               612.0 if number % 7 == 0 and page == 1 else 792.0,
                               90 if number % 11 == 0 and page == 2 else 0, True) for page in range(PAGES_PER_FILE))
        documents.append(Document(
            path=f"docs/{path.name}", sha256=sha, type="commercial_invoice", size=len(data),
            title=f"Commercial invoice INV-{number:05d}", date=dt.date(2026, 1, 1) + dt.timedelta(days=number % 300),
            links=(links[number % len(links)].id,), page_count=PAGES_PER_FILE, original_name=path.name, pages=pages,
        ))
    shipment = Shipment(regime="uflpa-applicability", entry_number="BEN-0000001-1",
                        importer_of_record="Bench Importer Inc.", merchandise="Cotton shirts", quantity=1000,
                        unit="pcs", country_of_origin="VN", date_of_importation=dt.date(2026, 11, 1))
    case = Case(shipment=shipment, entities=entities, links=links, documents=tuple(documents))
    write_new_case(case_path, case, blobs, source="bench")


def measure_bundle(case_path: Path, out: Path) -> dict[str, float]:
    from importer_app.bundle.build import BundleSource, build
    from importer_app.bundle.plan import BundleOptions
    from importer_app.store.casefile import CaseFile

    started = time.perf_counter()
    with CaseFile.open(case_path, readonly=True) as casefile:
        result = build(BundleSource.from_casefile(casefile),
                       BundleOptions(output=out, document_date=dt.date(2026, 11, 28)))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "pages": result.page_count, "mb": out.stat().st_size / 2**20, **_peaks()}


def measure_qpdf(folder: Path, out: Path) -> dict[str, float]:
    files = [str(path) for path in sorted(folder.glob("*.pdf"))]
    started = time.perf_counter()
    subprocess.run(["qpdf", "--keep-files-open=y", "--empty", "--pages", *files, "--", str(out)], check=True)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "pages": len(files) * PAGES_PER_FILE, "mb": out.stat().st_size / 2**20, **_peaks()}


def measure_pypdf(folder: Path, out: Path) -> dict[str, float]:
    """pypdf at its fastest for this job: append, the same raw stamp streams, one bookmark each."""
    import pypdf
    from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject

    started = time.perf_counter()
    writer = pypdf.PdfWriter()
    bates = 1
    for path in sorted(folder.glob("*.pdf")):
        first = len(writer.pages)
        writer.append(pypdf.PdfReader(path), import_outline=False)
        for page in writer.pages[first:]:
            pre, post = DecodedStreamObject(), DecodedStreamObject()
            pre.set_data(b"q 0.97 0 0 0.97 9 24 cm 0 0 612 792 re W n\n")
            post.set_data(b"\nQ\nBT /F1 8 Tf 400 10 Td (BENCH-%06d) Tj ET\n" % bates)
            bates += 1
            contents = page.raw_get("/Contents") if "/Contents" in page else ArrayObject()
            existing = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
            page[NameObject("/Contents")] = ArrayObject([writer._add_object(pre), *existing,
                                                         writer._add_object(post)])
        writer.add_outline_item(title=path.stem, page_number=first)
    with out.open("wb") as stream:
        writer.write(stream)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "pages": len(writer.pages), "mb": out.stat().st_size / 2**20, **_peaks()}


def _peaks() -> dict[str, float]:
    """Peak resident memory of this process and of the processes it waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: KiB on Linux, bytes on macOS
    return {"rss_mb": max(own.ru_maxrss, children.ru_maxrss) * unit / 2**20}


def _measure_in_child(kind: str, work: Path) -> dict[str, float]:
    output = subprocess.run([sys.executable, __file__, "--measure", kind, str(work)], check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, help="keep the generated files in this folder and reuse them")
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "WORK"), help=argparse.SUPPRESS)
    add_options(parser, quick="20 files, 1 run")
    arguments = parser.parse_args()
    if arguments.measure:
        kind, work = arguments.measure[0], Path(arguments.measure[1])
        measures = {"bundle": lambda: measure_bundle(work / "case.tcase", work / "bundle.pdf"),
                    "qpdf": lambda: measure_qpdf(work / "docs", work / "qpdf.pdf"),
                    "pypdf": lambda: measure_pypdf(work / "docs", work / "pypdf.pdf")}
        print(json.dumps(measures[kind]()))
        return
    if arguments.quick:
        arguments.files, arguments.runs = 20, 1
    with human_output(arguments.json):
        row = _run(arguments)
    emit([row], arguments.json)


def _run(arguments: argparse.Namespace) -> Figure:
    if shutil.which("qpdf") is None:
        raise SystemExit("qpdf is not installed (Debian: apt-get install qpdf)")
    with contextlib.ExitStack() as stack:
        work = arguments.work or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-bundle-")))
        started = time.perf_counter()
        if not (work / "case.tcase").exists():
            (work / "docs").mkdir(parents=True)
            generate(work / "docs", arguments.files)
            make_case(work / "docs", work / "case.tcase")
            print(f"generated {arguments.files} PDFs in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        exhibits = list((work / "docs").glob("*.pdf"))  # with --work, as many as were generated first
        count, size_mb = len(exhibits), sum(path.stat().st_size for path in exhibits) / 2**20
        rows = {"importer_app bundle (pikepdf), from the case file, originals attached": "bundle",
                "qpdf --empty --pages --keep-files-open=y": "qpdf",
                "pypdf: append + raw stamp + bookmark only (engine candidate)": "pypdf"}
        results: dict[str, list[dict[str, float]]] = {label: [] for label in rows}
        for _ in range(arguments.runs):
            for label, kind in rows.items():
                results[label].append(_measure_in_child(kind, work))
    qpdf_s = statistics.median(run["seconds"] for run in results["qpdf --empty --pages --keep-files-open=y"])
    print(f"\n{count} generated exhibits, {count * PAGES_PER_FILE} pages, {size_mb:.0f} MB;"
          f" median of {arguments.runs} runs\n")
    print("| pipeline | seconds | x qpdf | peak RSS | output |")
    print("|---|---:|---:|---:|---:|")
    for label, runs in results.items():
        seconds = statistics.median(run["seconds"] for run in runs)
        rss = max(run["rss_mb"] for run in runs)
        print(f"| {label} | {seconds:.2f} | {seconds / qpdf_s:.2f} | {rss:.0f} MB | {runs[0]['mb']:.0f} MB |")
    bundle = results[next(iter(rows))]
    ratio = statistics.median(run["seconds"] for run in bundle) / qpdf_s
    peak = max(run["rss_mb"] for run in bundle)
    print(f"\nbundle / qpdf = {ratio:.2f} (goal: at most {GOAL_RATIO}); bundle peak RSS {peak:.0f} MB"
          f" (goal: at most {GOAL_MB} MB)")
    bundle_s = statistics.median(run["seconds"] for run in bundle)
    return Figure(f"bundle of {count:,} exhibits / {count * PAGES_PER_FILE:,} pages, originals attached"
                  " / `qpdf --empty --pages`", f"{bundle_s:.2f} s / {qpdf_s:.2f} s = {ratio:.2f}x, {peak:.0f} MB peak",
                  GOAL, ratio <= GOAL_RATIO and peak <= GOAL_MB)


if __name__ == "__main__":
    main()
