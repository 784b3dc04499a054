"""The Documents page never lets an edit land on a document other than the highlighted one.

The selected row and the document in the details panel are the same document after every
sequence of clicks, keys, company filters, searches, sorts, additions, removals, edits and
undos; a filter hides nothing without saying so, and a file just added is never hidden.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from builders import make_pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from importer_app.case.intake import IntakeResult
from importer_app.core.model import Document
from importer_app.gui.document_model import PATH_ROLE
from importer_app.gui.main_window import MainWindow
from importer_app.store.casefile import Change


def _open_documents(window: MainWindow, demo_case: Path):  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    window.case_view.show_step("Documents")
    page = window.case_view.documents_page
    page.confirm = lambda title, question: True
    return page


def _stored(window: MainWindow, path: str) -> Document:
    return next(d for d in window.session.case.documents if d.path == path)


def assert_panel_shows_the_selected_row(window: MainWindow) -> None:
    page = window.case_view.documents_page
    rows = page.table.selectionModel().selectedRows()
    assert len(rows) <= 1
    selected = rows[0].data(PATH_ROLE) if rows else None
    shown = page.panel.document
    assert (shown.path if shown else None) == selected
    if shown is not None:
        assert shown == _stored(window, shown.path), "the panel shows an outdated copy"
        assert rows[0].data() == (shown.title or shown.path), "the highlighted row reads as another document"
        assert page.panel.path_label.text() == shown.path
    else:
        assert not page.panel.isEnabled()


def _add(window: MainWindow, name: str, entities: tuple[str, ...] = ()) -> str:
    """A document stored the way intake stores one, then handed to the page as intake does."""
    page = window.case_view.documents_page
    data = make_pdf([f"Delivery note {name}"])
    document = Document(name, hashlib.sha256(data).hexdigest(), "other", len(data), entities=entities, page_count=1)
    window.session.casefile.add_document(document, data)
    window.session.refresh_after(Change("documents", "add", name))
    page.on_intake_finished([IntakeResult(name, "added", f"{name} added.", document)])
    return name


def _click_row(qtbot, page, row: int) -> None:  # type: ignore[no-untyped-def]
    index = page.filter.index(row, 0)
    page.table.scrollTo(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=page.table.visualRect(index).center())


def _visible_paths(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [page.filter.index(r, 0).data(PATH_ROLE) for r in range(page.filter.rowCount())]


def test_a_company_filter_is_shown_and_clears_with_one_click(window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_documents(window, demo_case)
    assert page.filter_bar.isHidden()
    window.case_view.supply_page.entity_selected.emit("gin")
    assert page.filter_bar.isVisible()
    name = window.session.case.entity("gin").name
    assert name in page.filter_note.text()
    assert f"of {page.model.rowCount()} documents" in page.filter_note.text()
    qtbot.mouseClick(page.show_all, Qt.MouseButton.LeftButton)
    assert page.filter_bar.isHidden() and page.filter.rowCount() == page.model.rowCount()


def test_a_file_added_under_a_filter_is_shown_not_hidden(window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_documents(window, demo_case)
    window.case_view.supply_page.entity_selected.emit("gin")
    _click_row(qtbot, page, 0)
    _add(window, "late-delivery-note.pdf")
    assert "late-delivery-note.pdf" in _visible_paths(page)
    assert page.filter_bar.isHidden()
    assert "filter was cleared" in page.results.text()
    assert page.panel.document is not None and page.panel.document.path == "late-delivery-note.pdf"
    assert_panel_shows_the_selected_row(window)


def test_a_filter_hiding_the_selected_row_empties_the_panel(window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_documents(window, demo_case)
    page.filter_by_entity("gin")
    gin_docs = set(_visible_paths(page))
    page.clear_filters()
    row = next(r for r, p in enumerate(_visible_paths(page)) if p not in gin_docs)
    _click_row(qtbot, page, row)
    assert page.panel.document is not None
    window.case_view.supply_page.entity_selected.emit("gin")
    assert page.panel.document is None
    assert not page.table.selectionModel().currentIndex().isValid()
    assert_panel_shows_the_selected_row(window)


def test_saving_after_a_sort_and_an_addition_changes_the_highlighted_document_only(window: MainWindow, demo_case: Path,
                                                                                   qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_documents(window, demo_case)
    _click_row(qtbot, page, 3)
    chosen = page.selected_path()
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    _add(window, "aaa-first.pdf")
    _click_row(qtbot, page, _visible_paths(page).index(chosen))
    before = {d.path: d for d in window.session.case.documents}
    page.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    page.panel.title.setText("Renamed while sorted")
    qtbot.mouseClick(page.panel.save, Qt.MouseButton.LeftButton)
    after = {d.path: d for d in window.session.case.documents}
    changed = [p for p in after if after[p] != before[p]]
    assert changed == [chosen] and after[chosen].title == "Renamed while sorted"
    assert page.selected_path() == chosen
    assert_panel_shows_the_selected_row(window)


def test_removing_another_row_keeps_the_selection_on_its_document(window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_documents(window, demo_case)
    _click_row(qtbot, page, 5)
    chosen = page.selected_path()
    other = _visible_paths(page)[1]
    _click_row(qtbot, page, 1)
    page.on_remove()
    assert other not in _visible_paths(page) and page.panel.document is None
    page.select(chosen)
    window.session.undo_stack.undo()  # the removed one comes back, at another row
    assert other in _visible_paths(page)
    assert_panel_shows_the_selected_row(window)


OPERATIONS = st.one_of(
    st.tuples(st.just("click"), st.integers(0, 80)),
    st.tuples(st.just("key"), st.sampled_from([Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Home, Qt.Key.Key_End])),
    st.tuples(st.just("company"), st.sampled_from(["", "gin", "grower", "spinner", "knitter", "importer"])),
    st.tuples(st.just("search"), st.sampled_from(["", "invoice", "bales", "zzz-nothing", "po"])),
    st.tuples(st.just("sort"), st.integers(0, 5), st.booleans()),
    st.tuples(st.just("add"), st.sampled_from([(), ("gin",), ("grower",)])),
    st.tuples(st.just("remove")),
    st.tuples(st.just("edit")),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
    st.tuples(st.just("show all")),
)


def test_random_sequences_never_part_the_panel_from_the_selection(window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_documents(window, demo_case)
    counter = iter(range(10_000))

    def run(operation: tuple) -> None:  # type: ignore[type-arg]
        kind = operation[0]
        if kind == "click" and page.filter.rowCount():
            _click_row(qtbot, page, operation[1] % page.filter.rowCount())
        elif kind == "key":
            page.table.setFocus()
            qtbot.keyClick(page.table, operation[1])
        elif kind == "company":
            window.case_view.supply_page.entity_selected.emit(operation[1])
        elif kind == "search":
            page.search.setText(operation[1])
        elif kind == "sort":
            page.table.sortByColumn(operation[1], Qt.SortOrder.AscendingOrder if operation[2] else Qt.SortOrder.DescendingOrder)
        elif kind == "add":
            path = _add(window, f"added-{next(counter)}.pdf", operation[1])
            assert path in _visible_paths(page) and page.selected_path() == path
        elif kind == "remove" and page.selected_path():
            removed = page.selected_path()
            page.table.setFocus()
            qtbot.keyClick(page.table, Qt.Key.Key_Delete)
            assert removed not in {d.path for d in window.session.case.documents}
        elif kind == "edit" and page.selected_path():
            chosen = page.selected_path()
            before = {d.path: d for d in window.session.case.documents}
            title = f"Edited {next(counter)}"
            page.panel.title.setText(title)
            page.panel.on_save()
            after = {d.path: d for d in window.session.case.documents}
            assert [p for p in after if after[p] != before.get(p)] == [chosen]
            assert after[chosen].title == title
        elif kind == "undo":
            window.session.undo_stack.undo()
        elif kind == "redo":
            window.session.undo_stack.redo()
        elif kind == "show all" and page.filter_bar.isVisible():
            qtbot.mouseClick(page.show_all, Qt.MouseButton.LeftButton)
        assert_panel_shows_the_selected_row(window)
        hidden = page.model.rowCount() - page.filter.rowCount()
        assert page.filter_bar.isVisible() == bool(page.filter.entity() or page.search.text().strip())
        if hidden:
            assert page.filter_bar.isVisible(), "rows are hidden and nothing says so"

    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(OPERATIONS, min_size=1, max_size=12))
    def sequences(operations: list[tuple]) -> None:  # type: ignore[type-arg]
        for operation in operations:
            run(operation)

    sequences()
