"""The Shipment page edits the rest of the case's data: the kind of goods (sector), the order
the goods are held under, and the requests for more time; each dialog's OK is one undo step."""

from __future__ import annotations

from pathlib import Path

from importer_app.gui.main_window import MainWindow
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
