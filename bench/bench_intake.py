"""Figures for document intake: 1,000 PDFs (5,000 pages) through process_files, beside
``sha256sum`` + ``pdfinfo`` (poppler-utils) on the same files in the same run.

Run: .venv/bin/python bench/bench_intake.py [--files 1000] [--runs 3]
Prints a Markdown table (median of the runs); the README quotes it (bench/run_all collects
its rows with --json). Needs ``pdfinfo`` and ``sha256sum`` on PATH (Debian: ``apt-get install
poppler-utils``).

Each pipeline is measured in a child process of its own, so the peak memory reported (the
largest resident set of the pipeline's own process and of any process it started) belongs to
that pipeline alone.
"""

from __future__ import annotations

import argparse
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
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

PAGES_PER_FILE = 5
WORKERS = 2
GOAL_RATIO = 0.5
"""Intake at least half as fast as sha256sum + pdfinfo, one file at a time."""
GOAL = f">= {GOAL_RATIO}"


def generate(folder: Path, count: int) -> None:
    """Invoice-like PDFs: a title, 40 lines of goods with quantities, references and dates."""
    rng = random.Random(2026)
    for number in range(count):
        drawing = canvas.Canvas(str(folder / f"invoice-{number:04d}.pdf"), pagesize=letter, invariant=True)
        for page in range(PAGES_PER_FILE):
            drawing.setFont("Helvetica-Bold", 14)
            drawing.drawString(72, 740, f"COMMERCIAL INVOICE  No. INV-{number:05d}   page {page + 1}")
            drawing.setFont("Helvetica", 9)
            for line in range(40):
                drawing.drawString(
                    72, 710 - 15 * line,
                    f"{line + 1:3d}  Cotton yarn Ne 30/1 lot {rng.randint(1000, 9999)}   "
                    f"{rng.randint(1, 999):,} kg   PO-{rng.randint(1000, 9999)}   "
                    f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                )
            drawing.showPage()
        drawing.save()


def measure_intake(folder: Path) -> dict[str, float]:
    from importer_app.core.catalog import load_catalog
    from importer_app.intake import IntakeItem, ProcessedFile, process_files

    keywords = {type_id: kind.keywords for type_id, kind in load_catalog().document_types.items()}
    items = [IntakeItem(path=path) for path in sorted(folder.glob("*.pdf"))]
    started = time.perf_counter()
    pages = accepted = 0
    for _index, outcome in process_files(items, workers=WORKERS, type_keywords=keywords):
        if isinstance(outcome, ProcessedFile):
            accepted += 1
            pages += outcome.page_count
    seconds = time.perf_counter() - started
    if accepted != len(items):
        raise SystemExit(f"intake refused {len(items) - accepted} generated files")
    return {"seconds": seconds, "files": len(items), "pages": pages, **_peaks()}


def measure_baseline(folder: Path, parallel: int) -> dict[str, float]:
    """sha256sum and pdfinfo on every file, ``parallel`` files at a time (xargs -P)."""
    files = sorted(str(path) for path in folder.glob("*.pdf"))
    script = 'for f in "$@"; do sha256sum "$f" && pdfinfo "$f"; done > /dev/null'
    started = time.perf_counter()
    subprocess.run(
        ["xargs", "-0", "-P", str(parallel), "-n", "50", "sh", "-c", script, "sh"],
        input="\0".join(files).encode(), check=True,
    )
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "files": len(files), "pages": len(files) * PAGES_PER_FILE, **_peaks()}


