"""Create a self-signed signing identity: the ``importer-app keygen`` flow in a small dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from importer_app.bundle.identity import create_identity, save_identity
from importer_app.core.errors import AppError

EXPLANATION = (
    "A self-signed identity proves that the bundle has not changed since it was signed with this"
    " key; it does not prove who holds the key. Send the certificate's fingerprint to CBP by"
    " another channel so they can check it is yours."
)


class IdentityDialog(QDialog):
    """Asks for the signer, a password typed twice and where to keep the file; creates it on OK."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Create a signing identity")
        self.created: Path | None = None
        self.name = QLineEdit()
        self.organisation = QLineEdit()
        self.email = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.path = QLineEdit(str(folder / "signing-identity.p12"))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self.on_browse_clicked)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        explanation = QLabel(EXPLANATION)
        explanation.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(explanation)
        form.addRow("Signer's name", self.name)
        form.addRow("Organisation", self.organisation)
        form.addRow("E-mail (optional)", self.email)
        form.addRow("Password", self.password)
        form.addRow("Password again", self.repeat)
        form.addRow("Keep it in", where)
        form.addRow(self.problem)
        form.addRow(buttons)
        self.setMinimumWidth(520)

    def on_browse_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Keep the signing identity in", self.path.text(),
                                              "Signing identities (*.p12)")
        if name:
            self.path.setText(name)

    def accept(self) -> None:
        """Create and save the identity; stay open with a sentence when that is refused."""
        if self.password.text() != self.repeat.text():
            self.problem.setText("The two passwords differ; type the same password twice.")
            return
        text = self.path.text().strip()
        if not text:
            self.problem.setText("Choose where to keep the signing identity.")
            return
        path = Path(text).with_suffix(".p12")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            identity = create_identity(self.name.text(), self.organisation.text(), self.email.text().strip() or None,
                                       password=self.password.text().encode())
            save_identity(identity, path, cert_path=path.with_suffix(".pem"))
        except AppError as error:
            self.problem.setText(str(error))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.password.clear()
        self.repeat.clear()
        self.created = path
        super().accept()
