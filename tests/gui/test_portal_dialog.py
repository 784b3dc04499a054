"""The portal sheet in the window: the values as the portal accepts them, each with a Copy button,
and the bundle's files once it is exported."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from importer_app.core.errors import AppError
from importer_app.gui.export_page import ExportPage
from importer_app.gui.main_window import MainWindow
from importer_app.gui.portal_dialog import PortalDialog


@pytest.fixture
def export_page(window: MainWindow, demo_case: Path) -> ExportPage:
    assert window.open_case_path(demo_case)
    return window.case_view.export_page


def test_each_value_is_copied_exactly_as_the_portal_accepts_it(qtbot, export_page: ExportPage) -> None:  # type: ignore[no-untyped-def]
    sheet = export_page.portal_sheet()
    dialog = PortalDialog(sheet)
    qtbot.addWidget(dialog)
    entry = next(f for f in sheet.fields if f.label == "Entry number")
    assert "-" in entry.original and entry.value == entry.original.replace("-", "")
    dialog.copy_buttons["Entry number"].click()
    assert QGuiApplication.clipboard().text() == entry.value
    dialog.copy_buttons["Request type"].click()
    assert QGuiApplication.clipboard().text() == "Request UFLPA Applicability Review"
    shown = {edit.text() for edit in dialog.findChildren(QLineEdit)}
    assert shown == {sheet.request_type, *(f.value for f in sheet.fields)}
    assert all(edit.isReadOnly() for edit in dialog.findChildren(QLineEdit))


def test_the_exported_bundle_is_listed_to_upload(qtbot, export_page: ExportPage, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export_page.output.setText(str(tmp_path / "bundle.pdf"))
    assert export_page.portal_sheet().uploads == ()
    (tmp_path / "bundle-vol1.pdf").write_bytes(b"%PDF-1.7 one")
    (tmp_path / "bundle-vol2.pdf").write_bytes(b"%PDF-1.7 two")
    uploads = export_page.portal_sheet().uploads
    assert [(u.position, u.path.name, u.size) for u in uploads] == [(1, "bundle-vol1.pdf", 12), (2, "bundle-vol2.pdf", 12)]


def test_the_button_opens_the_sheet_or_says_why_it_cannot(
        qtbot, export_page: ExportPage, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[object] = []
    monkeypatch.setattr(PortalDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    export_page.portal_button.click()
    assert len(shown) == 1 and isinstance(shown[0], PortalDialog)
    warned: list[str] = []
    monkeypatch.setattr("importer_app.gui.export_page.QMessageBox.warning",
                        lambda parent, title, text: warned.append(text))

    def broken() -> None:
        raise AppError("The portal rules in forms/portal/portal.toml have 1 problem")

    monkeypatch.setattr(export_page, "portal_sheet", broken)
    export_page.portal_button.click()
    assert warned == ["The portal rules in forms/portal/portal.toml have 1 problem"] and len(shown) == 1
