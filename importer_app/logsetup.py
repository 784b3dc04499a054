"""Logging: details go to a file the user can send us; the terminal or window gets one sentence."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from importer_app import paths

LOG_FILE_NAME = "importer-app.log"

_installed: list[logging.Handler] = []


def configure_logging() -> Path | None:
    """Send all log records (ours and the libraries') to the rotating log file.

    Returns the log file's path, or None when the log folder cannot be written, in which
    case records are dropped rather than shown to the user. Calling it again replaces the
    handler it installed before (and leaves other handlers, such as pytest's, alone).
    """
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    while _installed:
        handler = _installed.pop()
        root.removeHandler(handler)
        handler.close()
    log_file = paths.log_dir() / LOG_FILE_NAME
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    _installed.append(handler)
    return log_file
