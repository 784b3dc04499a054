"""What CBP will read: the words of the cover letter, the executive summary and the evidence
response, drawn by the bundle's own page builders from the case as it is now, before export.

The pages are drawn as the bundle draws them (as PDF) and their text is read back, so what the
window shows is what the bundle says, word for word, and never a second rendering that could
drift from it. Drawing takes about a second for the demo: it runs on a worker.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from importer_app.bundle.pages.cover import cover_letter
from importer_app.bundle.pages.evidence_response import evidence_response
from importer_app.bundle.pages.summary import executive_summary
from importer_app.bundle.build import _shown_names  # the names exactly as the bundle prints them
from importer_app.bundle.numbering import number_exhibits
from importer_app.bundle.plan import BundleOptions
from importer_app.bundle.source import BundleSource
from importer_app.core.catalog import Catalog
from importer_app.core.engine import evaluate
from importer_app.core.errors import AppError
from importer_app.core.progress import CancelToken
from importer_app.gui.checked_dialog import fit_to_screen
from importer_app.gui.workers import Worker
from importer_app.screening.in_case import case_screening


class ReadingCancelled(AppError):
    """The dialog was closed before the pages were drawn."""


@dataclass(frozen=True)
class SectionText:
    """One section of the bundle as text: its title (the bookmark CBP sees) and its words."""

    title: str
    text: str


def pdf_text(pdf: bytes) -> str:
    """The words of a PDF, page after page, laid out as on the page."""
    reader = PdfReader(io.BytesIO(pdf))
    return "\n\n".join(page.extract_text(extraction_mode="layout").rstrip() for page in reader.pages) + "\n"


def reading_job(source: BundleSource, options: BundleOptions, catalog: Catalog
                ) -> Callable[[Callable[[int, int, str], None], CancelToken], tuple[SectionText, ...]]:
    """The job a worker runs: the three sections, as the bundle's build would draw them."""

    def job(progress: Callable[[int, int, str], None], cancel: CancelToken) -> tuple[SectionText, ...]:
        case = _shown_names(source.case)
        screening = case_screening(case, source.lists, source.lists_in_case, options.document_date)
        report = evaluate(case, catalog, options.document_date, screening.state)
        plan = number_exhibits(case)
        builders = (
            lambda: cover_letter(case, report, catalog, plan, options, settings=source.settings,
                                 screening=screening),
            lambda: executive_summary(case, report, catalog, plan, options, screening=screening),
            lambda: evidence_response(case, report, catalog, plan, options, screening=screening),
        )
        sections = []
        for done, draw in enumerate(builders):
            if cancel.cancelled:
                raise ReadingCancelled("Closed before the pages were drawn.")
            progress(done, len(builders), "Drawing the pages…")
            section = draw()
            sections.append(SectionText(section.title, pdf_text(section.pdf)))
        return tuple(sections)

    return job


class CbpReadingDialog(QDialog):
    """The sections, one tab each, read-only; drawn on a worker when the dialog opens."""

    def __init__(self, source: BundleSource, options: BundleOptions, catalog: Catalog,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("What CBP will read")
        intro = QLabel("The words the bundle will say to CBP, drawn by the bundle's own pages from the case as it is"
                       " now. Read only: to change a sentence, change the case (Review, Shipment, Export), then open"
                       " this again.")
        intro.setWordWrap(True)
        self.status = QLabel("Drawing the pages…")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.tabs = QTabWidget()
        self.tabs.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.status)
        column.addWidget(self.bar)
        column.addWidget(self.tabs, 1)
        column.addWidget(buttons)
        fit_to_screen(self, 900, 700)
        self.worker = Worker(reading_job(source, options, catalog), self)
        self.worker.progressed.connect(self.on_progressed)
        self.worker.succeeded.connect(self.on_drawn)
        self.worker.failed.connect(self.on_failed)
        self.worker.start()

    def on_progressed(self, done: int, total: int, text: str) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)

    def on_drawn(self, sections: tuple[SectionText, ...]) -> None:
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for section in sections:
            view = QPlainTextEdit()
            view.setReadOnly(True)
            view.setFont(font)
            view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            view.setPlainText(section.text)
            self.tabs.addTab(view, section.title)
        self.bar.setVisible(False)
        self.status.setVisible(False)
        self.tabs.setVisible(True)

    def on_failed(self, message: str) -> None:
        self.bar.setVisible(False)
        self.status.setText(f"The pages could not be drawn: {message}")
        self.status.setStyleSheet("color: #b00020;")

    def texts(self) -> dict[str, str]:
        """Each tab's title and text, as shown."""
        return {self.tabs.tabText(i): self.tabs.widget(i).toPlainText() for i in range(self.tabs.count())}  # type: ignore[attr-defined]

    def done(self, result: int) -> None:
        self._stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self._stop()
        super().closeEvent(event)

    def _stop(self) -> None:
        if self.worker.running:
            self.worker.cancel()
            self.worker.wait()
