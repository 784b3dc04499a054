"""What the window tests share beyond fixtures."""

from __future__ import annotations

import datetime as dt

TODAY = dt.date(2026, 11, 28)
"""The day the window tests run on: the demo case is written for it."""


def start_new_case(window, target, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """File > New case, filled in as a user would, saved at ``target``."""
    from PySide6.QtWidgets import QFileDialog

    from importer_app.gui.new_case_dialog import NewCaseDialog

    def filled_in(dialog: NewCaseDialog) -> int:
        dialog.entry_number.setText("ABC-1234567-8")
        dialog.importer.setText("Harborline Solar Inc.")
        dialog.merchandise.setText("Solar modules")
        dialog.quantity.setValue(1200)
        dialog.country.setText("vn")
        dialog.on_accepted()
        return dialog.result()

    monkeypatch.setattr(NewCaseDialog, "exec", filled_in)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    window.on_new_case()
    assert window.session is not None and window.session.path == target
