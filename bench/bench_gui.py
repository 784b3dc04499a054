"""Figures for the window: cold start, opening a large case, event-loop stalls during intake.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_gui.py
Prints a Markdown table; the README quotes it (bench/run_all collects it with --json).
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from figures import Figure, add_options, emit, human_output  # noqa: E402

RUNS = 5
DOCUMENTS = 5000
"""Documents in the case opened in the window (the foundation's case)."""
INTAKE_FILES = 100
"""PDFs of five pages added in the window while the event loop is watched."""
GOAL_START_RATIO = 1.5
GOAL_START = f"<= {GOAL_START_RATIO}x"
GOAL_GAP_MS = 50
GOAL_GAP = f"< {GOAL_GAP_MS} ms"
"""In every run of the intake (``--runs``): one stall is what a user notices."""

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 820)
window.show()
app.exec()
"""

# Put on PYTHONPATH of both processes: when the event loop starts (the window shown, its first
# paint queued), note the time since the process was started and quit. Both sides pay the same
# for it, and the app runs unchanged through its real entry point.
FIRST_PAINT_HOOK = """
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

_exec = QApplication.exec


def _exec_and_time(*_instance):
    def done():
        with open(os.environ["BENCH_OUT"], "w") as out:
            out.write(repr(time.time() - float(os.environ["BENCH_START"])))
        QApplication.quit()
    QTimer.singleShot(0, done)
    return _exec()


QApplication.exec = _exec_and_time
"""


def _cold_start(command: list[str], home: Path, runs: int = RUNS) -> float:
    """Median seconds from starting ``command`` to its first window shown."""
    hook = home / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(FIRST_PAINT_HOOK, encoding="utf-8")
    out = home / "first-paint.txt"
    samples = []
    for _ in range(runs):
        out.unlink(missing_ok=True)
        env = {**os.environ, "IMPORTER_APP_HOME": str(home), "PYTHONPATH": str(hook), "BENCH_OUT": str(out),
               "BENCH_START": repr(time.time())}
        subprocess.run(command, capture_output=True, text=True, env=env, check=True, timeout=120)
        samples.append(float(out.read_text()))
    return statistics.median(samples)


def _compile_package() -> None:
    """Write importer_app's bytecode, as installing it does: with PYTHONDONTWRITEBYTECODE set (or
    a source tree never run), every cold start would otherwise compile the package first, which
    no installed copy does."""
    import importer_app

    compileall.compile_dir(Path(importer_app.__file__).parent, quiet=1)


def _big_case(folder: Path, documents: int = DOCUMENTS) -> Path:
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_foundation import _case  # the same generated case as the foundation figure

    from importer_app.store.casefile import write_new_case

    case, blobs = _case(documents)
    path = folder / "big.tcase"
    write_new_case(path, case, blobs, source="bench")
    return path


def _open_in_window(path: Path, runs: int = 3) -> float:
    from PySide6.QtWidgets import QApplication

    from importer_app.core.catalog import load_catalog
    from importer_app.gui.main_window import MainWindow
    from importer_app.gui.settings import Settings

    app = QApplication.instance() or QApplication([])
    window = MainWindow(Settings(), load_catalog)
    window.show()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        assert window.open_case_path(path)
        app.processEvents()
        samples.append(time.perf_counter() - start)
        window.close_case()
    window.close()
    return statistics.median(samples)


def _intake_stall(folder: Path, files: int = INTAKE_FILES) -> tuple[int, float, int]:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication
    from reportlab.pdfgen import canvas

    from importer_app.case.description import import_description
    from importer_app.core.catalog import load_catalog
    from importer_app.demo import write_demo
    from importer_app.gui.main_window import MainWindow
    from importer_app.gui.settings import Settings

    import datetime as dt

    _app = QApplication.instance() or QApplication([])  # must outlive the window
    catalog = load_catalog()
    demo = folder / "demo.tcase"
    import_description(write_demo(folder / "demo", today=dt.date.today()), demo, catalog)
    sources = []
    for number in range(files):
        out = io.BytesIO()
        page = canvas.Canvas(out, invariant=1)
        for page_number in range(5):
            page.drawString(72, 720, f"Delivery note DN-{number} page {page_number}")
            page.showPage()
        page.save()
        source = folder / f"note-{number}.pdf"
        source.write_bytes(out.getvalue())
        sources.append(source)
    window = MainWindow(Settings(), lambda: catalog)
    window.show()
    assert window.open_case_path(demo)
    # The opened case's first layout and paint run in the next turns of the loop: they belong
    # to opening it (the figure above), not to adding files, so they finish before the watch.
    settled = QEventLoop()
    QTimer.singleShot(500, settled.quit)
    settled.exec()
    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: gaps.append(clock.restart()))
    loop = QEventLoop()
    page = window.case_view.documents_page
    page.intake_finished.connect(loop.quit)
    timer.start()
    page.add_paths(sources)
    loop.exec()
    timer.stop()
    window.close()
    return max(gaps), statistics.median(gaps), len(sources)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="cold starts of each kind, and batches of PDFs added")
    parser.add_argument("--documents", type=int, default=DOCUMENTS, help="documents in the case opened")
    parser.add_argument("--files", type=int, default=INTAKE_FILES, help="PDFs added while the loop is watched")
    add_options(parser, quick="1 cold start of each, a case of 200 documents opened once, 10 PDFs added once")
    args = parser.parse_args()
    opens = 3
    if args.quick:
        args.runs, args.documents, args.files, opens = 1, 200, 10, 1
    with human_output(args.json):
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp)
            _compile_package()
            bare = _cold_start([sys.executable, "-c", BARE], folder, args.runs)
            ours = _cold_start([str(Path(sys.executable).with_name("importer-app"))], folder, args.runs)
            big = _big_case(folder, args.documents)
            opened = _open_in_window(big, opens)
            stalls = []
            for run in range(args.runs):
                (folder / f"intake-{run}").mkdir()
                stalls.append(_intake_stall(folder / f"intake-{run}", args.files))
            gaps = [longest for longest, _, _ in stalls]
            median = statistics.median(m for _, m, _ in stalls)
            files = stalls[0][2]
        print("| figure | value |")
        print("|---|---|")
        print(f"| cold start to first window shown, bare PySide6 QMainWindow (median of {args.runs}) | {bare:.2f} s |")
        print(f"| cold start to first window shown, the `importer-app` command (median of {args.runs}) | {ours:.2f} s"
              f" ({ours / bare:.2f}x) |")
        print(f"| open a case of {args.documents:,} documents in the window (median of {opens}) | {opened:.2f} s |")
        print(f"| longest event-loop gap while {files} PDFs ({files * 5} pages) are added, each of {len(gaps)} runs"
              f" | {', '.join(map(str, gaps))} ms (median tick {median:.0f} ms) |")
    emit([
        Figure("cold start to first window, bare PySide6 QMainWindow / the `importer-app` command",
               f"{bare:.2f} s / {ours:.2f} s = {ours / bare:.2f}x", GOAL_START, ours / bare <= GOAL_START_RATIO),
        Figure(f"open a case of {args.documents:,} documents in the window", f"{opened:.2f} s"),
        Figure(f"longest event-loop gap while {files} PDFs ({files * 5} pages) are added in the window"
               f" ({len(gaps)} runs)", f"{', '.join(map(str, gaps))} ms (median tick {median:.0f} ms)",
               f"{GOAL_GAP} in every run", max(gaps) < GOAL_GAP_MS),
    ], args.json)


if __name__ == "__main__":
    main()
