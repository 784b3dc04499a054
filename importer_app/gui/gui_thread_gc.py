"""Python's cycle collector, run on the GUI thread only while the window is open.

CPython collects in whichever thread happens to allocate when a generation's count passes its
threshold. On the export's worker thread that can free a cycle holding Qt objects of the GUI
thread, and Qt crashes (a segmentation fault seen in the test suite, inside the bundle's table
layout). So automatic collection is switched off and a timer on the GUI thread collects each
generation when its count passes the threshold CPython would have used.
"""

from __future__ import annotations

import gc
from typing import Final

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS: Final = 250
"""How often the counts are looked at: garbage piles up for at most this long."""


class GuiThreadCollector(QObject):
    """Collects garbage cycles on the thread it was made on (the GUI thread) until ``stop``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(INTERVAL_MS)

    def collect_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold; the number of
        objects found unreachable (0 when none was due)."""
        due = [generation for generation, (count, threshold) in enumerate(zip(gc.get_count(), self._thresholds))
               if threshold and count > threshold]
        return gc.collect(max(due)) if due else 0

    def stop(self) -> None:
        """Give collection back to CPython as it was."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
