"""Figures for the bundle's size options: what ``--optimize-images`` and ``--attach-originals-up-to``
save and what they cost, on real scans.

Run: .venv/bin/python bench/bench_bundle_size.py [--runs 3] [--corpus DIR] [--keep DIR] [--json] [--quick]

The case is the demo case (``importer-app demo``: 53 generated documents) with the scans and
image files of the shared corpus added to it (``importer-app add``; copies, the corpus is only
read): colour, grey and bi-level (JBIG2, CCITT) scans, a 600 dpi printer raster, a poster, a
phone photo (HEIC) and a scanner's old-style JPEG TIFF. Then the user's command, ``importer-app
bundle``, signed as a user sends it, runs with each variant below, ``--runs`` times each in
turn; the time is the median. For each: the bundle's bytes (every volume), its pages, the bytes
of the images on its pages, ``qpdf --check`` (exit 0) and ``importer-app verify`` (exit 0).

Last, every page whose images ``--optimize-images 150`` resampled is rendered at 150 dpi with
``pdftoppm`` from the bundle as received and from the ``--optimize-images 150`` one, and the
same for the lowest resolution tried (100); their difference is given as PSNR, and the renders
and a side-by-side crop of each page (its top left quarter) are kept with ``--keep DIR`` to be
looked at.

Needs ``qpdf`` and ``pdftoppm`` (poppler-utils) on PATH, and the corpus
(``$IMPORTER_APP_CORPUS``, default ``../shared/corpus``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from figures import Figure, add_options, emit, human_output

ROOT = Path(__file__).resolve().parents[1]
SCANS = ("scan-mixed-6p-mixed-sizes.pdf", "scan-image-only-page.pdf", "scan-canon-trailing-garbage.pdf",
         "scan-ocr-book-6p.pdf", "scan-4-orientations-portrait-landscape.pdf", "scan-rotate90-skewed.pdf",
         "scan-ccitt-g4.pdf", "scan-jbig2.pdf", "scan-epson-printout.pdf", "scan-fax-ccitt-10p-mixed-sizes.pdf",
         "scan-pclm-raster-strips.pdf", "page-poster-25x50in.pdf", "png-scan-brochure-300dpi.png",
         "heic-iphone-photo.heic", "jpeg-exif-orientation-6.jpg", "tiff-old-style-jpeg.tif")
"""The corpus's scans and image files (MANIFEST.tsv); its largest originals are 1.1-1.6 MB."""
LARGE_MB = 1.0
"""``--attach-originals-up-to``: leaves out the corpus's three originals above 1 MB."""
DPIS = (600, 300, 200, 150, 100)
"""Resolutions tried: from a fine scan's 600 down to the lowest the option takes, 100."""
LEGIBILITY_DPI = 150
DATE = "2026-12-01"
PASSWORD = "bench-size"


@dataclass(frozen=True)
class Variant:
    label: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    variant: Variant
    seconds: float
    size: int
    pages: int
    image_bytes: int
    qpdf_clean: bool
    verified: bool


def variants(dpis: tuple[int, ...]) -> list[Variant]:
    both = min(dpis, key=lambda dpi: abs(dpi - LEGIBILITY_DPI))
    return [Variant("as received (default)", ()),
            *(Variant(f"`--optimize-images {dpi}`", ("--optimize-images", str(dpi))) for dpi in dpis),
            Variant(f"`--attach-originals-up-to {LARGE_MB:g}`", ("--attach-originals-up-to", f"{LARGE_MB:g}")),
            Variant(f"`--optimize-images {both} --attach-originals-up-to {LARGE_MB:g}`",
                    ("--optimize-images", str(both), "--attach-originals-up-to", f"{LARGE_MB:g}")),
            Variant("`--no-originals` (reference)", ("--no-originals",))]


def app_command() -> list[str]:
    """``importer-app`` of this Python's environment, the console script a user runs."""
    beside = Path(sys.executable).parent / "importer-app"
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "importer_app"]


