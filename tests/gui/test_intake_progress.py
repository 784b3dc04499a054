"""Adding documents in the window: each file's row appears as soon as it is stored, the
progress is a bar in the page (no modal dialog), and Cancel stops the batch keeping what was added."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from builders import make_pdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from importer_app.gui.commands import UpdateDocument, UpdateEntity
from importer_app.gui.main_window import MainWindow


def _pdfs(folder: Path, count: int) -> list[Path]:
    sources = []
    for number in range(count):
        source = folder / f"note-{number:02}.pdf"
        source.write_bytes(make_pdf([f"Delivery note DN-{number}"] * 3))
        sources.append(source)
    return sources


def _open_documents(window: MainWindow, case: Path):  # type: ignore[no-untyped-def]
    assert window.open_case_path(case)
    window.case_view.show_step("Documents")
    return window.case_view.documents_page


def test_rows_appear_as_each_file_is_stored_while_the_window_stays_usable(
        window: MainWindow, demo_case: Path, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_documents(window, demo_case)
    before = page.model.rowCount()
    seen_while_running: list[tuple[int, bool, bool]] = []
    runner = page.add_paths(_pdfs(tmp_path, 8))
    assert runner is not None
    runner.stored.connect(lambda result: seen_while_running.append(
        (page.model.rowCount(), page.intake_bar.isVisible(), QApplication.activeModalWidget() is None)))
    waited: list[bool] = []
    runner.stored.connect(lambda result: waited.append(window.session.casefile.commits_wait_for_disk))
    with qtbot.waitSignal(page.intake_finished, timeout=120_000) as finished:
        pass
    assert sum(r.added for r in finished.args[0]) == 8
    # The files' commits do not wait for the disk; once the batch is over, commits do again.
    assert waited == [False] * 8 and window.session.casefile.commits_wait_for_disk
    # One row more after each file, each while the batch was still running, with no modal dialog.
    assert [rows for rows, _, _ in seen_while_running] == list(range(before + 1, before + 9))
    assert all(bar and no_modal for _, bar, no_modal in seen_while_running)
    assert not page.intake_bar.isVisible()
    assert page.model.rowCount() == before + 8 == len(window.session.case.documents)


def test_cancel_in_the_page_stops_the_batch_and_keeps_the_files_already_added(
        window: MainWindow, demo_case: Path, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_documents(window, demo_case)
    before = len(window.session.case.documents)
    runner = page.add_paths(_pdfs(tmp_path, 40))
    assert runner is not None and page.intake_bar.isVisible()
    runner.stored.connect(lambda result: qtbot.mouseClick(page.intake_cancel, Qt.MouseButton.LeftButton)
                          if page.intake_cancel.isEnabled() else None)
    with qtbot.waitSignal(page.intake_finished, timeout=120_000) as finished:
        pass
    added = [r for r in finished.args[0] if r.added]
    assert 1 <= len(added) < 40
    assert window.session.casefile.commits_wait_for_disk, "a cancelled batch left commits without the disk's wait"
    assert len(window.session.case.documents) == before + len(added) == page.model.rowCount()
    assert not page.intake_bar.isVisible()


def test_a_batch_inserts_rows_and_leaves_the_rows_already_there_alone(
        window: MainWindow, demo_case: Path, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The table is never reset while files arrive, and the case's check at the end of the batch
    repaints (and re-sorts) no row that did not change."""
    page = _open_documents(window, demo_case)
    before = page.model.rowCount()
    resets: list[str] = []
    changed_rows: list[int] = []
    page.model.modelReset.connect(lambda: resets.append("model"))
    page.filter.modelReset.connect(lambda: resets.append("view"))
    page.model.dataChanged.connect(lambda top, bottom, roles=(): changed_rows.extend(range(top.row(), bottom.row() + 1)))
    assert page.add_paths(_pdfs(tmp_path, 5)) is not None
    with qtbot.waitSignal(page.intake_finished, timeout=120_000):
        pass
    assert page.model.rowCount() == before + 5
    assert resets == []
    assert [row for row in changed_rows if row < before] == []


def test_an_edit_repaints_the_row_it_changed_and_a_renamed_company_every_row(
        window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_documents(window, demo_case)
    session = window.session
    changed_rows: list[int] = []
    page.model.dataChanged.connect(lambda top, bottom, roles=(): changed_rows.extend(range(top.row(), bottom.row() + 1)))
    row = 3
    document = page.model.document_at(row)
    assert session.apply(UpdateDocument(session.casefile, session, document,
                                        dataclasses.replace(document, title="Packing list, corrected")))
    assert changed_rows == [row]
    assert page.model.index(row, 0).data() == "Packing list, corrected"
    changed_rows.clear()
    entity = session.case.entities[0]
    assert session.apply(UpdateEntity(session.casefile, session, entity, dataclasses.replace(entity, name="Renamed Co.")))
    assert changed_rows == list(range(page.model.rowCount()))
