"""What an undo step holds comes back byte for byte, small or past the in-memory size."""

from __future__ import annotations

import gc
import os

from importer_app.gui.held_bytes import IN_MEMORY_UP_TO, HeldBytes


def test_small_and_large_payloads_come_back_unchanged_and_can_be_read_twice() -> None:
    for size in (0, 1000, IN_MEMORY_UP_TO + 1):
        data = os.urandom(size)
        held = HeldBytes(data)
        assert held.read() == data
        assert held.read() == data


def test_a_dropped_holder_closes_its_file_without_a_warning(recwarn) -> None:  # type: ignore[no-untyped-def]
    HeldBytes(os.urandom(IN_MEMORY_UP_TO + 1))
    gc.collect()
    assert not [w for w in recwarn if issubclass(w.category, ResourceWarning)]
