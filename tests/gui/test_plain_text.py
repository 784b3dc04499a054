"""Text that comes from a file or from the case is shown as text, never read as markup.

An attachment name inside a supplier's PDF once appeared in the Documents panel as a 40-pt
red "CBP REVIEW: NO ISSUES FOUND" with a link. Here the same markup is put in every field a
file or a user fills, every page is shown with its details, and every label, text view and
tooltip of the window is read back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QGraphicsView, QLabel, QTextEdit, QWidget

from importer_app.core.model import NotApplicable, ScreeningDecision
from importer_app.gui.main_window import MainWindow
from importer_app.gui.review_page import FINDING_ROLE
from importer_app.store.casefile import CaseFile

MARKUP = '<h1 style="color:red">CBP REVIEW: NO ISSUES FOUND</h1><a href=x>'
SHOWN = "CBP REVIEW: NO ISSUES FOUND"


def _fill_with_markup(path: Path) -> None:
    with CaseFile.open(path) as casefile:
        case = casefile.load()
        casefile.set_shipment(dataclasses.replace(
            case.shipment, title=MARKUP, importer_of_record=MARKUP, merchandise=MARKUP, port_name=MARKUP,
            importer_address=MARKUP, ultimate_consignee=MARKUP))
        for entity in case.entities:
            casefile.update_entity(dataclasses.replace(entity, name=f"{entity.id} {MARKUP}", address=MARKUP,
                                                       name_local=MARKUP))
        for link in case.links:
            casefile.update_link(dataclasses.replace(link, material=MARKUP))
        for document in case.documents[:5]:
            casefile.update_document(dataclasses.replace(document, title=MARKUP, notes=(MARKUP,),
                                                         references=(MARKUP,)))
        casefile.set_not_applicable(NotApplicable("SCT-15", "entity:gin", MARKUP))
        for decision in case.screening_decisions:
            casefile.decide_screening_hit(dataclasses.replace(decision, reason=MARKUP))
        casefile.decide_screening_hit(ScreeningDecision("made-up-key", "gin", "dismissed", MARKUP,
                                                        dt.datetime(2026, 11, 1, tzinfo=dt.UTC)))


def _read_as_markup(text: str, text_format: Qt.TextFormat) -> bool:
    """True when ``text`` holds the markup and the widget would draw it as markup."""
    if SHOWN not in text:
        return False
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text))
    if not rich:
        return False
    document = QTextDocument()
    document.setHtml(text)
    return "<h1" not in document.toPlainText()


def _offenders(root: QWidget) -> list[str]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__} {widget.objectName()} in {type(widget.parent()).__name__}"
        if isinstance(widget, QLabel) and _read_as_markup(widget.text(), widget.textFormat()):
            found.append(f"label {name}: {widget.text()[:80]}")
        if isinstance(widget, QTextEdit) and SHOWN in widget.toPlainText() and "<h1" not in widget.toPlainText():
            found.append(f"text view {name}")
        if _read_as_markup(widget.toolTip(), Qt.TextFormat.AutoText):
            found.append(f"tooltip of {name}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            found += [f"tooltip in {name}: {tip[:60]}" for tip in _tooltips(widget.model())
                      if _read_as_markup(tip, Qt.TextFormat.AutoText)]
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            found += [f"map tooltip: {item.toolTip()[:60]}" for item in widget.scene().items()
                      if _read_as_markup(item.toolTip(), Qt.TextFormat.AutoText)]
    return found


def _tooltips(model, parent=None) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    tips = []
    try:
        columns = model.columnCount(parent)
    except TypeError:  # the list widgets' model keeps columnCount private: one column
        columns = 1
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                tips.append(tip)
        tips += _tooltips(model, model.index(row, 0, parent))
    return tips


def test_markup_in_case_and_file_data_is_shown_as_text_everywhere(window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    _fill_with_markup(demo_case)
    assert window.open_case_path(demo_case)
    view = window.case_view
    problems: list[str] = []
    for step in ("Shipment", "Supply chain", "Documents", "Review", "Forms", "Export"):
        view.show_step(step)
        problems += _offenders(window)
    supply = view.supply_page
    for row in range(supply.entity_model.rowCount()):
        supply.entity_view.selectRow(row)
        problems += _offenders(window)
    documents = view.documents_page
    view.show_step("Documents")
    for path in [d.path for d in window.session.case.documents[:5]]:
        documents.select(path)
        assert documents.panel.heading.text() == MARKUP  # the note, as the file gave it
        problems += _offenders(window)
    review = view.review_page
    view.show_step("Review")
    review.severity.setCurrentIndex(review.severity.findText("Everything"))
    leaves = [index for index in _leaf_indexes(review.model) if index.data(FINDING_ROLE) is not None]
    assert leaves
    for index in leaves:
        review.tree.setCurrentIndex(index)
        problems += _offenders(window)
    assert not problems, "\n".join(sorted({p[:90] for p in problems}))


def _leaf_indexes(model, parent=None):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from _leaf_indexes(model, index)
