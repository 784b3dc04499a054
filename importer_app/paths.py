"""Where importer_app keeps its own files: settings, logs, list snapshots.

Resolved in this one module. ``IMPORTER_APP_HOME`` moves them all under one folder (tests,
portable installs); otherwise platformdirs gives each system's usual places.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

_APP = "importer-app"


def _home_override() -> Path | None:
    value = os.environ.get("IMPORTER_APP_HOME")
    return Path(value) if value else None


def log_dir() -> Path:
    home = _home_override()
    return home / "logs" if home else Path(platformdirs.user_log_dir(_APP, appauthor=False))


def data_dir() -> Path:
    home = _home_override()
    return home / "data" if home else Path(platformdirs.user_data_dir(_APP, appauthor=False))


def config_dir() -> Path:
    home = _home_override()
    return home / "config" if home else Path(platformdirs.user_config_dir(_APP, appauthor=False))
