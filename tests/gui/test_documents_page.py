"""The Documents page: files dropped in are checked, stored, shown and described."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from builders import make_pdf
from PySide6.QtCore import QElapsedTimer, QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent

from importer_app.gui.main_window import MainWindow


def _open_documents(window: MainWindow, demo_case: Path):  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    window.case_view.show_step("Documents")
    return window.case_view.documents_page


def test_a_dropped_file_is_added_listed_and_previewed(window: MainWindow, demo_case: Path, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_documents(window, demo_case)
    before = page.model.rowCount()
    source = tmp_path / "bank-advice-7781.pdf"
    source.write_bytes(make_pdf(["PAYMENT ADVICE remittance wire transfer 7781"]))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(page.intake_finished, timeout=60_000) as finished:
        window.dropEvent(drop)
    (result,) = finished.args[0]
    assert result.added
    assert page.model.rowCount() == before + 1
    assert window.case_view.pages.currentWidget() is page
    assert page.panel.document is not None and page.panel.document.path == "bank-advice-7781.pdf"
    qtbot.waitUntil(lambda: page.panel.preview is not None, timeout=30_000)
    assert page.panel.preview.problem == "" and page.panel.preview.page_count == 1
    assert page.panel.pages_column.count() == 1


def test_an_encrypted_pdf_asks_for_its_password(window: MainWindow, demo_case: Path, corpus: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_documents(window, demo_case)
    asked: list[str] = []
    page.ask_password = lambda source, wrong: asked.append(source) or "asdfzxcv"  # the corpus manifest's password
    with qtbot.waitSignal(page.intake_finished, timeout=60_000) as first:
        page.add_paths([corpus / "enc-user-password-aes128.pdf"])
    assert first.args[0][0].code == "password-required"
    with qtbot.waitSignal(page.intake_finished, timeout=60_000) as second:
        pass
    assert asked == [str(corpus / "enc-user-password-aes128.pdf")]
    assert second.args[0][0].added
    assert any(d.rendition_reason == "decrypted" for d in window.session.case.documents)


def test_a_second_password_prompt_says_the_first_password_was_wrong(window: MainWindow, demo_case: Path, corpus: Path,
                                                                    qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_documents(window, demo_case)
    answers = ["not it", "asdfzxcv"]  # a typo, then the corpus manifest's password
    told_wrong: list[bool] = []
    page.ask_password = lambda source, wrong: told_wrong.append(wrong) or answers.pop(0)
    before = len(window.session.case.documents)
    page.add_paths([corpus / "enc-user-password-aes128.pdf"])
    qtbot.waitUntil(lambda: len(window.session.case.documents) == before + 1, timeout=90_000)
    assert told_wrong == [False, True]


def test_editing_a_document_ties_it_and_can_be_undone(window: MainWindow, demo_case: Path) -> None:
    page = _open_documents(window, demo_case)
    document = window.session.case.documents[0]
    page.select(document.path)
    page.panel.title.setText("Renamed by the user")
    page.panel.references.setText("PO-1, INV-2")
    page.panel.on_save()
    changed = next(d for d in window.session.case.documents if d.path == document.path)
    assert changed.title == "Renamed by the user" and changed.references == ("PO-1", "INV-2")
    window.session.undo_stack.undo()
    restored = next(d for d in window.session.case.documents if d.path == document.path)
    assert restored == document


def test_search_finds_documents_by_their_text(window: MainWindow, demo_case: Path) -> None:
    page = _open_documents(window, demo_case)
    page.search.setText("bales")
    shown = {page.filter.index(r, 0).data() for r in range(page.filter.rowCount())}
    assert 0 < page.filter.rowCount() < page.model.rowCount()
    assert any("ginning" in title.lower() or "lint" in title.lower() or "bale" in title.lower() for title in shown)


def test_selecting_a_company_filters_the_documents(window: MainWindow, demo_case: Path) -> None:
    page = _open_documents(window, demo_case)
    window.case_view.supply_page.entity_selected.emit("gin")
    rows = [page.filter.mapToSource(page.filter.index(r, 0)).row() for r in range(page.filter.rowCount())]
    documents = [page.model.document_at(r) for r in rows]
    assert documents and len(documents) < page.model.rowCount()
    gin_links = {k.id for k in window.session.case.links if "gin" in (k.source, k.target)}
    assert all("gin" in d.entities or set(d.links) & gin_links for d in documents)


def test_the_document_model_follows_qt_rules(window: MainWindow, demo_case: Path, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    page = _open_documents(window, demo_case)
    qtmodeltester.check(page.model)


def test_intake_on_the_real_worker_keeps_the_window_responsive(window: MainWindow, demo_case: Path, tmp_path: Path,
                                                               qtbot, capsys) -> None:  # type: ignore[no-untyped-def]
    page = _open_documents(window, demo_case)
    sources = []
    for number in range(12):
        source = tmp_path / f"scan-{number}.pdf"
        source.write_bytes(make_pdf([f"Delivery note DN-{number}"] * 4))
        sources.append(source)
    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: gaps.append(clock.restart()))
    timer.start()
    with qtbot.waitSignal(page.intake_finished, timeout=120_000) as finished:
        page.add_paths(sources)
    timer.stop()
    assert sum(r.added for r in finished.args[0]) == 12
    with capsys.disabled():
        print(f"\nevent loop during intake of 12 files: longest gap {max(gaps)} ms,"
              f" median {statistics.median(gaps)} ms over {len(gaps)} ticks")
    # A frozen window would show gaps of seconds; the figure itself is measured by bench/bench_gui.py.
    assert max(gaps) < 2000
    time.sleep(0)
