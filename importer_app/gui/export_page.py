"""The Export page: bundle options, what is still missing, signing, and the verified result."""

from __future__ import annotations

import dataclasses
import html
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from importer_app.bundle.bates import derive_prefix
from importer_app.bundle.identity import LoadedIdentity, load_identity
from importer_app.bundle.pages.cover import contact_keys
from importer_app.bundle.plan import IMAGE_DPI_RANGE, BundleOptions
from importer_app.bundle.portal_sheet import case_portal_sheet
from importer_app.bundle.preflight import preflight as preflight_notes, unconfirmed_line, wording_line
from importer_app.bundle.source import BundleSource
from importer_app.core.byte_sizes import size_text
from importer_app.core.errors import AppError, IdentityPasswordError
from importer_app.core.gaps import Gap, unexplained_gaps
from importer_app.core.portal import ROUTE_SETTING, PortalSheet, route_of
from importer_app.core.portal_rules import load_portal_rules
from importer_app.core.safe_names import safe_file_name
from importer_app.gui.blob_relay import BlobRelay
from importer_app.gui.cbp_reading import CbpReadingDialog
from importer_app.gui.commands import SetSettings
from importer_app.gui.export_job import ExportOutcome, PortalRequest, export_job
from importer_app.gui.gap_dialog import explain_gap
from importer_app.gui.identity_dialog import EXPLANATION, IdentityDialog
from importer_app.gui.labels import as_plain, scope_label, window_text
from importer_app.gui.portal_dialog import PortalDialog
from importer_app.gui.session import CaseSession
from importer_app.gui.workers import Worker
from importer_app.store.casefile import Change
from importer_app.core.plural import counted, verb

log = logging.getLogger(__name__)

GOOD, BAD = "#1b7f3b", "#b00020"


