"""Dialogs whose OK first asks what is wrong with the fields and says it under them instead of
closing, sized to their content but never past a small screen."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from importer_app.gui.fields import problem_label, show_problem


def fit_to_screen(dialog: QWidget, width: int, height: int | None = None) -> None:
    """Resize to ``width`` x ``height`` (or the content's height) within the available screen."""
    screen = dialog.screen().availableGeometry() if dialog.screen() else None
    wanted = height if height is not None else dialog.sizeHint().height()
    if screen is None:
        dialog.resize(width, wanted)
        return
    dialog.resize(min(width, screen.width() - 40), min(wanted, screen.height() - 60) if height is not None else wanted)


class CheckedDialog(QDialog):
    """Subclasses put ``problem`` and ``buttons`` in their layout and say in ``check`` what stops OK."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.problem = problem_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.on_accepted)
        self.buttons.rejected.connect(self.reject)

    def check(self) -> str:
        """The sentence saying what to correct, or "" when the fields can be accepted."""
        raise NotImplementedError

    def on_accepted(self) -> None:
        problem = self.check()
        show_problem(self.problem, problem)
        if not problem:
            self.accept()
