"""Undo and redo keys that reach the case's undo stack from inside a text field.

Qt gives a focused line edit first claim on Ctrl+Z (its own, per-field undo). After an edit is
saved and the user moves on with Tab, the next field has nothing to undo, yet it still swallows
the key, and the case's edit is never undone. This filter lets a field keep the keys only while
it has something of its own to undo or redo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit

REDO_KEYS = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))
"""Both spellings of redo, whatever the platform's standard one is."""


def _field_can(widget: QObject, redo: bool) -> bool:
    if isinstance(widget, QAbstractSpinBox):
        widget = widget.findChild(QLineEdit)
    if isinstance(widget, QLineEdit):
        return widget.isRedoAvailable() if redo else widget.isUndoAvailable()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        document = widget.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    return False


class CaseUndoKeys(QObject):
    """An application event filter; install it once with ``app.installEventFilter``."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo) or any(
                QKeySequence(event.keyCombination()) == key for key in REDO_KEYS)
            if (undo or redo) and not _field_can(watched, redo=redo):
                # Not accepted as an override: the window's Undo or Redo action gets the key.
                event.ignore()
                return True
        return False
