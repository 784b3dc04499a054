"""The settings file keeps absolute paths, so a case opened from a terminal in one folder is
found again from anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from importer_app.gui.settings import Settings


def test_recent_cases_and_the_last_folder_are_kept_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cases").mkdir()
    monkeypatch.chdir(tmp_path)
    settings = Settings(tmp_path / "settings.ini")
    settings.remember_case(Path("cases/demo.tcase"))
    settings.last_folder = Path("cases")
    settings.sync()
    monkeypatch.chdir("/")
    again = Settings(tmp_path / "settings.ini")
    assert again.recent_cases == [tmp_path / "cases" / "demo.tcase"]
    assert again.last_folder == tmp_path / "cases"
    text = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "cases/demo.tcase" in text and str(tmp_path) in text
