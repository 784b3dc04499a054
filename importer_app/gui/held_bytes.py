"""Bytes an undo step may need again, held outside memory once they are large.

Removing a document keeps its original and rendition so that undo can store them again. A case
holds files of hundreds of megabytes; keeping each removed one in memory for as long as the undo
stack lives would grow the window's memory with every removal, so large ones wait in a temporary
file (unnamed on disk where the system allows, so nothing is left behind even after a crash) that
goes with the undo step.
"""

from __future__ import annotations

import tempfile
import weakref

IN_MEMORY_UP_TO = 4 * 1024 * 1024


class HeldBytes:
    def __init__(self, data: bytes) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY_UP_TO, prefix="importer-app-undo-")
        self._file.write(data)
        # The undo stack drops its steps without telling them: close the file when this goes.
        weakref.finalize(self, self._file.close)

    def read(self) -> bytes:
        self._file.seek(0)
        return self._file.read()
