"""The Review page: the engine's findings, explained, and the actions that fix them."""

from __future__ import annotations

from pathlib import Path

from builders import make_pdf
from PySide6.QtCore import Qt

from importer_app.gui.main_window import MainWindow
from importer_app.gui.review_page import FINDING_ROLE


def _leaves(page) -> list:  # type: ignore[no-untyped-def]
    found = []
    model = page.model
    for c in range(model.rowCount()):
        category = model.index(c, 0)
        for r in range(model.rowCount(category)):
            requirement = model.index(r, 0, category)
            for leaf in range(model.rowCount(requirement)):
                found.append(model.index(leaf, 0, requirement))
    return found


def _open_review(window: MainWindow, demo_case: Path):  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    window.case_view.show_step("Review")
    return window.case_view.review_page


def _badge(window: MainWindow, name: str) -> str:
    steps = window.case_view.steps
    return next(steps.item(r).text() for r in range(steps.count()) if steps.item(r).data(Qt.ItemDataRole.UserRole) == name)


def test_the_tree_shows_exactly_the_blocking_findings_of_the_check(window: MainWindow, demo_case: Path) -> None:
    page = _open_review(window, demo_case)
    shown = sorted((i.data(FINDING_ROLE).requirement, i.data(FINDING_ROLE).scope) for i in _leaves(page))
    assert shown == [("SCT-06", "link:gin-spinner"), ("SCT-09", "link:spinner-knitter"), ("SCT-16", "entity:knitter")]
    assert "(3 open)" in _badge(window, "Review")
    assert "3 items block the submission" in page.summary.text()


def test_marking_a_finding_not_applicable_removes_it_and_undo_brings_it_back(window: MainWindow, demo_case: Path) -> None:
    page = _open_review(window, demo_case)
    leaf = next(i for i in _leaves(page) if i.data(FINDING_ROLE).requirement == "SCT-06")
    page.tree.setCurrentIndex(leaf)
    assert page.na_button.isEnabled()
    page.ask_reason = lambda finding: "Paid by letter of credit; the bank's confirmation is exhibit 2.4"
    page.on_not_applicable()
    assert all(i.data(FINDING_ROLE).requirement != "SCT-06" for i in _leaves(page))
    assert "(2 open)" in _badge(window, "Review")
    decision = window.session.case.not_applicable
    assert any(n.requirement == "SCT-06" and n.scope == "link:gin-spinner" for n in decision)
    window.session.undo_stack.undo()
    assert any(i.data(FINDING_ROLE).requirement == "SCT-06" for i in _leaves(page))
    assert "(3 open)" in _badge(window, "Review")


def test_an_empty_reason_marks_nothing(window: MainWindow, demo_case: Path) -> None:
    page = _open_review(window, demo_case)
    page.tree.setCurrentIndex(_leaves(page)[0])
    page.ask_reason = lambda finding: None
    page.on_not_applicable()
    assert window.session.undo_stack.count() == 0


def test_go_to_shows_the_link_in_the_supply_chain(window: MainWindow, demo_case: Path) -> None:
    page = _open_review(window, demo_case)
    leaf = next(i for i in _leaves(page) if i.data(FINDING_ROLE).scope == "link:spinner-knitter")
    page.tree.setCurrentIndex(leaf)
    page.on_go()
    supply = window.case_view.supply_page
    assert window.case_view.pages.currentWidget() is supply
    assert supply.selected_link_id() == "spinner-knitter"


def test_adding_a_document_for_a_finding_preselects_its_type_and_ties(window: MainWindow, demo_case: Path, tmp_path: Path,
                                                                      qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_review(window, demo_case)
    leaf = next(i for i in _leaves(page) if i.data(FINDING_ROLE).requirement == "SCT-06")
    page.tree.setCurrentIndex(leaf)
    source = tmp_path / "wire.pdf"
    source.write_bytes(make_pdf(["Wire transfer confirmation"]))
    page.choose_files = lambda: [source]
    documents = window.case_view.documents_page
    with qtbot.waitSignal(documents.intake_finished, timeout=60_000):
        page.on_add()
    added = next(d for d in window.session.case.documents if d.path == "wire.pdf")
    assert added.type == "proof_of_payment" and added.links == ("gin-spinner",)
    assert all(i.data(FINDING_ROLE).requirement != "SCT-06" for i in _leaves(page))


def test_filters_show_warnings_and_one_company(window: MainWindow, demo_case: Path) -> None:
    page = _open_review(window, demo_case)
    page.severity.setCurrentIndex(2)
    everything = len(_leaves(page))
    assert everything > 3
    page.entity.setCurrentIndex(page.entity.findData("knitter"))
    scopes = {i.data(FINDING_ROLE).scope for i in _leaves(page) if i.data(FINDING_ROLE) is not None}
    assert scopes and scopes <= {"entity:knitter", "link:spinner-knitter", "link:knitter-garment"}


def test_go_to_opens_the_order_box_or_the_extension_requests_for_their_case_wide_findings(
        window: MainWindow, demo_case: Path) -> None:
    """The order's and the extension requests' findings all rest on PKG-02: Go to it opens the
    box on the Shipment page that their check belongs to."""
    import datetime as dt

    from importer_app.core.model import DetentionOrder, ExtensionRequest
    from importer_app.gui.review_page import _indexes

    assert window.open_case_path(demo_case)
    shipment = window.case_view.shipment_page
    shipment.regime.setCurrentIndex(shipment.regime.findData("wro"))
    shipment.on_regime_activated(shipment.regime.currentIndex())
    shipment.order.ask = lambda order: DetentionOrder(kind="finding", issued=dt.date(2026, 3, 2))
    shipment.order.edit_button.click()
    shipment.extension_requests.ask = lambda request: ExtensionRequest(
        "Admissibility review submission", dt.date(2026, 11, 10), dt.date(2026, 11, 5))
    shipment.extension_requests.add_button.click()
    review = window.case_view.review_page
    review.severity.setCurrentIndex(review.severity.findText("Everything"))

    def go(check: str):  # type: ignore[no-untyped-def]
        window.case_view.show_step("Review")
        [index] = [i for i in _indexes(review.model)
                   if i.data(FINDING_ROLE) is not None and i.data(FINDING_ROLE).check == check]
        finding = index.data(FINDING_ROLE)
        assert (finding.requirement, finding.scope) == ("PKG-02", "case")
        review.tree.setCurrentIndex(index)
        assert review.go_button.isEnabled()
        review.go_button.click()
        assert window.case_view.pages.currentWidget() is shipment

    for check, box in (("order-is-finding", shipment.order), ("extension-past-due", shipment.extension_requests)):
        go(check)
        scroll = shipment.scroll
        top = box.mapTo(scroll.widget(), box.rect().topLeft()).y()
        assert scroll.verticalScrollBar().value() <= top <= scroll.verticalScrollBar().value() + scroll.viewport().height()

    # A case-wide finding of no box (export before seizure) still has nowhere to go.
    [export] = [i for i in _indexes(review.model)
                if i.data(FINDING_ROLE) is not None and i.data(FINDING_ROLE).check == "export-before-seizure"]
    window.case_view.show_step("Review")
    review.tree.setCurrentIndex(export)
    assert not review.go_button.isEnabled()
