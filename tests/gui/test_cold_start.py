"""The window appears before the libraries of the case, the bundle and the commands load: a
start with no case paints the start screen with none of them in memory."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

from importer_app.cli.main import WINDOW_OPTIONS, _parser, _window_args

LOADED_LATER = (
    # the bundle, signing, intake, screening and rule libraries
    "reportlab", "pypdf", "pikepdf", "pyhanko", "cryptography", "rapidfuzz", "pint", "holidays", "PIL",
    "sqlite_utils", "PySide6.QtPdf",
    # our own layers a start screen does not need
    "importer_app.core.catalog", "importer_app.core.model", "importer_app.core.engine", "importer_app.store",
    "importer_app.case", "importer_app.bundle", "importer_app.intake", "importer_app.screening",
    "importer_app.demo", "importer_app.gui.case_view", "importer_app.gui.session", "importer_app.gui.edit_keys",
    "importer_app.cli.bundle", "importer_app.cli.case_commands",
)

# Runs the command line as `importer-app` does; when the window's event loop starts (the window
# shown, its first paint queued), writes what is loaded and which windows are visible, and quits.
AT_FIRST_PAINT = """
import json, os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

exec_loop = QApplication.exec


def exec_and_report(*_app):
    def report():
        with open(os.environ["REPORT"], "w", encoding="utf-8") as out:
            json.dump({"modules": sorted(sys.modules),
                       "shown": [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]}, out)
        QApplication.quit()
    QTimer.singleShot(0, report)
    return exec_loop()


QApplication.exec = exec_and_report
from importer_app.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def _at_first_paint(tmp_path: Path, *args: str) -> dict[str, list[str]]:
    report = tmp_path / "report.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "IMPORTER_APP_HOME": str(tmp_path / "home"),
           "REPORT": str(report)}
    result = subprocess.run([sys.executable, "-c", AT_FIRST_PAINT, *args], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(report.read_text(encoding="utf-8"))


def test_the_start_screen_paints_before_any_case_bundle_or_command_library_loads(tmp_path: Path) -> None:
    for args in ((), ("--debug",)):
        seen = _at_first_paint(tmp_path, *args)
        assert seen["shown"] == ["importer_app"]
        loaded = [name for name in seen["modules"] if name.startswith(LOADED_LATER)]
        assert loaded == [], f"loaded before the first paint of importer-app {' '.join(args)}: {loaded}"


def test_the_window_is_given_the_options_the_full_parser_would_give_it() -> None:
    for count in range(len(WINDOW_OPTIONS) + 1):
        for options in itertools.permutations(sorted(WINDOW_OPTIONS), count):
            assert _window_args(list(options)) == _parser().parse_args(list(options))


def test_any_other_command_line_goes_to_the_parser() -> None:
    for argv in (["--help"], ["--version"], ["check"], ["--demo", "check"], ["--dem"], ["-x"]):
        assert _window_args(argv) is None
