"""The Shipment page edits the rest of the case's data: the kind of goods (sector), the order
the goods are held under, and the requests for more time; each dialog's OK is one undo step."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import Qt

from importer_app.core.catalog import Catalog
from importer_app.core.model import DetentionOrder, ExtensionRequest
from importer_app.gui.extension_requests import ExtensionDialog
from importer_app.gui.main_window import MainWindow
from importer_app.gui.order_box import OrderDialog
from importer_app.gui.shipment_page import ShipmentPage


def _page(window: MainWindow, demo_case: Path) -> ShipmentPage:
    assert window.open_case_path(demo_case)
    return window.case_view.shipment_page


def _choose(page: ShipmentPage, commodity: str) -> None:
    index = page.commodity.findData(commodity)
    assert index >= 0
    page.commodity.setCurrentIndex(index)
    page.commodity.activated.emit(index)


def _set_hts(page: ShipmentPage, text: str) -> None:
    editor = page.editors["hts"]
    editor.setText(text)
    editor.editingFinished.emit()


def test_the_hts_numbers_suggest_a_sector_by_name(window: MainWindow, demo_case: Path) -> None:
    page = _page(window, demo_case)
    catalog = window.session.catalog
    _set_hts(page, "5208.52.4000")
    assert page.commodity.itemText(0) == "None"
    names = [page.commodity.itemText(i) for i in range(1, page.commodity.count())]
    cotton = catalog.sectors["cotton"].name
    assert names.count(f"{cotton} (suggested by the HTS numbers)") == 1
    assert sum("(suggested" in name for name in names) == 1
    assert all(sector.id not in names for sector in catalog.sectors.values())
    _set_hts(page, "8541.43.0010")
    marked = [page.commodity.itemText(i) for i in range(page.commodity.count()) if "(suggested" in
              page.commodity.itemText(i)]
    assert marked == [f"{catalog.sectors['polysilicon'].name} (suggested by the HTS numbers)"]


def test_choosing_the_sector_adds_its_items_to_review_and_undo_takes_them_away(
        window: MainWindow, demo_case: Path) -> None:
    page = _page(window, demo_case)
    session = window.session
    assert session.case.shipment.commodity == ""
    items = set(session.catalog.sectors["polysilicon"].items)
    review = window.case_view.review_page
    review.severity.setCurrentIndex(review.severity.findText("Everything"))

    def shown() -> set[str]:
        return {finding.requirement for finding in review.visible_findings()} & items

    assert not shown()
    steps = session.undo_stack.count()
    _choose(page, "polysilicon")
    assert session.case.shipment.commodity == "polysilicon"
    assert shown() and shown() <= items
    assert session.undo_stack.count() == steps + 1
    assert session.catalog.sectors["polysilicon"].description in page.commodity_help.text()
    session.undo_stack.undo()
    assert session.case.shipment.commodity == ""
    assert page.commodity.currentData() == ""
    assert not shown()
    session.undo_stack.redo()
    assert page.commodity.currentData() == "polysilicon"


def _set_regime(page: ShipmentPage, regime: str) -> None:
    page.regime.setCurrentIndex(page.regime.findData(regime))
    page.on_regime_activated(page.regime.currentIndex())


def test_the_order_box_is_shown_for_the_regimes_under_an_order(window: MainWindow, demo_case: Path) -> None:
    page = _page(window, demo_case)
    assert window.session.case.shipment.regime == "uflpa-applicability"
    assert page.order.isHidden()
    for regime in ("wro", "finding", "modification-request"):
        _set_regime(page, regime)
        assert not page.order.isHidden()
    _set_regime(page, "uflpa-exception")
    assert page.order.isHidden()


def test_the_order_is_recorded_edited_and_removed_each_one_undo_step(window: MainWindow, demo_case: Path,
                                                                     qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(window, demo_case)
    _set_regime(page, "wro")
    session, box = window.session, page.order
    assert session.case.order is None and box.summary.text() == "Not recorded."
    assert box.edit_button.text() == "Record the order…" and not box.remove_button.isEnabled()

    def record(order):  # type: ignore[no-untyped-def]
        dialog = OrderDialog(session.catalog, order, box)
        qtbot.addWidget(dialog)
        assert not dialog.goods_outside.isEnabled()  # an active order leaves nothing out
        names = [dialog.indicators.item(row).text() for row in range(dialog.indicators.count())]
        assert "Debt bondage" in names and "Retention of identity documents" in names
        assert all("-" not in name for name in names)
        dialog.issued.known.setChecked(True)
        dialog.issued.picker.setDate(dt.date(2024, 5, 2))
        dialog.scope.setPlainText("Gloves made by Example Rubber Sdn Bhd")
        dialog.indicators.item(names.index("Debt bondage")).setCheckState(Qt.CheckState.Checked)
        dialog.producers.setPlainText("Example Rubber Sdn Bhd\n\n  Example Latex Mill  \n")
        dialog.buttons.accepted.emit()
        return dialog.order() if dialog.result() else None

    steps = session.undo_stack.count()
    box.ask = record
    box.edit_button.click()
    order = session.case.order
    assert order == DetentionOrder(kind="wro", issued=dt.date(2024, 5, 2),
                                   scope="Gloves made by Example Rubber Sdn Bhd", indicators=("debt-bondage",),
                                   producers=("Example Rubber Sdn Bhd", "Example Latex Mill"))
    assert session.undo_stack.count() == steps + 1
    assert "Debt bondage" in box.summary.text() and "debt-bondage" not in box.summary.text()
    # The indicator the order names asks for evidence addressing it.
    debt_item = next(row.id for row in session.catalog.information_types if row.indicator == "debt-bondage")
    assert any(status.requirement == debt_item for status in session.report.statuses)

    def modify(order):  # type: ignore[no-untyped-def]
        dialog = OrderDialog(session.catalog, order, box)
        qtbot.addWidget(dialog)
        assert dialog.scope.toPlainText() == order.scope
        dialog.status.setCurrentIndex(dialog.status.findData("modified"))
        assert dialog.goods_outside.isEnabled()
        dialog.goods_outside.setChecked(True)
        dialog.status_changed.known.setChecked(True)
        dialog.status_changed.picker.setDate(dt.date(2024, 1, 2))  # before it was issued
        dialog.buttons.accepted.emit()
        assert not dialog.result() and "before it was issued" in dialog.problem.text()
        dialog.status_changed.picker.setDate(dt.date(2025, 3, 1))
        dialog.buttons.accepted.emit()
        return dialog.order() if dialog.result() else None

    box.ask = modify
    box.edit_button.click()
    order = session.case.order
    assert order.status == "modified" and order.goods_outside and order.status_changed == dt.date(2025, 3, 1)
    assert order.releases_goods
    assert "fall outside the modified order" in box.summary.text()
    assert session.undo_stack.count() == steps + 2

    box.confirm_removal = lambda: True
    box.remove_button.click()
    assert session.case.order is None and box.summary.text() == "Not recorded."
    session.undo_stack.undo()
    assert session.case.order == order
    session.undo_stack.undo()
    assert session.case.order.status == "active"
    session.undo_stack.undo()
    assert session.case.order is None


def test_a_finding_cannot_be_replaced_by_a_finding(catalog: Catalog, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = OrderDialog(catalog, None)
    qtbot.addWidget(dialog)
    assert dialog.finding_published.isEnabled()
    dialog.finding_published.known.setChecked(True)
    dialog.kind.setCurrentIndex(dialog.kind.findData("finding"))
    assert not dialog.finding_published.isEnabled()
    assert dialog.order().finding_published is None and dialog.order().kind == "finding"


def test_requests_for_more_time_are_added_edited_and_removed_each_one_undo_step(
        window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(window, demo_case)
    session, box = window.session, page.extension_requests
    assert session.case.extension_requests == () and box.table.rowCount() == 0
    assert not box.edit_button.isEnabled() and not box.remove_button.isEnabled()
    steps = session.undo_stack.count()

    def add(task: str, requested: dt.date):  # type: ignore[no-untyped-def]
        def ask(request):  # type: ignore[no-untyped-def]
            dialog = ExtensionDialog(request, session.today(), box)
            qtbot.addWidget(dialog)
            dialog.buttons.accepted.emit()
            assert not dialog.result() and "which task" in dialog.problem.text()
            dialog.task.setText(task)
            dialog.requested.setDate(requested)
            dialog.due.known.setChecked(True)
            dialog.due.picker.setDate(requested + dt.timedelta(days=5))
            dialog.buttons.accepted.emit()
            return dialog.request() if dialog.result() else None
        return ask

    box.ask = add("Admissibility review  submission", dt.date(2026, 11, 2))
    box.add_button.click()
    box.ask = add("Reply to CBP Form 28", dt.date(2026, 11, 9))
    box.add_button.click()
    first = ExtensionRequest("Admissibility review submission", dt.date(2026, 11, 2), dt.date(2026, 11, 7))
    assert session.case.extension_requests[0] == first
    assert box.table.rowCount() == 2 and box.table.item(0, 3).text() == "not yet"
    assert session.undo_stack.count() == steps + 2

    def grant(request):  # type: ignore[no-untyped-def]
        dialog = ExtensionDialog(request, session.today(), box)
        qtbot.addWidget(dialog)
        assert dialog.task.text() == first.task
        dialog.until.known.setChecked(True)
        dialog.until.picker.setDate(dt.date(2026, 11, 21))
        dialog.buttons.accepted.emit()
        assert not dialog.result() and "granted" in dialog.problem.text()
        dialog.granted_on.known.setChecked(True)
        dialog.granted_on.picker.setDate(dt.date(2026, 11, 1))
        dialog.buttons.accepted.emit()
        assert not dialog.result() and "before you asked" in dialog.problem.text()
        dialog.granted_on.picker.setDate(dt.date(2026, 11, 4))
        dialog.buttons.accepted.emit()
        return dialog.request() if dialog.result() else None

    box.ask = grant
    box.table.selectRow(0)
    box.edit_button.click()
    granted = session.case.extension_requests[0]
    assert granted.granted_on == dt.date(2026, 11, 4) and granted.until == dt.date(2026, 11, 21)
    assert box.table.item(0, 4).text() == "2026-11-21"
    assert box.selected() == granted, "the edited request lost its selection"

    box.confirm_removal = lambda request: False
    box.remove_button.click()
    assert len(session.case.extension_requests) == 2 and session.undo_stack.count() == steps + 3
    box.confirm_removal = lambda request: request == granted
    box.table.selectRow(0)
    box.remove_button.click()
    assert [r.task for r in session.case.extension_requests] == ["Reply to CBP Form 28"]
    assert session.undo_stack.count() == steps + 4
    session.undo_stack.undo()
    assert session.case.extension_requests[0] == granted and len(session.case.extension_requests) == 2
    session.undo_stack.undo()
    assert session.case.extension_requests[0] == first


def test_the_new_boxes_do_not_make_the_shipment_page_scroll_sideways_at_1024_by_700(
        window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    page = _page(window, demo_case)
    _set_regime(page, "wro")
    long_name = "Zhejiang Example Very Long Named Rubber and Latex Products Manufacturing Company Limited " * 3
    page.order.ask = lambda order: DetentionOrder(
        kind="wro", scope="Disposable gloves " * 30, producers=(long_name,),
        indicators=tuple(row.indicator for row in window.session.catalog.information_types if row.indicator))
    page.order.edit_button.click()
    page.extension_requests.ask = lambda request: ExtensionRequest(long_name, dt.date(2026, 11, 2))
    page.extension_requests.add_button.click()
    _choose(page, "polysilicon")
    window.resize(1024, 700)
    window.case_view.show_step("Shipment")
    qtbot.waitUntil(lambda: window.width() == 1024)
    QApplication.processEvents()
    assert not page.order.isHidden() and long_name.strip() in page.order.summary.text()
    assert page.scroll.horizontalScrollBar().maximum() == 0
    assert window.minimumSizeHint().width() <= 1024


def test_the_new_boxes_and_dialogs_show_names_never_ids(window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QListWidget, QTableWidget, QWidget

    def texts(widget: QWidget) -> list[str]:
        found = []
        for child in [widget, *widget.findChildren(QWidget)]:
            found.append(child.toolTip())
            if isinstance(child, QLabel | QAbstractButton):
                found.append(child.text())
            elif isinstance(child, QComboBox):
                found += [child.itemText(i) for i in range(child.count())]
            elif isinstance(child, QGroupBox):
                found.append(child.title())
            elif isinstance(child, QListWidget):
                found += [child.item(i).text() for i in range(child.count())]
            elif isinstance(child, QTableWidget):
                found += [child.item(r, c).text() for r in range(child.rowCount()) for c in range(child.columnCount())]
        return found

    page = _page(window, demo_case)
    catalog = window.session.catalog
    _set_regime(page, "finding")
    indicators = tuple(row.indicator for row in catalog.information_types if row.indicator)
    page.order.ask = lambda order: DetentionOrder(kind="wro", status="revoked", finding_published=dt.date(2025, 1, 2),
                                                  indicators=indicators)
    page.order.edit_button.click()
    page.extension_requests.ask = lambda request: ExtensionRequest("Reply to CBP", dt.date(2026, 11, 2))
    page.extension_requests.add_button.click()
    _choose(page, "polysilicon")
    dialog = OrderDialog(catalog, window.session.case.order, page)
    qtbot.addWidget(dialog)
    shown = "\n".join(texts(page) + texts(dialog))
    # Ids with a hyphen are never words of a sentence ("debt-bondage"); plain words may be.
    ids = (*indicators, *(sector.id for sector in catalog.sectors.values() if "-" in sector.id))
    for ident in ids:
        assert re.search(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", shown) is None, ident
    assert re.search(r"\b(SEC|IND)-[A-Z0-9]+", shown) is None
    assert "Revoked" in page.order.summary.text() and "A Finding replaced it on 2025-01-02" in page.order.summary.text()


def test_the_order_recorded_in_the_window_changes_the_advice_on_review(window: MainWindow, demo_case: Path) -> None:
    page = _page(window, demo_case)
    _set_regime(page, "wro")
    session = window.session
    review = window.case_view.review_page
    review.severity.setCurrentIndex(review.severity.findText("Everything"))
    producer = session.case.entities[0]

    def messages() -> list[str]:
        return [finding.message for finding in review.visible_findings()]

    assert not any("was revoked" in message for message in messages())
    page.order.ask = lambda order: DetentionOrder(kind="wro", status="revoked", status_changed=dt.date(2026, 11, 20))
    page.order.edit_button.click()
    assert any("was revoked on 2026-11-20" in message for message in messages())
    # A producer the order names that is in the chain is pointed at on its own company.
    page.order.ask = lambda order: DetentionOrder(kind="wro", producers=(producer.name,))
    page.order.edit_button.click()
    assert not any("was revoked" in message for message in messages())
    assert any(finding.scope == f"entity:{producer.id}" and "names" in finding.message
               for finding in review.visible_findings())
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.case.order is None
    assert not any(finding.scope == f"entity:{producer.id}" and "a producer" in finding.message
                   for finding in review.visible_findings())