def run(command: list[str], env: dict[str, str], what: str,
        ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                            check=False)
    if result.returncode not in ok:
        raise SystemExit(f"{what} failed (exit {result.returncode}): {' '.join(command)}\n"
                         f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return result


def prepare(work: Path, corpus: Path, scans: tuple[str, ...], env: dict[str, str]) -> tuple[Path, Path, Path]:
    """The case (demo + scans), a signing identity and its password file."""
    app = app_command()
    case = work / "case.tcase"
    run([*app, "demo", str(case)], env, "importer-app demo")
    incoming = work / "scans"
    incoming.mkdir()
    for name in scans:
        shutil.copyfile(corpus / name, incoming / name)
    added = run([*app, "add", str(case), str(incoming), "--type", "commercial_invoice"], env, "importer-app add")
    print(added.stdout.strip().splitlines()[-1])
    password = work / "password.txt"
    password.write_text(PASSWORD + "\n", encoding="utf-8")
    identity = work / "identity.p12"
    run([*app, "keygen", "-o", str(identity), "--name", "Bench Signer", "--org", "Bench Importer Inc.",
         "--password-file", str(password)], env, "importer-app keygen")
    return case, identity, password


def outputs(out: Path) -> list[Path]:
    """The bundle's files: OUT.pdf, or its volumes OUT-vol1.pdf, ..."""
    return [out] if out.exists() else sorted(out.parent.glob(f"{out.stem}-vol*.pdf"))


def build(case: Path, identity: Path, password: Path, variant: Variant, out: Path, env: dict[str, str]) -> float:
    out.parent.mkdir(parents=True, exist_ok=True)
    for old in outputs(out):
        old.unlink()
    command = [*app_command(), "bundle", str(case), "-o", str(out), "--date", DATE, "--allow-unexplained-gaps",
               "--sign", str(identity), "--password-file", str(password), *variant.options]
    started = time.perf_counter()
    run(command, env, f"the bundle {variant.label}")
    return time.perf_counter() - started


def image_bytes(files: list[Path]) -> int:
    """Bytes of the image streams drawn on the bundle's pages, each counted once."""
    import pikepdf

    total = 0
    for path in files:
        with pikepdf.open(path) as pdf:
            seen: set[tuple[int, int]] = set()
            for page in pdf.pages:
                for image in page.get_images().values():
                    if image.objgen not in seen:
                        seen.add(image.objgen)
                        total += len(image.read_raw_bytes())
    return total


def page_count(files: list[Path]) -> int:
    import pikepdf

    total = 0
    for path in files:
        with pikepdf.open(path) as pdf:
            total += len(pdf.pages)
    return total


def checks(files: list[Path], env: dict[str, str]) -> tuple[bool, bool]:
    """(``qpdf --check`` exit 0 on every file, ``importer-app verify`` exit 0 on every file)."""
    qpdf = all(subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=False).returncode == 0
               for path in files)
    verified = all(run([*app_command(), "verify", str(path)], env, "importer-app verify", ok=(0, 1)).returncode == 0
                   for path in files)
    return qpdf, verified


