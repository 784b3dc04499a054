"""Screenshots of every page of the window with the demo case, for the README.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py
Writes docs/screenshots/*.png.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from importer_app.case_description import import_description  # noqa: E402
from importer_app.core.catalog import load_catalog  # noqa: E402
from importer_app.demo import write_demo  # noqa: E402
from importer_app.gui.main_window import MainWindow  # noqa: E402
from importer_app.gui.settings import Settings  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def _settle(milliseconds: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def main() -> None:
    app = QApplication([])
    with tempfile.TemporaryDirectory() as temp:
        os.environ["IMPORTER_APP_HOME"] = temp
        catalog = load_catalog()
        case = Path(temp) / "demo.tcase"
        import_description(write_demo(Path(temp) / "demo", today=dt.date.today()), case, catalog)
        window = MainWindow(Settings(), lambda: catalog)
        window.resize(1400, 900)
        window.show()
        window.settings.remember_case(case)
        window._refresh_recent_menu()
        _settle()
        OUT.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(OUT / "start.png"))
        window.open_case_path(case)
        for step, name in (("Shipment", "shipment"), ("Supply chain", "supply-chain"), ("Documents", "documents")):
            window.case_view.show_step(step)
            if step == "Documents":
                page = window.case_view.documents_page
                page.select(next(d.path for d in window.session.case.documents if d.language == "vi"))
            _settle()
            window.grab().save(str(OUT / f"{name}.png"))
        window.close()
    app.quit()


if __name__ == "__main__":
    main()
