"""A new case starts with its importer of record as the chain's last company."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from importer_app.gui.new_case_dialog import NewCaseDialog


def test_a_new_case_holds_the_importer_of_record_as_a_company(window, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    def filled_in(dialog: NewCaseDialog) -> int:
        dialog.entry_number.setText("ABC-1234567-8")
        dialog.importer.setText("Harborline Apparel Inc.")
        dialog.merchandise.setText("Cotton knit shirts")
        dialog.quantity.setValue(1200)
        dialog.country.setText("vn")
        dialog.on_accepted()
        return dialog.result()

    monkeypatch.setattr(NewCaseDialog, "exec", filled_in)
    target = tmp_path / "new.tcase"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    window.on_new_case()
    assert window.session is not None and window.session.path == target
    case = window.session.case
    assert [(e.name, e.role, e.country) for e in case.entities] == [("Harborline Apparel Inc.", "importer", "US")]
    # The chain is not missing its importer; what is missing is everything upstream of it.
    structure = [f.message for f in window.session.report.findings if f.kind == "structure"]
    assert not any("has the role importer" in message for message in structure)
    assert any(message.startswith("The supply chain stops at Harborline Apparel Inc.") for message in structure)
