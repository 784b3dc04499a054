"""While the window is open, garbage cycles are collected on the GUI thread only, never on a
worker thread that happens to allocate (where freeing Qt objects crashes)."""

from __future__ import annotations

import gc
import threading

from importer_app.gui.gui_thread_gc import GuiThreadCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_cycles_made_on_a_worker_are_collected_on_the_gui_thread(qtbot) -> None:
    threads: list[str] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            threads.append(threading.current_thread().name)

    collector = GuiThreadCollector()
    gc.callbacks.append(record)
    try:
        worker = threading.Thread(target=lambda: [_Cycle() for _ in range(50_000)], name="export-worker")
        worker.start()
        worker.join()
        assert threads == [], "nothing collected on the worker"
        assert gc.get_count()[0] > gc.get_threshold()[0]
        qtbot.waitUntil(lambda: bool(threads), timeout=2_000)
        assert set(threads) == {threading.main_thread().name}
    finally:
        gc.callbacks.remove(record)
        collector.stop()
    assert gc.isenabled()


def test_stopping_leaves_collection_as_it_was(qtbot) -> None:
    gc.disable()
    try:
        GuiThreadCollector().stop()
        assert not gc.isenabled()
    finally:
        gc.enable()
