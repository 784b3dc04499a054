"""Every setting of the window, declared once with its type and default.

Backed by QSettings in an INI file inside importer_app's config folder, so tests (which
point ``IMPORTER_APP_HOME`` at a temporary folder) never touch the user's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from importer_app import paths

MAX_RECENT = 8


class Settings:
    """Typed access to the window's settings."""

    def __init__(self, file: Path | None = None) -> None:
        file = file or paths.config_dir() / "settings.ini"
        file.parent.mkdir(parents=True, exist_ok=True)
        self._qsettings = QSettings(str(file), QSettings.Format.IniFormat)

    @property
    def recent_cases(self) -> list[Path]:
        value = self._qsettings.value("recent/cases", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [Path(p) for p in items if p]

    def remember_case(self, path: Path) -> None:
        path = path.resolve()
        recent = [p for p in self.recent_cases if p != path]
        self._qsettings.setValue("recent/cases", [str(p) for p in [path, *recent][:MAX_RECENT]])

    def forget_case(self, path: Path) -> None:
        self._qsettings.setValue("recent/cases", [str(p) for p in self.recent_cases if p != path.resolve()])

    @property
    def last_folder(self) -> Path:
        value = self._qsettings.value("recent/folder", "")
        return Path(value) if value else Path.home()

    @last_folder.setter
    def last_folder(self, folder: Path) -> None:
        self._qsettings.setValue("recent/folder", str(folder.resolve()))

    @property
    def window_geometry(self) -> QByteArray:
        value = self._qsettings.value("window/geometry", QByteArray())
        return value if isinstance(value, QByteArray) else QByteArray()

    @window_geometry.setter
    def window_geometry(self, geometry: QByteArray) -> None:
        self._qsettings.setValue("window/geometry", geometry)

    def sync(self) -> None:
        self._qsettings.sync()
