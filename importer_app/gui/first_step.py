"""A one-line banner on a page that has nothing yet: what to do first, and the button for it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class FirstStep(QFrame):
    """Shown while a page is empty; ``show_step`` names what to do and which action does it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStep")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#firstStep { background: #e8f1fb; }")
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.button = QPushButton()
        self.button.clicked.connect(self._on_clicked)
        self._action: Callable[[], object] | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.hide()

    def show_step(self, sentence: str, button: str, action: Callable[[], object]) -> None:
        self.label.setText(sentence)
        self.button.setText(button)
        self._action = action
        self.show()

    def _on_clicked(self) -> None:
        if self._action is not None:
            self._action()
