"""Nothing in the window shows a catalog code (SCT-13), a rule code (DL-04), a transfer's id,
a source's part key or reading note, or a terminal command: every page, every Review item's
explanation, every undo label."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QGroupBox, QLabel, QTextBrowser, QWidget

from window_support import start_new_case

from importer_app.core.catalog import load_catalog
from importer_app.core.model import Case, Entity, Link, Shipment
from importer_app.gui.commands import UpdateLink
from importer_app.gui.labels import window_text
from importer_app.gui.main_window import MainWindow

CODE = re.compile(r"\b(REG|PKG|SCT|ORG|DD|SCM|LAB|DL|IND|SEC-[A-Z]+)-\d+\b|importer-app|\[S\d+[\w-]*\]")
"""Catalog item and rule ids, the command's name, and the catalog's source tags ([S05])."""
_SOURCES = load_catalog().sources.values()
NOTES = [*(f"({part})" for source in _SOURCES for part in source.parts),
         *(source.read_note for source in _SOURCES if source.read_note)]
"""The keys of a grouped source's parts (``(gdlsk)``) and where a source's text was read
(``text read in the 2015 annual edition``): the catalog's own notes, not titles to show."""


def _model_texts(model: QAbstractItemModel, parent: QModelIndex = QModelIndex()) -> Iterator[str]:  # noqa: B008
    for row in range(model.rowCount(parent)):
        # A list model hides columnCount from Python: it has one column.
        for column in range(1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)):
            index = model.index(row, column, parent)
            yield str(index.data() or "")
            yield str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
        yield from _model_texts(model, model.index(row, 0, parent))


def _texts(widget: QWidget) -> Iterator[str]:
    for child in [widget, *widget.findChildren(QWidget)]:
        yield child.toolTip()
        if isinstance(child, QLabel | QAbstractButton):
            yield child.text()
        elif isinstance(child, QTextBrowser):
            yield child.toPlainText()
        elif isinstance(child, QComboBox):
            yield from (child.itemText(i) for i in range(child.count()))
        elif isinstance(child, QGroupBox):
            yield child.title()
        elif isinstance(child, QAbstractItemView) and child.model() is not None:
            yield from _model_texts(child.model())


def _offending(window: MainWindow, texts: Iterator[str]) -> list[str]:
    ids = [link.id for link in window.session.case.links]
    return [text for text in texts if CODE.search(text) or any(key in text for key in [*ids, *NOTES])]


def test_no_page_shows_a_code_an_id_or_a_command(window: MainWindow, demo_case: Path) -> None:
    assert window.open_case_path(demo_case)
    view = window.case_view
    for name in view.step_names():
        view.show_step(name)
        assert _offending(window, _texts(view.pages.currentWidget())) == [], name


def test_no_review_explanation_shows_a_code_an_id_or_a_command(window: MainWindow, demo_case: Path) -> None:
    assert window.open_case_path(demo_case)
    window.case_view.show_step("Review")
    page = window.case_view.review_page
    page.severity.setCurrentIndex(page.severity.findText("Everything"))
    shown = []

    def visit(parent: QModelIndex) -> None:
        for row in range(page.model.rowCount(parent)):
            index = page.model.index(row, 0, parent)
            page.tree.setCurrentIndex(index)
            shown.append(page.details.toPlainText())
            visit(index)

    visit(QModelIndex())
    assert len(shown) > 10
    # The demo's findings name transfers by their ids for the command line; the window does not.
    assert any("(link " in f.message for f in window.session.report.findings)
    assert _offending(window, iter(shown)) == []


def test_the_screening_explanation_points_to_the_window_s_own_button(window: MainWindow, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    start_new_case(window, tmp_path / "new.tcase", monkeypatch)
    window.case_view.show_step("Review")
    page = window.case_view.review_page
    page.severity.setCurrentIndex(page.severity.findText("Everything"))
    screening = next(i for i in _indexes(page.model) if (f := i.data(Qt.ItemDataRole.UserRole + 1)) is not None
                     and f.kind == "screening" and f.scope == "case")
    page.tree.setCurrentIndex(screening)
    text = page.details.toPlainText()
    assert "Import list…" in text and not CODE.search(text)


def _indexes(model: QAbstractItemModel, parent: QModelIndex = QModelIndex()) -> Iterator[QModelIndex]:  # noqa: B008
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from _indexes(model, index)


def test_undo_labels_name_items_and_transfers_not_codes(window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    page = window.case_view.review_page
    window.case_view.show_step("Review")
    leaf = next(i for i in _indexes(page.model) if (f := i.data(Qt.ItemDataRole.UserRole + 1)) is not None
                and f.kind == "requirement")
    page.tree.setCurrentIndex(leaf)
    page.ask_reason = lambda finding: "Not made of any input that needs it"
    qtbot.mouseClick(page.na_button, Qt.MouseButton.LeftButton)
    labels = [window.session.undo_stack.undoText()]
    link = window.session.case.links[0]
    window.session.apply(UpdateLink(window.session.casefile, window.session, link, dataclasses.replace(link, quantity=1.0)))
    labels.append(window.session.undo_stack.undoText())
    assert all(label and not CODE.search(label) and link.id not in label for label in labels), labels
    assert labels[1] == f"Edit the transfer of {link.material}"


def test_window_text_names_transfers_and_never_reads_one_id_inside_another() -> None:
    case = Case(
        shipment=Shipment(entry_number="A", importer_of_record="Acme", merchandise="m", quantity=1, unit="pcs",
                          country_of_origin="VN", date_of_importation=dt.date(2026, 1, 5), regime="uflpa-applicability"),
        entities=(Entity("a", "Alpha Mill", "processor", "VN"), Entity("b", "Beta Farm", "raw_material_producer", "VN")),
        links=(Link("a-b", "b", "a", "cotton", 1.0, "kg"), Link("a-b-2", "b", "a", "yarn", 1.0, "kg")),
    )
    sentence = ("Missing: invoice, for the transfer of yarn from Beta Farm to Alpha Mill (link a-b-2)."
                " It ships 3 kg on link a-b and 2 kg on link a-b-2.")
    assert window_text(case, sentence) == (
        "Missing: invoice, for the transfer of yarn from Beta Farm to Alpha Mill."
        " It ships 3 kg on the transfer cotton: Beta Farm -> Alpha Mill and 2 kg on the transfer yarn: Beta Farm -> Alpha Mill.")


def test_window_text_ends_a_sentence_once_after_a_name_with_its_own_period() -> None:
    case = Case(
        shipment=Shipment(entry_number="A", importer_of_record="Acme", merchandise="m", quantity=1, unit="pcs",
                          country_of_origin="VN", date_of_importation=dt.date(2026, 1, 5), regime="uflpa-applicability"),
        entities=(Entity("a", "Lam Thuy Knitting Co., Ltd.", "processor", "VN"), Entity("b", "Beta Farm", "raw_material_producer", "VN")),
        links=(Link("b-a", "b", "a", "yarn", 1.0, "kg"),),
    )
    sentence = "Missing: invoice, for the transfer of yarn from Beta Farm to Lam Thuy Knitting Co., Ltd. (link b-a). Ask."
    assert window_text(case, sentence) == (
        "Missing: invoice, for the transfer of yarn from Beta Farm to Lam Thuy Knitting Co., Ltd. Ask.")
