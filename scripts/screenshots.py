"""Screenshots of every page of the window with the demo case, for the README.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py
Writes docs/screenshots/*.png at 1280x800, and small-*.png of two pages at 1024x700 (a laptop).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from importer_app.bundle.identity import create_identity, save_identity  # noqa: E402
from importer_app.core.catalog import load_catalog  # noqa: E402
from importer_app.demo import create_demo_case  # noqa: E402
from importer_app.gui.main_window import MainWindow  # noqa: E402
from importer_app.gui.settings import Settings  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def _settle(milliseconds: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def _export_signed(window: MainWindow, folder: Path) -> None:
    """Export the open case signed with a throwaway identity, so the page shows a verify result."""
    identity = folder / "signer.p12"
    save_identity(create_identity("Dana Whitfield", "Harborline Apparel Inc.", password=b"screenshot"), identity)
    page = window.case_view.export_page
    page.output.setText(str(folder / "bundle.pdf"))
    page.identity.setText(str(identity))
    page.sign.setChecked(True)
    page.location.setText("Long Beach, CA")
    for field, value in ((page.signer_name, "Dana Whitfield"), (page.signer_title, "Compliance Manager")):
        field.setText(value)
        field.editingFinished.emit()
    page.confirm_missing = lambda count: True
    page.ask_password = lambda path, wrong=False: "screenshot"
    loop = QEventLoop()
    page.exported.connect(loop.quit)
    page.export_failed.connect(loop.quit)
    page.export()
    loop.exec()


def main() -> None:
    app = QApplication([])
    with tempfile.TemporaryDirectory() as temp:
        os.environ["IMPORTER_APP_HOME"] = temp
        catalog = load_catalog()
        case = Path(temp) / "demo.tcase"
        create_demo_case(case, catalog, regime="uflpa-applicability", today=dt.date.today())
        window = MainWindow(Settings(), lambda: catalog)
        window.resize(1280, 800)
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
        window.case_view.show_step("Review")
        review = window.case_view.review_page
        first = review.model.index(0, 0, review.model.index(0, 0, review.model.index(0, 0)))
        review.tree.setCurrentIndex(first)
        _settle()
        window.grab().save(str(OUT / "review.png"))
        review.severity.setCurrentIndex(review.severity.findText("Everything"))
        screening = next(review.model.index(row, 0) for row in range(review.model.rowCount())
                         if review.model.index(row, 0).data().startswith("Screening"))
        review.tree.setCurrentIndex(review.model.index(0, 0, review.model.index(0, 0, screening)))
        _settle()
        window.grab().save(str(OUT / "screening.png"))
        window.resize(1024, 700)
        for step, name in (("Shipment", "small-shipment"), ("Review", "small-review")):
            window.case_view.show_step(step)
            _settle()
            window.grab().save(str(OUT / f"{name}.png"))
        window.resize(1280, 800)
        window.case_view.show_step("Export")
        _export_signed(window, Path(temp))
        _settle()
        window.grab().save(str(OUT / "export.png"))
        # The demo above is a UFLPA case, which has no prescribed forms; a WRO case has three.
        wro = Path(temp) / "wro.tcase"
        create_demo_case(wro, catalog, regime="wro", today=dt.date.today())
        window.open_case_path(wro)
        window.case_view.show_step("Forms")
        window.case_view.forms_page.select_form("certificate:VN")
        _settle(800)
        window.grab().save(str(OUT / "forms.png"))
        window.close()
    app.quit()


if __name__ == "__main__":
    main()