class ExportPage(QWidget):
    """``exported(ExportOutcome)`` or ``export_failed(str)`` ends every export started, once the
    worker is done and the page can export again."""

    exported = Signal(object)
    export_failed = Signal(str)

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.worker: Worker | None = None
        self.progress: QProgressDialog | None = None
        self.outcome: ExportOutcome | None = None
        self._failure: str | None = None
        self._gaps: tuple[Gap, ...] = ()
        # Dialogs are attributes so tests can answer them.
        self.choose_output: Callable[[], Path | None] = self._choose_output
        self.choose_identity: Callable[[], Path | None] = self._choose_identity
        self.create_identity: Callable[[], Path | None] = self._create_identity
        self.confirm_missing: Callable[[int], bool] = self._confirm_missing
        self.explain: Callable[[Gap], bool] = lambda gap: explain_gap(self.session, gap, self)
        # (identity file, the previous password was wrong) -> the password, None to cancel.
        self.ask_password: Callable[[Path, bool], str | None] = self._ask_password
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl

        self.output = QLineEdit(str(self._default_output()))
        choose_output = QPushButton("Choose…")
        choose_output.clicked.connect(self.on_choose_output_clicked)
        self.bates_prefix = QLineEdit()
        self.paper = QComboBox()
        self.paper.addItem("US Letter", "letter")
        self.paper.addItem("A4", "a4")
        self.max_volume = QDoubleSpinBox()
        self.max_volume.setRange(0, 10_000)
        self.max_volume.setDecimals(0)
        self.max_volume.setSuffix(" MB")
        self.max_volume.setSpecialValueText("one file, no limit")
        self.originals = QCheckBox("Attach the original files, with their hashes")
        self.originals.setChecked(True)
        self.originals_up_to = QDoubleSpinBox()
        self.originals_up_to.setRange(0, 10_000)
        self.originals_up_to.setDecimals(2)
        self.originals_up_to.setSuffix(" MB")
        self.originals_up_to.setSpecialValueText("every original, whatever its size")
        self.originals_up_to.setToolTip("A larger original is not attached: the manifest lists it with its SHA-256"
                                        " as available on request. 1 MB = 1,000,000 bytes.")
        self.optimize_images = QSpinBox()
        self.optimize_images.setRange(0, IMAGE_DPI_RANGE[1])
        self.optimize_images.setSingleStep(50)
        self.optimize_images.setSuffix(" dpi")
        self.optimize_images.setSpecialValueText("as received, lossless")
        self.optimize_images.setToolTip("Images finer than this on their page are resampled to it and stored as JPEG"
                                        " at quality 80; bi-level scans and the attached originals stay as received."
                                        f" {IMAGE_DPI_RANGE[0]} dpi is the least: below it small print becomes"
                                        " unreadable.")
        self._shown_dpi = 0
        self.optimize_images.valueChanged.connect(self._skip_unreadable_dpi)
        self.portal_files = QCheckBox("Also write the files to upload to the portal")
        self.portal_files.setToolTip(
            "Beside the bundle (then one file), a folder of the files CBP's Forced Labor Portal takes: named in"
            " letters, digits and dashes, each under the portal's size limit per file (while it is not known, under"
            " the volume size above), with upload-order.txt listing them in the order to upload.")
        self.route = QComboBox()
        self.route.addItem("Upload it on CBP's Forced Labor Portal", "portal")
        self.route.addItem("Send it as a letter to the office reviewing the goods", "letter")
        self.route.setToolTip("The cover letter's addressee and wording follow this choice; it is kept with the case.")
        self.route.activated.connect(self.on_route_chosen)
        options = QGroupBox("The bundle")
        form = QFormLayout(options)
        form.addRow("How you send it", self.route)
        form.addRow("Save as", _row(self.output, choose_output))
        form.addRow("Bates prefix", self.bates_prefix)
        form.addRow("Paper", self.paper)
        form.addRow("Split into volumes of at most", self.max_volume)
        form.addRow("", self.originals)
        form.addRow("Attach originals of at most", self.originals_up_to)
        form.addRow("Scans in the exhibits", self.optimize_images)
        form.addRow("", self.portal_files)

        self.missing_summary = QLabel()
        self.missing_summary.setWordWrap(True)
        self.missing = QListWidget()
        self.missing.setWordWrap(True)
        self.missing.setSpacing(4)
        self.missing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.unexplained_summary = QLabel()
        self.unexplained_summary.setWordWrap(True)
        self.unexplained = QListWidget()
        self.unexplained.setWordWrap(True)
        self.unexplained.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.unexplained.itemDoubleClicked.connect(self.on_explain_clicked)
        self.unexplained.currentRowChanged.connect(self._enable_explain)
        self.explain_button = QPushButton("Explain…")
        self.explain_button.clicked.connect(self.on_explain_clicked)
        self.allow_unexplained = QCheckBox("Export without explaining them")
        self.allow_unexplained.setToolTip("The bundle then says of each: \u201cNot available. The importer has not"
                                          " stated the reason.\u201d")
        self.allow_unexplained.toggled.connect(self.on_export_input_changed)
        # The importer's own words that would read wrong to CBP, and citations printed without
        # their address: warnings only, the bundle prints the importer's words as typed.
        self.wording_summary = QLabel()
        self.wording_summary.setWordWrap(True)
        self.wording = QListWidget()
        self.wording.setWordWrap(True)
        self.wording.setSpacing(4)
        self.wording.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        preflight = QGroupBox("Before you export")
        column = QVBoxLayout(preflight)
        column.addWidget(self.missing_summary)
        column.addWidget(self.missing, 2)
        column.addWidget(self.unexplained_summary)
        column.addWidget(self.unexplained, 1)
        column.addWidget(_row(self.explain_button, self.allow_unexplained, stretch=True))
        column.addWidget(self.wording_summary)
        column.addWidget(self.wording, 1)

        self.sign = QCheckBox("Sign every volume with the signing identity")
        self.identity = QLineEdit()
        self.identity.setPlaceholderText("a .p12 file")
        choose_identity = QPushButton("Choose…")
        choose_identity.clicked.connect(self.on_choose_identity_clicked)
        create_identity = QPushButton("Create a signing identity…")
        create_identity.clicked.connect(self.on_create_identity_clicked)
        self.location = QLineEdit()
        self.location.setPlaceholderText("city, shown in the signature (optional)")
        # Printed under the cover letter's signature box; kept with the case (undoable).
        self.signer_name = QLineEdit()
        self.signer_name.setPlaceholderText("printed under the signature; blank lines to fill in by hand if empty")
        self.signer_title = QLineEdit()
        self.signer_title.setPlaceholderText("e.g. Compliance Manager")
        self.signer_phone = QLineEdit()
        self.signer_phone.setPlaceholderText("for CBP's questions, e.g. +1 562 555 0142")
        self.signer_email = QLineEdit()
        self.importer_number = QLineEdit()
        self.importer_number.setPlaceholderText("IOR number or EIN, as on the entry")
        # The cover letter's contact block, by the field names of its template's [settings].
        self.contact = {"name": self.signer_name, "title": self.signer_title, "phone": self.signer_phone,
                        "email": self.signer_email, "number": self.importer_number}
        for field in self.contact.values():
            field.editingFinished.connect(self.on_signer_edited)
        note = QLabel("The password is asked when you export and is not kept. " + EXPLANATION)
        note.setWordWrap(True)
        signing = QGroupBox("Signature")
        sign_form = QFormLayout(signing)
        sign_form.addRow(self.sign)
        sign_form.addRow("Identity", _row(self.identity, choose_identity, create_identity))
        sign_form.addRow("Signed at", self.location)
        sign_form.addRow("Signer's name", self.signer_name)
        sign_form.addRow("Signer's title", self.signer_title)
        sign_form.addRow("Signer's phone", self.signer_phone)
        sign_form.addRow("Signer's e-mail", self.signer_email)
        sign_form.addRow("Importer number", self.importer_number)
        sign_form.addRow(note)

        self.export_button = QPushButton("Export the bundle")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.on_export_clicked)
        self.result = QLabel("No bundle exported yet in this session.")
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self._resting = (self.result.text(), "")
        self._problem_shown = False
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_bundle = QPushButton("Open the bundle")
        self.open_bundle.clicked.connect(self.on_open_bundle_clicked)
        self.open_folder = QPushButton("Open its folder")
        self.open_folder.clicked.connect(self.on_open_folder_clicked)
        for button in (self.open_bundle, self.open_folder):
            button.setEnabled(False)
        self.portal_button = QPushButton("Portal sheet…")
        self.portal_button.setToolTip("What to choose, type and upload on CBP's Forced Labor Portal")
        self.portal_button.clicked.connect(self.on_portal_clicked)
        outcome = QGroupBox("Export")
        out_column = QVBoxLayout(outcome)
        self.reading_button = QPushButton("What CBP will read…")
        self.reading_button.setToolTip("The cover letter, executive summary and evidence response as the bundle"
                                       " will word them, before you export.")
        self.reading_button.clicked.connect(self.on_reading_clicked)
        self.reading: CbpReadingDialog | None = None
        out_column.addWidget(_row(self.export_button, self.reading_button, stretch=True))
        out_column.addWidget(_row(self.open_bundle, self.open_folder, stretch=True))
        out_column.addWidget(self.result)
        out_column.addWidget(_row(self.portal_button, stretch=True))

        left = QVBoxLayout()
        left.addWidget(options)
        left.addWidget(signing)
        left.addWidget(outcome)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(preflight, 2)
        for field in (self.output, self.identity):
            field.textChanged.connect(self.on_export_input_changed)
        self.sign.toggled.connect(self.on_export_input_changed)
        session.changed.connect(self.on_changed)
        self._restore_options()
        self._show_missing()

    # -- options and pre-flight ---------------------------------------------------------------

    def _default_output(self) -> Path:
        entry = self.session.case.shipment.entry_number or self.session.path.stem
        return self.session.path.parent / safe_file_name(f"{entry} bundle", ".pdf")

    def on_changed(self, change: Change) -> None:
        self._show_missing()

    def _options_as_settings(self) -> dict[str, str]:
        return {
            "export.output": self.output.text().strip(),
            "export.bates_prefix": self.bates_prefix.text().strip(),
            "export.paper": self.paper.currentData(),
            "export.max_volume_mb": f"{self.max_volume.value():g}",
            "export.originals": "yes" if self.originals.isChecked() else "no",
            "export.portal_files": "yes" if self.portal_files.isChecked() else "no",
            "export.originals_up_to_mb": f"{self.originals_up_to.value():g}",
            "export.optimize_images_dpi": str(self.optimize_images.value()),
            "export.location": self.location.text().strip(),
        }

    def _remember_options(self) -> None:
        """The options of the last export, kept with the case so the next one starts from them."""
        settings = self.session.casefile.settings()
        for key, value in self._options_as_settings().items():
            if settings.get(key, "") != value:
                self.session.casefile.set_setting(key, value)

    def _restore_options(self) -> None:
        kept = self.session.casefile.settings()
        output = kept.get("export.output", "")
        if output and Path(output).parent.is_dir():  # a case mailed elsewhere keeps the default
            self.output.setText(output)
        self.bates_prefix.setText(kept.get("export.bates_prefix", ""))
        self.paper.setCurrentIndex(max(0, self.paper.findData(kept.get("export.paper", "letter"))))
        try:
            self.max_volume.setValue(float(kept.get("export.max_volume_mb") or 0))
        except ValueError:
            self.max_volume.setValue(0)
        self.originals.setChecked(kept.get("export.originals", "yes") != "no")
        self.portal_files.setChecked(kept.get("export.portal_files", "no") == "yes")
        try:
            self.originals_up_to.setValue(float(kept.get("export.originals_up_to_mb") or 0))
            self.optimize_images.setValue(int(kept.get("export.optimize_images_dpi") or 0))
        except ValueError:  # a value another program wrote: start from the defaults
            self.originals_up_to.setValue(0)
            self.optimize_images.setValue(0)
        self.location.setText(kept.get("export.location", ""))

    def on_route_chosen(self) -> None:
        before = {ROUTE_SETTING: self.session.casefile.settings().get(ROUTE_SETTING, "")}
        after = {ROUTE_SETTING: self.route.currentData()}
        if route_of(before) != after[ROUTE_SETTING]:
            self.session.apply(SetSettings(self.session.casefile, self.session, before, after,
                                           "how the bundle is sent"))

    def _show_signer(self) -> None:
        settings = self.session.casefile.settings()
        self.route.setCurrentIndex(max(0, self.route.findData(route_of(settings))))
        for name, key in contact_keys().items():
            field = self.contact[name]
            if not field.hasFocus():
                field.setText(settings.get(key, ""))

    def on_signer_edited(self) -> None:
        settings = self.session.casefile.settings()
        after = {key: self.contact[name].text().strip() for name, key in contact_keys().items()}
        before = {key: settings.get(key, "") for key in after}
        if after != before:
            self.session.apply(SetSettings(self.session.casefile, self.session, before, after,
                                           "the signer of the cover letter"))

    def missing_findings(self) -> list[str]:
        case = self.session.case
        return [f"{scope_label(case, f.scope)}: {window_text(case, f.message)}" for f in self.session.report.findings
                if f.severity == "missing"]

    def _show_missing(self) -> None:
        self._show_signer()
        prefix = derive_prefix(self.session.case.shipment.importer_of_record)
        self.bates_prefix.setPlaceholderText(f"{prefix} (from the importer's name)")
        missing = self.missing_findings()
        self.missing.clear()
        self.missing.addItems(missing)
        if missing:
            self.missing_summary.setText(f"CBP would still find {counted(len(missing), 'item')} missing. You can export now;"
                                         " the bundle's evidence response lists each, with your explanation where the case holds one.")
            self.missing_summary.setStyleSheet(f"color: {BAD};")
        else:
            self.missing_summary.setText("Nothing CBP requires is missing.")
            self.missing_summary.setStyleSheet(f"color: {GOOD};")
        self._show_unexplained()

    def unexplained_gaps(self) -> tuple[Gap, ...]:
        """The blocking gaps without an explanation: the bundle would tell CBP no reason is stated."""
        session = self.session
        return unexplained_gaps(session.case, session.report, session.catalog)

    def _show_unexplained(self) -> None:
        gaps = self._gaps = self.unexplained_gaps()
        self.unexplained.clear()
        for gap in gaps:
            self.unexplained.addItem(f"{gap.title}: {scope_label(self.session.case, gap.scope)}")
        for widget in (self.unexplained, self.explain_button, self.allow_unexplained):
            widget.setVisible(bool(gaps))
        if gaps:
            self.unexplained_summary.setText(
                f"{counted(len(gaps), 'missing item')} {verb(len(gaps), 'has', 'have')} no explanation for CBP yet."
                " Explain why each document is not available and what you did to obtain it; the bundle prints it.")
            self.unexplained_summary.setStyleSheet(f"color: {BAD};")
            self.unexplained.setCurrentRow(0)
        else:
            self.unexplained_summary.setText("Every missing item has your explanation for CBP."
                                             if self.session.report.counts["missing"] else "")
            self.unexplained_summary.setStyleSheet("")
        self._enable_explain()
        self._show_wording()

    def _show_wording(self) -> None:
        session = self.session
        case, report = session.case, session.report
        notes = preflight_notes(case, report, session.catalog)
        self.wording.clear()
        self.wording.addItems([wording_line(note, report, lambda scope: scope_label(case, scope))
                               for note in notes.wording])
        self.wording.addItems([unconfirmed_line(source) for source in notes.unconfirmed])
        said = []
        if notes.wording:
            said.append(f"{counted(len(notes.wording), 'place')} in your own words would read wrong to CBP. The"
                        " bundle prints your words as you typed them: change them where you wrote them if you wish.")
        if notes.unconfirmed:
            one = len(notes.unconfirmed) == 1
            said.append(f"{counted(len(notes.unconfirmed), 'source')} cited without {'its' if one else 'their'}"
                        f" address: {'the address' if one else 'each address'} could not be confirmed, so the page"
                        f" of sources gives the full citation instead.")
        self.wording_summary.setText(" ".join(said))
        for widget in (self.wording_summary, self.wording):
            widget.setVisible(bool(said))

    def _enable_explain(self) -> None:
        self.explain_button.setEnabled(0 <= self.unexplained.currentRow() < len(self._gaps))

    def on_explain_clicked(self) -> None:
        row = self.unexplained.currentRow()
        if 0 <= row < len(self._gaps):
            self.explain(self._gaps[row])

    def options(self) -> BundleOptions:
        """The bundle options as the page shows them (read on the GUI thread); the bundle is
        one file when the portal's files are written beside it (they take the volume size)."""
        megabytes = self.max_volume.value()
        dpi = self.optimize_images.value()
        return BundleOptions(output=Path(self.output.text().strip()).with_suffix(".pdf"),
                             document_date=self.session.today(), bates_prefix=self.bates_prefix.text().strip(),
                             paper=self.paper.currentData(), include_originals=self.originals.isChecked(),
                             max_volume_mb=None if self.portal_files.isChecked() else megabytes or None,
                             attach_originals_up_to_mb=self.originals_up_to.value() or None,
                             optimize_images_dpi=dpi or None)

    def _skip_unreadable_dpi(self, dpi: int) -> None:
        """The box steps from "as received" straight to the least resolution the bundle takes,
        and back."""
        least = IMAGE_DPI_RANGE[0]
        if 0 < dpi < least:
            self.optimize_images.setValue(least if dpi > self._shown_dpi else 0)
            return
        self._shown_dpi = dpi

    def portal_request(self) -> PortalRequest | None:
        """The portal's files to write, in a folder beside the bundle named after it; None when
        not asked for.

        Raises:
            AppError: the portal rules in forms/ cannot be read.
        """
        if not self.portal_files.isChecked():
            return None
        output = self.options().output
        folder = output.parent / safe_file_name(f"{output.stem} portal files")
        return PortalRequest(folder, load_portal_rules(self.session.catalog), self.max_volume.value() or None)

    def portal_sheet(self) -> PortalSheet:
        """The portal sheet, with the volumes of the bundle named on this page once it is exported."""
        return case_portal_sheet(self.session.case, self.session.casefile.settings(), self.session.catalog,
                                 self.options().output)

    def on_portal_clicked(self) -> None:
        try:
            sheet = self.portal_sheet()
        except AppError as error:  # the portal rules in forms/ are damaged: say which line, keep working
            QMessageBox.warning(self, "Portal sheet", str(error))
            return
        PortalDialog(sheet, self).exec()

    def on_choose_output_clicked(self) -> None:
        path = self.choose_output()
        if path is not None:
            self.output.setText(str(path.with_suffix(".pdf")))

    def on_choose_identity_clicked(self) -> None:
        path = self.choose_identity()
        if path is not None:
            self.identity.setText(str(path))
            self.sign.setChecked(True)

    def on_create_identity_clicked(self) -> None:
        path = self.create_identity()
        if path is not None:
            self.identity.setText(str(path))
            self.sign.setChecked(True)

    def on_reading_clicked(self) -> None:
        """Show the words of the bundle's generated sections, drawn on a worker."""
        try:
            source = BundleSource.from_casefile(self.session.casefile)
        except AppError as error:
            self._show_problem(str(error))
            return
        if self.reading is not None:
            self.reading.deleteLater()  # the words of an earlier state of the case
        self.reading = CbpReadingDialog(source, self.options(), self.session.catalog, self)
        self.reading.open()

    # -- exporting ---------------------------------------------------------------------------

    def on_export_clicked(self) -> None:
        self.export()

    def export(self) -> Worker | None:
        """Check, ask what must be asked, then build, sign and verify on a worker."""
        if self.worker is not None:
            return None
        if not self.output.text().strip():
            self._show_problem("Choose where to save the bundle first.")
            return None
        unexplained = len(self.unexplained_gaps())
        if unexplained and not self.allow_unexplained.isChecked():
            self._show_problem(f"Not exported: {counted(unexplained, 'missing item')} {verb(unexplained, 'has', 'have')}"
                               " no explanation for CBP. Explain each (at the right, under Before you export), or tick"
                               " \u201cExport without explaining them\u201d.")
            return None
        missing = len(self.missing_findings())
        if missing and not self.confirm_missing(missing):
            return None
        identity = None
        if self.sign.isChecked():
            path = Path(self.identity.text().strip())
            if not self.identity.text().strip():
                self._show_problem("Choose a signing identity, create one, or untick signing.")
                return None
            identity = self._open_identity(path)
            if identity is None:
                return None
        relay = BlobRelay(self.session.casefile, self)
        try:
            source = dataclasses.replace(BundleSource.from_casefile(self.session.casefile), read_blob=relay.read_blob)
            portal = self.portal_request()
        except AppError as error:
            self._show_problem(str(error))
            return None
        worker = Worker(export_job(source, self.options(), self.session.catalog, identity,
                                   self.location.text().strip(), portal), self)
        relay.cancel = worker.cancel_token
        worker.finished.connect(relay.deleteLater)
        self.progress = QProgressDialog("Building the bundle…", "Cancel", 0, 0, self)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(worker.cancel)
        worker.progressed.connect(self.on_progressed)
        worker.succeeded.connect(self.on_succeeded)
        worker.failed.connect(self.on_failed)
        worker.finished.connect(self.on_finished)
        self.worker = worker
        self.export_button.setEnabled(False)
        self.outcome, self._failure = None, None
        for button in (self.open_bundle, self.open_folder):
            button.setEnabled(False)
        self._show_result("Exporting…", "")
        worker.start()
        return worker

    def _open_identity(self, path: Path) -> LoadedIdentity | None:
        """The identity, opened before anything is written (a wrong password costs nothing);
        None, with the reason shown, when it cannot be opened or the user gives up."""
        try:
            # An empty password tells a readable PKCS#12 file (which refuses it) from a missing or
            # unreadable one before anyone types a password; a file without one opens at once.
            return load_identity(path, b"")
        except IdentityPasswordError:
            pass
        except AppError as error:
            self._show_problem(str(error))
            return None
        wrong = False
        while True:
            password = self.ask_password(path, wrong)
            if password is None:
                if wrong:
                    self._show_problem(f"The password did not open {path.name}; nothing was exported.")
                return None
            try:
                return load_identity(path, password.encode())
            except IdentityPasswordError:
                wrong = True
            except AppError as error:
                self._show_problem(str(error))
                return None
            finally:
                del password

    def on_progressed(self, done: int, total: int, text: str) -> None:
        # setValue on a modal dialog runs the event loop, where the export may finish and drop it.
        progress = self.progress
        if progress is not None:
            progress.setMaximum(total)
            progress.setLabelText(text or "Building the bundle…")
            progress.setValue(done)

    def on_succeeded(self, outcome: ExportOutcome) -> None:
        self.outcome = outcome
        result = outcome.result
        try:
            portal = outcome.portal
            self.session.casefile.record("export bundle", "case", {
                "volumes": [str(v.path) for v in result.volumes], "pages": result.page_count,
                "bates": result.bates_prefix,
                **({"portal_files": [str(f.path) for f in portal.files]} if portal is not None else {})})
            if outcome.signed:
                first = outcome.signed[0]
                self.session.casefile.record("sign bundle", "case", {
                    "fingerprint": first.fingerprint_sha256, "level": first.level,
                    "signed_at": first.signing_time.isoformat(), "volumes": len(outcome.signed)})
            self._remember_options()
        except AppError as error:
            log.warning("export not recorded in the audit log: %s", error)
        self._show_outcome(outcome)

    def on_failed(self, message: str) -> None:
        cancelled = self.worker is not None and self.worker.cancel_token.cancelled
        text = "Export cancelled; nothing was written." if cancelled else message
        self._show_result(text, "" if cancelled else BAD)
        self._failure = text

    def on_finished(self) -> None:
        worker, self.worker = self.worker, None
        if self.progress is not None:
            self.progress.reset()
            self.progress = None
        if worker is not None:
            worker.wait()
            # The job holds the opened signing identity and the case's files; let them go.
            worker.deleteLater()
        self.export_button.setEnabled(True)
        # Announced once the page is ready for the next export.
        if self._failure is not None:
            self.export_failed.emit(self._failure)
        elif self.outcome is not None:
            self.exported.emit(self.outcome)

    def _show_outcome(self, outcome: ExportOutcome) -> None:
        result = outcome.result
        lines = [f"Wrote {html.escape(v.path.name)}: {v.page_count} pages, {size_text(v.size)}"
                 + (f", Bates {v.bates}" if v.bates else "") for v in result.volumes]
        lines += [f"! {html.escape(w)}" for w in result.warnings]
        lines += _portal_lines(outcome)
        if not outcome.signed:
            self._show_result("<br>".join(["Not signed."] + lines), "")
        else:
            verdicts = []
            for report in outcome.reports:
                colour = GOOD if report.intact else BAD
                mark = "✔" if report.intact else "✘"
                reasons = "".join(f"<br>&nbsp;&nbsp;{html.escape(r)}" for r in report.reasons)
                verdicts.append(f"<span style='color:{colour}'><b>{mark} {html.escape(report.path.name)}:"
                                f" {html.escape(report.summary)}</b>{reasons}</span>")
            signer = outcome.signed[0]
            verdicts.append(f"Signed by {html.escape(signer.signer)} ({html.escape(signer.organisation)}),"
                            f" {signer.level}; certificate fingerprint {signer.fingerprint_sha256}.")
            self._show_result("<br>".join(verdicts + lines), "")
        for button in (self.open_bundle, self.open_folder):
            button.setEnabled(True)

    def _show_result(self, text: str, colour: str) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(f"color: {colour};" if colour else "")
        self._resting = (text, colour)
        self._problem_shown = False

    def _show_problem(self, sentence: str) -> None:
        """Why the export did not start; it goes away when the user changes what it is about."""
        resting = self._resting
        self._show_result(html.escape(sentence), BAD)
        self._resting = resting
        self._problem_shown = True

    def on_export_input_changed(self) -> None:
        if self._problem_shown:
            self._problem_shown = False
            self._show_result(*self._resting)

    def on_open_bundle_clicked(self) -> None:
        if self.outcome is not None:
            self.open_url(QUrl.fromLocalFile(str(self.outcome.result.volumes[0].path)))

    def on_open_folder_clicked(self) -> None:
        if self.outcome is not None:
            self.open_url(QUrl.fromLocalFile(str(self.outcome.result.volumes[0].path.parent)))

    def stop_export(self) -> None:
        """Cancel a running export (the case is closing); a cancelled build leaves no file.
        The words CBP will read, still being drawn, are dropped too."""
        if self.reading is not None:
            self.reading.reject()
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait()

    # -- dialogs (replaced in tests) -----------------------------------------------------------

    def _choose_output(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, "Save the bundle as", self.output.text(), "PDF files (*.pdf)")
        return Path(name) if name else None

    def _choose_identity(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a signing identity", str(self.session.path.parent),
                                              "Signing identities (*.p12 *.pfx)")
        return Path(name) if name else None

    def _create_identity(self) -> Path | None:
        dialog = IdentityDialog(self.session.path.parent, self)
        return dialog.created if dialog.exec() else None

    def _confirm_missing(self, count: int) -> bool:
        answer = QMessageBox.question(
            self, "Export with items missing?",
            f"CBP would still find {counted(count, 'item')} missing. Export the bundle anyway? Its evidence"
            " response lists each, with your explanation.")
        return answer == QMessageBox.StandardButton.Yes

    def _ask_password(self, path: Path, wrong: bool) -> str | None:
        question = f"Password of {path.name} (used once to sign, not kept):"
        if wrong:
            question = (f"The password you entered does not open {path.name}. Passwords are case-sensitive;"
                        " check Caps Lock and try again, or Cancel.\n\n" + question)
        password, ok = QInputDialog.getText(self, "Signing identity password", as_plain(question),
                                            QLineEdit.EchoMode.Password)
        return password if ok and password else None


def _portal_lines(outcome: ExportOutcome) -> list[str]:
    """What the export says of the portal's files: where, in what order, at what size."""
    portal = outcome.portal
    if portal is None:
        return []
    lines = [f"The portal's files, in {html.escape(str(portal.folder))}, to upload in this order"
             f" ({portal.order_file.name} lists what each holds):"]
    lines += [f"&nbsp;&nbsp;{item.position}. {html.escape(item.path.name)}: {size_text(item.size)}"
              for item in portal.files]
    lines.append(html.escape(portal.size_note) if portal.limit_known else f"! {html.escape(portal.size_note)}")
    if portal.result is not None:
        lines += [f"! {html.escape(w)}" for w in portal.result.warnings if w not in outcome.result.warnings]
    lines += [f"! {html.escape(stale.name)} in that folder is not part of this upload; delete it before uploading."
              for stale in portal.stale]
    return lines


def _row(*widgets: QWidget, stretch: bool = False) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for position, widget in enumerate(widgets):
        layout.addWidget(widget, 0 if stretch or position else 1)
    if stretch:
        layout.addStretch(1)
    return row

