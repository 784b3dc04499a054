"""Removing or replacing evidence asks first, says what it takes away, and can be undone."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from builders import make_pdf
from PySide6.QtCore import Qt

from importer_app.gui.main_window import MainWindow
from importer_app.gui.supply_dialogs import EntityDialog


def _documents(window: MainWindow, demo_case: Path):  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    window.case_view.show_step("Documents")
    return window.case_view.documents_page


def _proving(window: MainWindow) -> str:
    """A document that is the only evidence of some item."""
    report = window.session.report
    return next(s.documents[0] for s in report.statuses if s.state == "satisfied" and len(s.documents) == 1)


def test_the_delete_key_asks_listing_what_the_document_proves_and_undo_restores_it(window: MainWindow, demo_case: Path,
                                                                                  qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _documents(window, demo_case)
    path = _proving(window)
    before = next(d for d in window.session.case.documents if d.path == path)
    asked: list[str] = []
    page.confirm = lambda title, question: asked.append(question) is None and False
    page.select(path)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(asked) == 1 and "(only this document)" in asked[0] and "Undo" in asked[0]
    assert "SCT-" not in asked[0]
    assert path in {d.path for d in window.session.case.documents}, "Cancel removed it anyway"

    page.confirm = lambda title, question: True
    page.remove_action.trigger()
    assert path not in {d.path for d in window.session.case.documents}
    assert page.panel.document is None and not page.remove_button.isEnabled()
    window.session.undo_stack.undo()
    restored = next(d for d in window.session.case.documents if d.path == path)
    assert restored == before
    assert window.session.casefile.read_blob(restored.sha256)
    assert path in window.session.casefile.search_text(" ".join(window.session.casefile.document_text(path).split()[:2]))


def test_undoing_a_removal_keeps_the_date_the_document_was_received(window: MainWindow, demo_case: Path) -> None:
    # The chronology compares production dates with the date a document reached the case: an
    # undo that renewed it would move the document in time.
    with sqlite3.connect(demo_case) as db:
        db.execute("UPDATE documents SET added_at = '2026-01-05T10:00:00+00:00'")
    db.close()
    page = _documents(window, demo_case)
    path = _proving(window)
    page.confirm = lambda title, question: True
    page.select(path)
    page.remove_action.trigger()
    window.session.undo_stack.undo()
    assert window.session.casefile.documents_received()[path] == dt.date(2026, 1, 5)


def test_remove_is_in_the_rows_context_menu_and_disabled_without_a_selection(window: MainWindow, demo_case: Path) -> None:
    page = _documents(window, demo_case)
    assert page.remove_action in page.table.actions() and page.replace_action in page.table.actions()
    assert page.table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert not page.remove_action.isEnabled() and not page.replace_button.isEnabled()
    page.select(window.session.case.documents[0].path)
    assert page.remove_action.isEnabled() and page.replace_button.isEnabled()


def test_replacing_a_document_moves_its_details_to_the_new_file_and_undo_brings_the_old_back(
        window: MainWindow, demo_case: Path, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _documents(window, demo_case)
    old = next(d for d in window.session.case.documents if d.links and d.title)
    source = tmp_path / "invoice-signed.pdf"
    source.write_bytes(make_pdf(["Commercial invoice, signed copy"]))
    page.confirm = lambda title, question: True
    page.choose_replacement = lambda: source
    page.select(old.path)
    with qtbot.waitSignal(page.intake_finished, timeout=60_000):
        page.replace_action.trigger()
    documents = {d.path: d for d in window.session.case.documents}
    assert old.path not in documents
    new = documents["invoice-signed.pdf"]
    assert (new.title, new.type, new.links, new.entities) == (old.title, old.type, old.links, old.entities)
    assert page.panel.document == new
    window.session.undo_stack.undo()
    documents = {d.path: d for d in window.session.case.documents}
    assert documents[old.path] == old and documents["invoice-signed.pdf"].title != old.title


def test_removing_a_transfer_with_documents_asks_and_lists_them(window: MainWindow, demo_case: Path) -> None:
    assert window.open_case_path(demo_case)
    supply = window.case_view.supply_page
    case = window.session.case
    link = case.links[0]
    tied = [d for d in case.documents if link.id in d.links]
    assert tied
    asked: list[str] = []
    supply.confirm = lambda title, question: asked.append(question) is None and False
    supply.select("link", link.id)
    supply.on_remove_link()
    assert link in window.session.case.links, "Cancel removed it anyway"
    assert link.id not in asked[0] and link.material in asked[0]
    assert f"{len(tied)} document{'s' if len(tied) != 1 else ''} {'are' if len(tied) != 1 else 'is'} tied" in asked[0]
    assert all((d.title or d.path) in asked[0] for d in tied[:12])
    supply.confirm = lambda title, question: True
    supply.on_remove_link()
    assert link not in window.session.case.links
    assert not any(link.id in d.links for d in window.session.case.documents)
    window.session.undo_stack.undo()
    assert all(link.id in d.links for d in window.session.case.documents if d.path in {t.path for t in tied})


def test_a_second_company_with_the_same_name_and_country_gets_a_warning(window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    existing = window.session.case.entities[2]
    dialog = EntityDialog(window.session.case, parent=window)
    qtbot.addWidget(dialog)
    dialog.name.setText("  " + existing.name.upper() + " ")
    dialog.country.setText(existing.country.lower())
    dialog.buttons.accepted.emit()
    assert existing.name in dialog.problem.text() and dialog.result() == 0
    dialog.buttons.accepted.emit()
    assert dialog.result() == 1  # OK again adds it anyway
    other = EntityDialog(window.session.case, parent=window)
    qtbot.addWidget(other)
    other.name.setText(existing.name)
    other.country.setText("US" if existing.country != "US" else "VN")
    other.buttons.accepted.emit()
    assert other.result() == 1 and other.problem.text() == ""


def test_editing_a_company_or_transfer_keeps_the_fields_the_dialogs_do_not_show(window: MainWindow, demo_case: Path,
                                                                                 qtbot) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from importer_app.gui.supply_dialogs import LinkDialog

    assert window.open_case_path(demo_case)
    case = window.session.case
    entity = dataclasses.replace(case.entities[2], owner="Grupo Boa Vista", subdivision=f"{case.entities[2].country}-01")
    dialog = EntityDialog(case, entity, parent=window)
    qtbot.addWidget(dialog)
    dialog.name.setText("Renamed Co.")
    edited = dialog.entity()
    assert (edited.name, edited.owner, edited.subdivision) == ("Renamed Co.", "Grupo Boa Vista", entity.subdivision)
    link = dataclasses.replace(case.links[0], material_class="raw", payment_terms="net 60")
    link_dialog = LinkDialog(case, link, parent=window)
    qtbot.addWidget(link_dialog)
    assert (link_dialog.link().material_class, link_dialog.link().payment_terms) == ("raw", "net 60")
    assert link_dialog.link().material == link.material
