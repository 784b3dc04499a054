"""A PDF built to overload readers costs the window nothing: its preview is drawn in a child
process that is stopped at intake's limits, and the panel says why there is no preview."""

from __future__ import annotations

import hashlib
import io
import zlib
from pathlib import Path

import pikepdf
import pytest
from builders import make_pdf
from PySide6.QtCore import QElapsedTimer, QTimer

from importer_app.core.model import Document
from importer_app.gui.main_window import MainWindow
from importer_app.gui.preview_process import PreviewRenderer
from importer_app.store.casefile import CaseFile

BOMB_NAME = "supplier-declaration.pdf"


@pytest.fixture(scope="module")
def flate_bomb() -> bytes:
    """A 1 MB PDF whose one page's content inflates to 1 GiB."""
    squeezer = zlib.compressobj(9)
    block = b"\0" * (16 * 1024 * 1024)
    content = b"".join(squeezer.compress(block) for _ in range(64)) + squeezer.flush()
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    stream = pikepdf.Stream(pdf, content)
    stream.Filter = pikepdf.Name.FlateDecode
    pdf.pages[0].Contents = pdf.make_indirect(stream)
    out = io.BytesIO()
    pdf.save(out, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return out.getvalue()


def _store(case_path: Path, name: str, data: bytes) -> None:
    """Stored as a case made elsewhere would hold it: intake would have refused this file."""
    document = Document(name, hashlib.sha256(data).hexdigest(), "affidavit", len(data), page_count=1)
    with CaseFile.open(case_path) as casefile:
        casefile.add_document(document, data)


def test_a_flate_bomb_shows_preview_unavailable_and_the_window_keeps_running(
        window: MainWindow, demo_case: Path, flate_bomb: bytes, qtbot) -> None:  # type: ignore[no-untyped-def]
    _store(demo_case, BOMB_NAME, flate_bomb)
    assert window.open_case_path(demo_case)
    window.case_view.show_step("Documents")
    page = window.case_view.documents_page
    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: gaps.append(clock.restart()))
    timer.start()
    page.select(BOMB_NAME)
    qtbot.waitUntil(lambda: page.panel.preview is not None, timeout=90_000)
    timer.stop()
    preview = page.panel.preview
    assert preview.problem.startswith("Preview unavailable")
    assert "memory" in preview.problem
    assert page.panel.preview_note.text() == preview.problem
    assert page.panel.pages_column.count() == 0
    # Seconds of drawing happened meanwhile; the window answered throughout (a frozen one shows
    # one gap of seconds). The figure itself is not a test's business.
    assert len(gaps) > 10 and max(gaps) < 2000

    # The next document is drawn by a fresh child.
    other = window.session.case.documents[0].path
    page.select(other)
    qtbot.waitUntil(lambda: page.panel.preview is not None, timeout=60_000)
    assert page.panel.preview.problem == "" and page.panel.pages_column.count() >= 1


def test_a_preview_past_the_time_limit_is_stopped(flate_bomb: bytes, qtbot) -> None:  # type: ignore[no-untyped-def]
    renderer = PreviewRenderer(time_limit_s=0.5, memory_limit_mb=None)
    try:
        with qtbot.waitSignal(renderer.finished, timeout=60_000) as done:
            renderer.request("bomb", flate_bomb)
        assert done.args[0].key == "bomb"
        assert "longer than 0.5 seconds" in done.args[0].problem
    finally:
        renderer.stop()


def test_a_damaged_pdf_says_why_there_is_no_preview(qtbot) -> None:  # type: ignore[no-untyped-def]
    renderer = PreviewRenderer()
    try:
        with qtbot.waitSignal(renderer.finished, timeout=60_000) as done:
            renderer.request("broken", b"%PDF-1.7\nthis is not a PDF body")
        assert done.args[0].problem == "Preview unavailable: the file is damaged or not a PDF."
        with qtbot.waitSignal(renderer.finished, timeout=60_000) as done:
            renderer.request("fine", make_pdf(["one", "two"]))
        assert done.args[0].problem == "" and done.args[0].page_count == 2 and len(done.args[0].pages) == 2
    finally:
        renderer.stop()
