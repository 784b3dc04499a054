"""The Forms page: the 19 CFR 12.43 forms as the bundle will print them, and their free text.

What only the signer can say (names, packages, efforts, belief...) is kept as case settings,
which the forms and the bundle read; each save is one undoable change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from importer_app.bundle.numbering import number_exhibits
from importer_app.bundle.pages.forms import FormRef, available_forms, render_form

from importer_app.bundle.pages.forms import STATEMENT
from importer_app.bundle.pages.templates import load_template
from importer_app.bundle.plan import BundleOptions
from importer_app.core.errors import AppError
from importer_app.core.safe_names import safe_file_name
from importer_app.fileio import write_file_atomically
from importer_app.gui.commands import SetSettings
from importer_app.gui.session import CaseSession
from importer_app.store.casefile import Change

FORM_ROLE = Qt.ItemDataRole.UserRole + 1
# The statement's parts the consignee writes, by the template's [settings] names.
STATEMENT_LABELS = {
    "signer": "Name and title of the signer", "number": "IRS or CBP importer number", "address": "Address",
    "efforts": "Efforts made to learn the source", "labor": "What was learned about the labor",
    "results": "Results of the inquiry", "belief": "Belief", "reasons": "Reasons for the belief",
}
LONG_TEXT = frozenset({"efforts", "labor", "results", "reasons"})
# The belief is one of the template's ticked boxes, not free text.
CHOICE = "belief"
NO_FORMS = ("Forms are only part of a Section 307 answer (a Withhold Release Order or a Finding): 19 CFR"
            " 12.43 prescribes a certificate of origin and a statement of the ultimate consignee. This case's"
            " regime has no prescribed form, so there is nothing to fill in here.")

Editor = QLineEdit | QPlainTextEdit | QComboBox


def form_fields(form_id: str) -> list[tuple[str, str, str]]:
    """The parts of a form the signer fills: ``(setting key, label, kind)`` in print order.

    ``kind`` is ``line``, ``text`` (several lines) or ``choice`` (see :func:`belief_choices`).
    """
    if form_id == STATEMENT:
        names = load_template("consignee_statement_1243").raw("settings")
        return [(names[part], label, "choice" if part == CHOICE else "text" if part in LONG_TEXT else "line")
                for part, label in STATEMENT_LABELS.items() if part in names]
    country = form_id.partition(":")[2]
    fields = load_template("certificate_of_origin_1243").raw("text", "fields")
    return [(key.format(country=country), f"{number}. {_unbracketed(label)}", "line")
            for number, label, key in fields if key]


def belief_choices() -> list[tuple[str, str]]:
    """``(setting value, words)`` of the statement's belief boxes, none ticked first."""
    options = load_template("consignee_statement_1243").raw("belief", "options")
    return [("", "(none ticked: the signer ticks a box)"), *((key, text.rstrip(";.")) for key, text in options)]


