"""Figures for signing and verifying: a ~1,000-page, ~25 MB bundle signed and verified, beside
reading the same file once and hashing it (SHA-256) in the same run.

Run: .venv/bin/python bench/bench_signing.py [--pages 1000] [--attachments-mb 23] [--runs 3]
Prints a Markdown table (median of the runs) and the ratio sign / (read + hash); the goal is
at most 1.5 (bench/run_all collects the rows with --json). A plain copy with fsync is measured
too: signing writes a new file of the same size (atomically, beside the target), so a copy is
the floor it cannot go below.

Each measurement runs in a child process of its own, so its peak memory (largest resident
set) belongs to that job alone; "above baseline" subtracts the child's resident set after
its imports, before the work.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import Figure, add_options, emit, human_output

NOW = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
PASSWORD = b"bench"
BOX = (0, (320.0, 60.0, 560.0, 140.0))
GOAL_RATIO = 1.5
GOAL = f"<= {GOAL_RATIO}x"


def generate(folder: Path, pages: int, attachments_mb: float) -> Path:
    """Invoice-like pages (reportlab) and incompressible originals (pypdf attachments) with
    manifest.json, like a bundle with its originals embedded."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    rng = random.Random(2026)
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=letter, invariant=True)
    for page in range(pages):
        drawing.setFont("Helvetica-Bold", 14)
        drawing.drawString(72, 740, f"EXHIBIT {page // 5 + 1}   page {page % 5 + 1}   ACME-{page + 1:06d}")
        drawing.setFont("Helvetica", 9)
        for line in range(40):
            drawing.drawString(72, 710 - 15 * line, f"{line + 1:3d}  Cotton yarn Ne 30/1 lot {rng.randint(1000, 9999)}  "
                                                   f"{rng.randint(1, 999):,} kg  PO-{rng.randint(1000, 9999)}")
        drawing.showPage()
    drawing.save()
    writer = PdfWriter(clone_from=PdfReader(buffer))
    count = max(1, int(attachments_mb * 4))  # 256 KB originals
    listing = []
    for number in range(count):
        data = rng.randbytes(256 * 1024)
        name = f"original-{number:04d}.pdf"
        writer.add_attachment(name, data)
        listing.append({"file": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                        "exhibit": f"{number // 5 + 1}.{number % 5 + 1}"})
    writer.add_attachment("manifest.json", json.dumps({"originals": listing}).encode())
    path = folder / "bundle.pdf"
    with path.open("wb") as out:
        writer.write(out)
    return path


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise SystemExit(f"/proc/self/status has no {field} (this benchmark needs Linux)")


def child(kind: str, path: Path, identity_path: Path) -> dict[str, float]:
    """One measurement, in this (child) process."""
    from importer_app.bundle.identity import load_identity
    from importer_app.bundle.signing import sign_pdf
    from importer_app.bundle.verify import verify_pdf

    identity = load_identity(identity_path, PASSWORD, now=NOW)
    baseline = _status_kb("VmRSS")
    # Reset the peak (Linux >= 4.0) so the imports' own peak does not hide the job's.
    Path("/proc/self/clear_refs").write_text("5")
    started = time.perf_counter()
    if kind == "hash":
        digest = hashlib.sha256()
        with path.open("rb") as source:
            while chunk := source.read(1 << 20):
                digest.update(chunk)
    elif kind == "copy":
        with path.open("rb") as source, path.with_name("copy.pdf").open("wb") as out:
            shutil.copyfileobj(source, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
    elif kind == "sign":
        sign_pdf(path, path.with_name("signed.pdf"), identity, signature_box=BOX, reason="Benchmark",
                 location="Here", now=NOW)
    else:
        report = verify_pdf(path.with_name("signed.pdf"), now=NOW)
        if not report.intact:
            raise SystemExit(f"the signed benchmark bundle did not verify: {report.reasons}")
    seconds = time.perf_counter() - started
    peak = _status_kb("VmHWM")
    return {"seconds": seconds, "peak_mb": peak / 1024, "above_baseline_mb": (peak - baseline) / 1024}


def measure(kind: str, path: Path, identity_path: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path), str(identity_path)],
        capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--attachments-mb", type=float, default=23.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("KIND", "PDF", "P12"), help=argparse.SUPPRESS)
    add_options(parser, quick="50 pages, 1 MB of attachments, 1 run")
    args = parser.parse_args()
    if args.child:
        kind, pdf, p12 = args.child
        print(json.dumps(child(kind, Path(pdf), Path(p12))))
        return
    if args.quick:
        args.pages, args.attachments_mb, args.runs = 50, 1.0, 1
    with human_output(args.json):
        rows = _run(args)
    emit(rows, args.json)


def _run(args: argparse.Namespace) -> list[Figure]:

    from importer_app.bundle.identity import create_identity

    with tempfile.TemporaryDirectory(prefix="bench-signing-") as scratch:
        folder = Path(scratch)
        started = time.perf_counter()
        path = generate(folder, args.pages, args.attachments_mb)
        generated = time.perf_counter() - started
        identity_path = folder / "bench.p12"
        identity_path.write_bytes(create_identity("Bench Signer", "Bench Org", password=PASSWORD,
                                                  now=NOW - dt.timedelta(days=1)).p12_bytes)
        size_mb = path.stat().st_size / (1024 * 1024)
        runs: dict[str, list[dict[str, float]]] = {"hash": [], "copy": [], "sign": [], "verify": []}
        for _ in range(args.runs):
            for kind, results in runs.items():  # sign before verify: verify reads what sign wrote
                results.append(measure(kind, path, identity_path))
        median = {kind: {key: statistics.median(r[key] for r in results) for key in results[0]}
                  for kind, results in runs.items()}

    labels = {"hash": "read once + SHA-256 (Python hashlib)", "copy": "copy to a new file + fsync (reference)",
              "sign": "sign_pdf (PAdES B-B, visible)",
              "verify": "verify_pdf (signature, tail, manifest)"}
    print(f"Bundle: {args.pages:,} pages, {size_mb:.1f} MB (generated in {generated:.1f} s); "
          f"median of {args.runs} runs, each job in its own process; {os.cpu_count()} CPUs.\n")
    print("| job | time | peak RSS | peak above baseline |")
    print("|---|---:|---:|---:|")
    for kind, label in labels.items():
        figures = median[kind]
        print(f"| {label} | {figures['seconds']:.3f} s | {figures['peak_mb']:.0f} MB | {figures['above_baseline_mb']:.0f} MB |")
    hashing = median["hash"]["seconds"]
    print(f"\nsign / (read + hash) = {median['sign']['seconds'] / hashing:.1f}x (goal {GOAL}); "
          f"verify / (read + hash) = {median['verify']['seconds'] / hashing:.1f}x; "
          f"copy + fsync / (read + hash) = {median['copy']['seconds'] / hashing:.1f}x "
          "(signing writes a new file, so this is its floor)")
    sign, verify, ratio = median["sign"], median["verify"], median["sign"]["seconds"] / hashing
    return [
        Figure(f"sign a {args.pages:,}-page {size_mb:.0f} MB bundle / read and SHA-256 it once",
               f"{sign['seconds']:.3f} s / {hashing:.3f} s = {ratio:.1f}x, {sign['peak_mb']:.0f} MB peak",
               GOAL, ratio <= GOAL_RATIO),
        Figure("verify the same bundle", f"{verify['seconds']:.3f} s, {verify['peak_mb']:.0f} MB peak"),
    ]


if __name__ == "__main__":
    main()
