"""What CBP will read: before export, the cover letter, summary and evidence response as the
bundle's own pages word them, drawn on a worker and shown read-only."""

from __future__ import annotations

from pathlib import Path

from importer_app.gui.main_window import MainWindow


def test_the_words_of_the_bundle_are_shown_before_export_and_follow_the_case(window: MainWindow, demo_case: Path,
                                                                             qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    window.case_view.show_step("Export")
    page = window.case_view.export_page
    page.reading_button.click()
    dialog = page.reading
    assert dialog is not None
    with qtbot.waitSignal(dialog.worker.finished, timeout=60_000):
        pass
    texts = dialog.texts()
    assert list(texts) == ["Cover letter", "Executive summary", "Evidence response"]
    case = window.session.case
    assert case.shipment.entry_number in texts["Cover letter"]
    assert "Pettibone Creek Farms LLC" in texts["Executive summary"]
    # The demo's explanation of the missing payment record, as CBP reads it.
    explanation = next(g for g in case.gap_explanations if g.requirement == "SCT-06").explanation
    assert " ".join(explanation.split()[:6]) in " ".join(texts["Evidence response"].split())
    views = [dialog.tabs.widget(i) for i in range(dialog.tabs.count())]
    assert all(view.isReadOnly() for view in views)
    dialog.close()

    # A sentence CBP reads changes with the case: the signer's name on the cover letter.
    page.signer_name.setText("Dana Whitfield")
    page.on_signer_edited()
    page.reading_button.click()
    with qtbot.waitSignal(page.reading.worker.finished, timeout=60_000):
        pass
    assert "Dana Whitfield" in page.reading.texts()["Cover letter"]
    assert "Dana Whitfield" not in texts["Cover letter"]
    page.reading.close()


def test_closing_the_case_while_the_pages_are_drawn_stops_the_worker(window: MainWindow, demo_case: Path) -> None:
    assert window.open_case_path(demo_case)
    page = window.case_view.export_page
    page.reading_button.click()
    worker = page.reading.worker
    window.close_case()
    assert not worker.running