class FormsPage(QWidget):
    """Lists the forms, previews the selected one and edits its free-text parts."""

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.choose_target: Callable[[FormRef], Path | None] = self._choose_target
        self.editors: dict[str, Editor] = {}
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.forms = QListWidget()
        self.forms.setMaximumHeight(150)
        self.forms.setWordWrap(True)
        self.forms.currentItemChanged.connect(self.on_current_item_changed)
        self.fields = QWidget()
        self.field_form = QFormLayout(self.fields)
        # The regulation's labels are long: each above its field, so the field gets the width.
        self.field_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.fields)
        self.fields_heading = QLabel("<b>What the case cannot fill in</b> (kept with the case; left empty, the"
                                     " form prints a line for the signer to complete)")
        self.fields_heading.setWordWrap(True)
        self.save_button = QPushButton("Save changes")
        self.save_button.clicked.connect(self.on_save_clicked)
        self.pdf_button = QPushButton("Save as PDF to send for signature…")
        self.pdf_button.clicked.connect(self.on_pdf_clicked)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pdf = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.preview = QPdfView()
        self.preview.setDocument(self.pdf)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.explanation)
        column.addWidget(self.forms)
        column.addWidget(self.fields_heading)
        column.addWidget(self.scroll, 1)
        column.addWidget(self.save_button)
        column.addWidget(self.pdf_button)
        column.addWidget(self.status)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setSizes([520, 620])
        QVBoxLayout(self).addWidget(splitter)
        session.changed.connect(self.on_changed)
        self._fill_forms()

    # -- the list of forms -------------------------------------------------------------------

    def _fill_forms(self) -> None:
        current = self.current_form()
        refs = available_forms(self.session.case, self.session.catalog)
        self.forms.blockSignals(True)
        self.forms.clear()
        for ref in refs:
            signer = ref.signer or "a signer the case does not name"
            item = QListWidgetItem(f"{ref.title}\n      to be signed by {signer}")
            item.setData(FORM_ROLE, ref)
            self.forms.addItem(item)
        self.forms.blockSignals(False)
        if refs:
            self.explanation.setText("The forms of 19 CFR 12.43, prefilled from the case, as the bundle will print"
                                     " them. Send each to its signer; add the signed copy back as a document.")
        else:
            self.explanation.setText(NO_FORMS)
        for widget in (self.forms, self.fields_heading, self.scroll, self.save_button, self.pdf_button, self.preview):
            widget.setVisible(bool(refs))
        ids = [ref.id for ref in refs]
        row = ids.index(current.id) if current is not None and current.id in ids else 0
        if refs:
            self.forms.setCurrentRow(row)
        self._show_form(self.current_form())

    def current_form(self) -> FormRef | None:
        item = self.forms.currentItem()
        ref = item.data(FORM_ROLE) if item is not None else None
        return ref if isinstance(ref, FormRef) else None

    def select_form(self, form_id: str) -> None:
        for row in range(self.forms.count()):
            if self.forms.item(row).data(FORM_ROLE).id == form_id:
                self.forms.setCurrentRow(row)

    def on_current_item_changed(self, current: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        self._show_form(self.current_form())

    def on_changed(self, change: Change) -> None:
        if change.area in ("entities", "links", "shipment", "case"):
            self._fill_forms()
        else:
            self._show_form(self.current_form())

    # -- one form ----------------------------------------------------------------------------

    def _show_form(self, ref: FormRef | None) -> None:
        while self.field_form.rowCount():
            self.field_form.removeRow(0)
        self.editors = {}
        if ref is None:
            self.pdf.close()
            return
        settings = self.session.casefile.settings()
        for key, label, kind in form_fields(ref.id):
            value = settings.get(key, "")
            editor: Editor
            if kind == "choice":
                editor = QComboBox()
                # The choices are sentences; the list shows them whole, the box need not fit them.
                editor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                editor.setMinimumContentsLength(20)
                for choice, words in belief_choices():
                    editor.addItem(words, choice)
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif kind == "text":
                editor = QPlainTextEdit(value)
                editor.setFixedHeight(64)
            else:
                editor = QLineEdit(value)
            editor.setToolTip(f"Kept as the case setting {key}")
            self.editors[key] = editor
            self.field_form.addRow(label, editor)
        self._show_preview(ref)

    def render(self, ref: FormRef) -> bytes:
        """The form as a PDF, exactly as the bundle would print it today."""
        session = self.session
        options = BundleOptions(output=session.path.with_suffix(".pdf"), document_date=session.today())
        return render_form(session.case, session.report, session.catalog, number_exhibits(session.case), options,
                           ref.id, settings=session.casefile.settings())

    def _show_preview(self, ref: FormRef) -> None:
        self.pdf.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(self.render(ref)))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(self._buffer)

    def edited(self) -> dict[str, str]:
        """The free-text parts as the page shows them, by setting key."""
        return {key: _value(editor) for key, editor in self.editors.items()}

    def on_save_clicked(self) -> None:
        ref = self.current_form()
        if ref is None:
            return
        settings = self.session.casefile.settings()
        after = {key: value for key, value in self.edited().items() if value != settings.get(key, "")}
        if not after:
            self.status.setText("Nothing changed.")
            return
        before = {key: settings.get(key, "") for key in after}
        if self.session.apply(SetSettings(self.session.casefile, self.session, before, after, ref.title)):
            self.status.setText("Saved; the preview shows the change.")

    def on_pdf_clicked(self) -> None:
        ref = self.current_form()
        if ref is None:
            return
        target = self.choose_target(ref)
        if target is not None:
            self.save_pdf(ref, target)

    def save_pdf(self, ref: FormRef, target: Path) -> bool:
        """Write the form to ``target`` through a temporary file, so no half-written PDF is left."""
        try:
            write_file_atomically(target, self.render(ref))
        except AppError as error:
            self.status.setText(str(error))
            return False
        self.status.setText(f"Saved {target.name}. When it comes back signed, add it on the Documents page.")
        return True

    def _choose_target(self, ref: FormRef) -> Path | None:
        suggested = self.session.path.parent / safe_file_name(ref.title, ".pdf")
        name, _ = QFileDialog.getSaveFileName(self, "Save the form as", str(suggested), "PDF files (*.pdf)")
        return Path(name).with_suffix(".pdf") if name else None


def _value(editor: Editor) -> str:
    if isinstance(editor, QComboBox):
        return str(editor.currentData())
    return (editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()).strip()


def _unbracketed(label: str) -> str:
    # The regulation prints "(Place of lading)" under a blank; as a field label the brackets go.
    return label[1:-1] if label.startswith("(") and label.endswith(")") else label