def _peaks() -> dict[str, float]:
    """Peak resident memory and CPU time of this process and of the processes it waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: KiB on Linux, bytes on macOS
    return {
        "own_mb": own.ru_maxrss * unit / 2**20,
        "children_mb": children.ru_maxrss * unit / 2**20,
        "cpu_s": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
    }


def _measure_in_child(kind: str, folder: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--measure", kind, str(folder)], check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "FOLDER"), help=argparse.SUPPRESS)
    add_options(parser, quick="20 files, 1 run")
    arguments = parser.parse_args()
    if arguments.measure:
        kind, folder = arguments.measure
        result = measure_intake(Path(folder)) if kind == "intake" else measure_baseline(Path(folder), int(kind[-1]))
        print(json.dumps(result))
        return
    if arguments.quick:
        arguments.files, arguments.runs = 20, 1
    with human_output(arguments.json):
        rows = _run(arguments)
    emit(rows, arguments.json)


def _run(arguments: argparse.Namespace) -> list[Figure]:
    for tool in ("pdfinfo", "sha256sum", "xargs"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (Debian: apt-get install poppler-utils coreutils findutils)")
    with tempfile.TemporaryDirectory(prefix="bench-intake-") as name:
        folder = Path(name)
        started = time.perf_counter()
        generate(folder, arguments.files)
        size_mb = sum(path.stat().st_size for path in folder.glob("*.pdf")) / 2**20
        print(f"generated {arguments.files} PDFs, {arguments.files * PAGES_PER_FILE} pages, {size_mb:.0f} MB"
              f" in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        rows = {
            f"importer_app intake, process_files ({WORKERS} workers)": "intake",
            "sha256sum + pdfinfo, one file at a time": "baseline-1",
            f"sha256sum + pdfinfo, {WORKERS} at a time (xargs -P {WORKERS})": "baseline-2",
        }
        results: dict[str, list[dict[str, float]]] = {label: [] for label in rows}
        for _ in range(arguments.runs):
            for label, kind in rows.items():
                results[label].append(_measure_in_child(kind, folder))
    print(f"\n{arguments.files} generated PDFs, {arguments.files * PAGES_PER_FILE} pages, {size_mb:.0f} MB;"
          f" median of {arguments.runs} runs on {_cores()} cores\n")
    print("| pipeline | seconds | files/s | pages/s | CPU ms per file | peak RSS, own process"
          " | peak RSS, largest child |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    summary = {}
    for label, runs in results.items():
        seconds = statistics.median(run["seconds"] for run in runs)
        files, pages = runs[0]["files"], runs[0]["pages"]
        cpu_ms = statistics.median(run["cpu_s"] for run in runs) * 1000 / files
        own = max(run["own_mb"] for run in runs)
        children = max(run["children_mb"] for run in runs)
        summary[rows[label]] = {"files_s": files / seconds, "cpu_ms": cpu_ms, "children_mb": children}
        print(f"| {label} | {seconds:.2f} | {files / seconds:.0f} | {pages / seconds:.0f} | {cpu_ms:.1f} |"
              f" {own:.0f} MB | {children:.0f} MB |")
    intake = statistics.median(run["seconds"] for run in results[next(iter(rows))])
    ratios = []
    for label in list(rows)[1:]:
        baseline = statistics.median(run["seconds"] for run in results[label])
        ratios.append(baseline / intake)
        print(f"\nintake speed / ({label}) = {baseline / intake:.2f} (goal: {GOAL})", end="")
    print()
    files, pages = arguments.files, arguments.files * PAGES_PER_FILE
    ours, one, two = summary["intake"], summary["baseline-1"], summary["baseline-2"]
    return [
        Figure(f"intake of {files:,} PDFs / {pages:,} pages, {WORKERS} workers",
               f"{ours['files_s']:.0f} files/s, {ours['cpu_ms']:.0f} ms CPU per file,"
               f" {ours['children_mb']:.0f} MB peak per worker"),
        Figure("the same files through `sha256sum` + `pdfinfo`, one at a time / two at a time",
               f"{one['files_s']:.0f} / {two['files_s']:.0f} files/s, {one['cpu_ms']:.1f} ms CPU per file"),
        # The goal is judged against the pipeline run two at a time: intake runs two workers,
        # and a ratio is only fair with the same parallelism on both sides.
        Figure("intake speed / that pipeline, one at a time / two at a time", f"{ratios[0]:.2f} / {ratios[1]:.2f}",
               f"{GOAL} two at a time", ratios[1] >= GOAL_RATIO),
    ]


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    main()
