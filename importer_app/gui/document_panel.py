"""The side panel of the Documents page: a preview of the page CBP will see, and the details."""

from __future__ import annotations

import dataclasses
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from importer_app.core import vocab
from importer_app.core.errors import AppError
from importer_app.core.model import Document
from importer_app.gui.commands import UpdateDocument
from importer_app.gui.fields import OptionalDate, split_list
from importer_app.gui.labels import link_label
from importer_app.gui.preview_process import Preview, PreviewRenderer
from importer_app.gui.session import CaseSession

_LANGUAGE = re.compile(vocab.LANGUAGE_PATTERN)


class DocumentPanel(QWidget):
    """Shows one document; edits become one undoable change when the user saves them."""

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.document: Document | None = None
        self.renderer = PreviewRenderer(self)
        self.renderer.finished.connect(self.on_preview)
        self.preview: Preview | None = None
        self.pages = QWidget()
        self.pages_column = QVBoxLayout(self.pages)
        self.pages_column.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.preview_area = QScrollArea()
        self.preview_area.setWidgetResizable(True)
        self.preview_area.setWidget(self.pages)
        self.preview_note = QLabel()
        self.preview_note.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_note.setWordWrap(True)

        # File names and intake notes come from the file: shown as text, never as markup.
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading_font = self.heading.font()
        heading_font.setBold(True)
        self.path_label = QLabel()
        self.path_label.setTextFormat(Qt.TextFormat.PlainText)
        self.path_label.setFont(heading_font)
        self.path_label.setWordWrap(True)
        self.type = QComboBox()
        for type_id, entry in session.catalog.document_types.items():
            self.type.addItem(entry.name, type_id)
        # A long type name or suggestion must not set the panel's width: the page fits 1024 px.
        self.type.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.type.setMinimumContentsLength(14)
        self.suggestion = QLabel()
        self.suggestion.setTextFormat(Qt.TextFormat.PlainText)
        self.suggestion.setWordWrap(True)
        self.use_suggestion = QPushButton("Use suggestion")
        self.use_suggestion.clicked.connect(self.on_use_suggestion)
        suggestion_row = QHBoxLayout()
        suggestion_row.addWidget(self.suggestion, 1)
        suggestion_row.addWidget(self.use_suggestion)
        self.title = QLineEdit()
        self.date = OptionalDate()
        self.references = QLineEdit()
        self.references.setPlaceholderText("order, invoice, B/L numbers, separated by commas")
        self.language = QLineEdit()
        self.language.setMaxLength(2)
        self.translation_of = QComboBox()
        self.entities = QListWidget()
        self.links = QListWidget()
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        self.save = QPushButton("Save changes")
        self.save.clicked.connect(self.on_save)

        details = QWidget()
        form = QFormLayout(details)
        form.addRow(self.path_label)
        form.addRow(self.heading)
        form.addRow("Type", self.type)
        form.addRow(suggestion_row)
        form.addRow("Title", self.title)
        form.addRow("Date", self.date)
        form.addRow("References", self.references)
        form.addRow("Language (2 letters)", self.language)
        form.addRow("English translation of", self.translation_of)
        form.addRow("Speaks for companies", self.entities)
        form.addRow("Proves transfers", self.links)
        form.addRow(self.problem)
        form.addRow(self.save)

        preview_box = QWidget()
        column = QVBoxLayout(preview_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.preview_note)
        column.addWidget(self.preview_area, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(preview_box)
        splitter.addWidget(details)
        splitter.setSizes([420, 420])
        QVBoxLayout(self).addWidget(splitter)
        self.setEnabled(False)

    def show_document(self, document: Document | None) -> None:
        self.document = document
        self.problem.clear()
        self.setEnabled(document is not None)
        if document is None:
            self.path_label.setText("Select a document to see it here.")
            self.heading.clear()
            self._clear_pages()
            self.preview_note.clear()
            self.renderer.cancel()
            return
        self._show_preview(document)
        self._show_details(document)

    def _show_preview(self, document: Document) -> None:
        self._clear_pages()
        self.preview = None
        self.renderer.cancel()
        if document.needs_rendition:
            self.preview_note.setText("This file has no PDF yet (LibreOffice is not installed); the bundle will"
                                      " attach the original with a slip sheet.")
            return
        try:
            data = self.session.casefile.read_blob(document.bundle_sha256)
        except AppError as error:
            self.preview_note.setText(str(error))
            return
        self.preview_note.setText("Drawing the preview…")
        self.renderer.request(document.bundle_sha256, data)

    def on_preview(self, preview: Preview) -> None:
        document = self.document
        if document is None or preview.key != document.bundle_sha256:
            return
        self.preview = preview
        self._clear_pages()
        if preview.problem:
            self.preview_note.setText(preview.problem)
            return
        for number, png in enumerate(preview.pages, 1):
            image = QLabel()
            width = max(200, self.preview_area.viewport().width() - 24)
            image.setPixmap(QPixmap.fromImage(_image(png)).scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))
            image.setToolTip(f"Page {number} of {preview.page_count}")
            self.pages_column.addWidget(image)
        note = document.rendition_reason
        shown = "" if len(preview.pages) >= preview.page_count else \
            f" The first {len(preview.pages)} of {preview.page_count} pages are shown."
        self.preview_note.setText((f"The bundle shows this copy ({note}); the original is kept unchanged." if note
                                   else "As the bundle will show it.") + shown)

    def _clear_pages(self) -> None:
        while self.pages_column.count():
            item = self.pages_column.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def _show_details(self, document: Document) -> None:
        case = self.session.case
        self.path_label.setText(document.path)
        self.heading.setText("\n".join(document.notes))
        self.type.setCurrentIndex(max(0, self.type.findData(document.type)))
        if document.suggested_type and document.suggested_type != document.type:
            name = self.session.catalog.document_types[document.suggested_type].name
            self.suggestion.setText(f"Its text suggests: {name} ({document.suggested_confidence:.0%} sure)")
            self.use_suggestion.show()
        else:
            self.suggestion.setText("")
            self.use_suggestion.hide()
        self.title.setText(document.title)
        self.date.set_value(document.date)
        self.references.setText(", ".join(document.references))
        self.language.setText(document.language)
        self.translation_of.clear()
        self.translation_of.addItem("(not a translation)", "")
        for other in case.documents:
            if other.path != document.path:
                self.translation_of.addItem(other.title or other.path, other.path)
        self.translation_of.setCurrentIndex(max(0, self.translation_of.findData(document.translation_of)))
        self._fill_checks(self.entities, [(e.id, e.name) for e in case.entities], document.entities)
        self._fill_checks(self.links, [(k.id, link_label(case, k)) for k in case.links], document.links)

    @staticmethod
    def _fill_checks(widget: QListWidget, choices: list[tuple[str, str]], checked: tuple[str, ...]) -> None:
        widget.clear()
        for key, label in choices:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
            widget.addItem(item)

    @staticmethod
    def _checked(widget: QListWidget) -> tuple[str, ...]:
        return tuple(widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
                     if widget.item(i).checkState() == Qt.CheckState.Checked)

    def on_use_suggestion(self) -> None:
        if self.document is not None:
            self.type.setCurrentIndex(self.type.findData(self.document.suggested_type))

    def edited(self) -> Document | None:
        """The document as the panel now shows it, or None (with a message) when invalid."""
        assert self.document is not None
        language = self.language.text().strip().lower() or "en"
        if not _LANGUAGE.match(language):
            self.problem.setText("Enter the language as two letters, like en, vi or zh.")
            return None
        self.problem.clear()
        return dataclasses.replace(
            self.document,
            type=self.type.currentData(),
            title=self.title.text().strip(),
            date=self.date.value(),
            references=split_list(self.references.text()),
            language=language,
            translation_of=self.translation_of.currentData() or "",
            entities=self._checked(self.entities),
            links=self._checked(self.links),
        )

    def on_save(self) -> None:
        if self.document is None:
            return
        after = self.edited()
        if after is None or after == self.document:
            return
        self.session.apply(UpdateDocument(self.session.casefile, self.session, self.document, after))


def _image(png: bytes) -> QImage:
    image = QImage()
    image.loadFromData(png, "PNG")
    return image
