"""Progress reporting and cancelling for long jobs (intake, export, signing).

A long job takes a ``progress`` callback and a :class:`CancelToken` in its headless form; the
window runs it on a worker thread, wires ``progress`` to a signal and cancels from the GUI
thread. Both are plain Python so every job runs and is tested without Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeAlias

Progress: TypeAlias = Callable[[int, int, str], None]
"""``progress(done, total, what)``: ``done`` of ``total`` steps finished, ``what`` the last one."""


class CancelToken:
    """A flag one thread raises and a running job checks; it cannot be lowered again."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the job to stop as soon as it safely can."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` has been called."""
        return self._event.is_set()

    def wait(self, timeout: float) -> bool:
        """Sleep up to ``timeout`` seconds, waking at once when cancelled; True if cancelled."""
        return self._event.wait(timeout)
