"""The Export page writes the portal's files beside the signed bundle when asked, on the worker."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from importer_app.bundle.identity import create_identity, save_identity
from importer_app.bundle.portal_files import ORDER_FILE
from importer_app.gui.export_page import ExportPage
from importer_app.gui.main_window import MainWindow

PASSWORD = "correct horse battery"


@pytest.fixture
def export_page(window: MainWindow, demo_case: Path) -> ExportPage:
    assert window.open_case_path(demo_case)
    window.case_view.show_step("Export")
    return window.case_view.export_page


def test_the_portal_files_are_written_signed_beside_the_one_bundle_and_listed(
        qtbot, window: MainWindow, export_page: ExportPage, demo_case: Path, tmp_path: Path) -> None:
    identity = tmp_path / "signer.p12"
    save_identity(create_identity("Dana Whitfield", "Harborline Apparel Inc.", "dana@example.com",
                                  password=PASSWORD.encode()), identity)
    target = tmp_path / "out" / "bundle.pdf"
    target.parent.mkdir()
    export_page.output.setText(str(target))
    export_page.identity.setText(str(identity))
    export_page.sign.setChecked(True)
    export_page.ask_password = lambda path, wrong: PASSWORD
    export_page.confirm_missing = lambda count: True
    export_page.max_volume.setValue(2)
    export_page.portal_files.setChecked(True)
    with qtbot.waitSignal(export_page.exported, timeout=120_000) as done:
        assert export_page.export() is not None
    outcome = done.args[0]
    assert [volume.path for volume in outcome.result.volumes] == [target], "the bundle itself is one file"
    portal = outcome.portal
    assert portal.folder == target.parent / "bundle portal files"
    assert portal.files and all(re.fullmatch(r"[A-Za-z0-9-]+\.pdf", item.path.name) for item in portal.files)
    assert all(item.path.stat().st_size == item.size <= 2_000_000 for item in portal.files)
    assert (portal.folder / ORDER_FILE).is_file()
    assert portal.result is not None and len(portal.files) >= 2, "the demo bundle is larger than 2 MB"
    assert outcome.verified and len(outcome.reports) == 1 + len(portal.files)
    shown = export_page.result.text()
    assert all(item.path.name in shown for item in portal.files)
    assert "The portal&#x27;s limit per file is not known" in shown or "The portal's limit per file is not known" in shown
    qtbot.waitUntil(lambda: export_page.worker is None, timeout=10_000)
    window.close_case()
    assert window.open_case_path(demo_case)
    assert window.case_view.export_page.portal_files.isChecked(), "the choice is kept with the case"


def test_the_size_options_reach_the_bundle_and_are_kept_with_the_case(
        qtbot, window: MainWindow, export_page: ExportPage, demo_case: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "bundle.pdf"
    target.parent.mkdir()
    export_page.output.setText(str(target))
    export_page.confirm_missing = lambda count: True
    export_page.originals_up_to.setValue(0.05)
    export_page.optimize_images.setValue(150)
    options = export_page.options()
    assert (options.attach_originals_up_to_mb, options.optimize_images_dpi) == (0.05, 150)
    with qtbot.waitSignal(export_page.exported, timeout=120_000) as done:
        assert export_page.export() is not None
    result = done.args[0].result
    large = [e.id for e in result.plan.exhibits if e.document.size > 50_000 and not e.document.hostile]
    assert large, "the demo has originals over 0.05 MB"
    assert any("larger than 50 kB and not attached" in warning for warning in result.warnings)
    assert "larger than 50 kB and not attached" in export_page.result.text()
    qtbot.waitUntil(lambda: export_page.worker is None, timeout=10_000)
    window.close_case()
    assert window.open_case_path(demo_case)
    again = window.case_view.export_page
    assert (again.originals_up_to.value(), again.optimize_images.value()) == (0.05, 150)


def test_the_resolution_steps_over_unreadable_values(qtbot, export_page: ExportPage) -> None:
    """Below 100 dpi small print becomes unreadable: the box goes from "as received" straight to
    100 and back, and the bundle never receives less."""
    box = export_page.optimize_images
    box.setValue(0)
    box.stepUp()
    assert box.value() == 100 and export_page.options().optimize_images_dpi == 100
    box.stepDown()
    assert box.value() == 0 and export_page.options().optimize_images_dpi is None
    box.setValue(50)
    assert box.value() == 100
