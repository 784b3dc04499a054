"""Fixtures for intake tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Intake behaves as on a machine without LibreOffice."""
    monkeypatch.setattr("importer_app.intake.office.find_soffice", lambda: None)