def _colour_pixels(path: Path) -> list[int]:
    """Per page: the pixels of its 8-bit images."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        return [sum(int(image.Width) * int(image.Height) for image in page.get_images().values()
                    if int(image.get("/BitsPerComponent", 0)) == 8) for page in pdf.pages]


def resampled_pages(as_received: Path, optimised: Path) -> list[int]:
    """The 1-based pages whose images the option made smaller, in pixels."""
    pairs = zip(_colour_pixels(as_received), _colour_pixels(optimised), strict=True)
    return [number for number, (before, after) in enumerate(pairs, start=1) if after < before]


def render(path: Path, page: int, prefix: Path) -> Path:
    subprocess.run(["pdftoppm", "-r", str(LEGIBILITY_DPI), "-f", str(page), "-l", str(page), "-singlefile", "-png",
                    str(path), str(prefix)], check=True, capture_output=True)
    return prefix.with_suffix(".png")


def psnr(first: Path, second: Path) -> float:
    """Peak signal-to-noise ratio of two renders in grey, in dB (infinite when identical)."""
    import math

    from PIL import Image, ImageChops

    with Image.open(first) as a, Image.open(second) as b:
        counts = ImageChops.difference(a.convert("L"), b.convert("L")).histogram()
    mean_square = sum(count * value * value for value, count in enumerate(counts)) / sum(counts)
    return math.inf if mean_square == 0 else 10 * math.log10(255 ** 2 / mean_square)


def side_by_side(first: Path, second: Path, out: Path) -> None:
    """The top left of both renders (half the width, a quarter of the height) side by side."""
    from PIL import Image

    with Image.open(first) as a, Image.open(second) as b:
        width, height = a.width // 2, a.height // 4
        joined = Image.new("RGB", (2 * width + 10, height), "white")
        joined.paste(a.convert("RGB").crop((0, 0, width, height)), (0, 0))
        joined.paste(b.convert("RGB").crop((0, 0, width, height)), (width + 10, 0))
        joined.save(out)


def _mb(size: int) -> str:
    return f"{size / 1e6:.2f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="builds of each variant; the time is their median")
    parser.add_argument("--corpus", type=Path,
                        default=Path(os.environ.get("IMPORTER_APP_CORPUS", ROOT.parent / "shared" / "corpus")))
    parser.add_argument("--keep", type=Path, help="keep the case, the bundles and the renders in this folder")
    add_options(parser, quick="4 scans, --optimize-images 150 only, 1 run")
    arguments = parser.parse_args()
    for tool in ("qpdf", "pdftoppm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (Debian: apt-get install qpdf poppler-utils)")
    missing = [name for name in SCANS if not (arguments.corpus / name).is_file()]
    if missing:
        raise SystemExit(f"{arguments.corpus} lacks {', '.join(missing)}: give the corpus folder with --corpus")
    with human_output(arguments.json):
        rows = _run(arguments)
    emit(rows, arguments.json)


def _run(arguments: argparse.Namespace) -> list[Figure]:
    scans, dpis, runs = (SCANS[:4], (LEGIBILITY_DPI,), 1) if arguments.quick else (SCANS, DPIS, arguments.runs)
    with contextlib.ExitStack() as stack:
        work = arguments.keep or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-size-")))
        if arguments.keep and work.exists() and any(work.iterdir()):
            raise SystemExit(f"{work} is not empty: --keep takes a new or empty folder")
        work.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "IMPORTER_APP_HOME": str(work / "home")}
        started = time.perf_counter()
        case, identity, password = prepare(work, arguments.corpus, scans, env)
        print(f"case: the demo case and {len(scans)} corpus files, made in {time.perf_counter() - started:.1f} s;"
              f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        kinds = variants(dpis)
        times: dict[Variant, list[float]] = {variant: [] for variant in kinds}
        loads = []
        for _ in range(runs):  # in turn, so that a busy moment is shared among the variants
            for number, variant in enumerate(kinds):
                loads.append(os.getloadavg()[0])
                times[variant].append(build(case, identity, password, variant, work / f"v{number}" / "bundle.pdf",
                                            env))
        load = statistics.median(loads)
        results = []
        for number, variant in enumerate(kinds):
            files = outputs(work / f"v{number}" / "bundle.pdf")
            qpdf, verified = checks(files, env)
            size = sum(path.stat().st_size for path in files)
            results.append(Result(variant, statistics.median(times[variant]), size, page_count(files),
                                  image_bytes(files), qpdf, verified))
        default = results[0]
        print(f"\nmedian of {runs} signed builds each; median load average {load:.1f} on {os.cpu_count()} cores\n")
        print("| options | bundle | of as received | images on its pages | pages | time | qpdf --check | verify |")
        print("|---|---:|---:|---:|---:|---:|---|---|")
        for result in results:
            print(f"| {result.variant.label} | {_mb(result.size)} | {result.size / default.size:.0%}"
                  f" | {_mb(result.image_bytes)} | {result.pages} | {result.seconds:.1f} s"
                  f" | {'clean' if result.qpdf_clean else 'NOT clean'} | {'intact' if result.verified else 'FAILED'} |")
        quality = {dpi: legibility(work, kinds, dpi, arguments.keep is not None)
                   for dpi in sorted({LEGIBILITY_DPI, min(dpis)}, reverse=True)}
    return figures(results, runs, len(scans), quality, load)


def legibility(work: Path, kinds: list[Variant], dpi: int, kept: bool) -> dict[int, float]:
    """PSNR by page of the pages ``--optimize-images dpi`` resampled, rendered at LEGIBILITY_DPI
    against the bundle as received; the renders and crops stay in ``work``."""
    optimised = next(index for index, variant in enumerate(kinds) if variant.options == ("--optimize-images", str(dpi)))
    pages = resampled_pages(work / "v0" / "bundle.pdf", work / f"v{optimised}" / "bundle.pdf")
    if not pages:
        raise SystemExit(f"--optimize-images {dpi} resampled no image of the case")
    print(f"\npages --optimize-images {dpi} resampled, rendered at {LEGIBILITY_DPI} dpi: PSNR against the bundle as"
          " received" + ("" if kept else " (--keep DIR keeps the renders)"))
    quality = {}
    for page in pages:
        before = render(work / "v0" / "bundle.pdf", page, work / f"render-p{page}-as-received")
        after = render(work / f"v{optimised}" / "bundle.pdf", page, work / f"render-p{page}-{dpi}dpi")
        side_by_side(before, after, work / f"render-p{page}-{dpi}dpi-side-by-side.png")
        quality[page] = psnr(before, after)
        print(f"  page {page}: {quality[page]:.1f} dB")
    return quality


def figures(results: list[Result], runs: int, scans: int, quality: dict[int, dict[int, float]],
            load: float) -> list[Figure]:
    default, rows = results[0], []
    case = f"the demo case + {scans} corpus scans, signed"
    timing = f"median of {runs}, load average {load:.1f} on {os.cpu_count()} cores"
    for result in results:
        sound = result.qpdf_clean and result.verified
        checked = ("qpdf --check clean, verify intact" if sound else
                   f"qpdf --check {'clean' if result.qpdf_clean else 'NOT clean'},"
                   f" verify {'intact' if result.verified else 'FAILED'}")
        if result is default:
            rows.append(Figure(f"bundle of {case}, no option ({timing})",
                               f"{_mb(result.size)} ({_mb(result.image_bytes)} of images on its pages),"
                               f" {result.pages} pages, {result.seconds:.1f} s; {checked}",
                               "qpdf clean, verify intact", sound))
            continue
        rows.append(Figure(f"the same, {result.variant.label}",
                           f"{_mb(result.size)} = {result.size / default.size:.0%} ({_mb(result.image_bytes)} of"
                           f" images), {result.pages} pages, {result.seconds:.1f} s; {checked}",
                           "no larger than as received, same pages, qpdf clean, verify intact",
                           sound and result.size <= default.size and result.pages == default.pages))
    for dpi, pages in quality.items():
        worst = min(pages, key=pages.__getitem__)
        rows.append(Figure(f"the {len(pages)} pages `--optimize-images {dpi}` resampled, rendered at"
                           f" {LEGIBILITY_DPI} dpi, against the bundle as received",
                           f"PSNR {pages[worst]:.1f} dB (page {worst}) to {max(pages.values()):.1f} dB"))
    return rows


if __name__ == "__main__":
    main()
