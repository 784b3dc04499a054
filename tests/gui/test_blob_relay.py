"""The export's worker reads stored files through the GUI thread, one at a time."""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path

import pytest

from importer_app.core.errors import BundleCancelled, CaseFileError
from importer_app.gui.blob_relay import BlobRelay
from importer_app.store.casefile import CaseFile


def _in_thread(call):  # type: ignore[no-untyped-def]
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except Exception as error:  # the test inspects whatever the worker would have seen
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def test_a_worker_gets_each_file_read_on_the_gui_thread(qtbot, demo_case: Path) -> None:  # type: ignore[no-untyped-def]
    with CaseFile.open(demo_case) as casefile:
        document = casefile.load().documents[0]
        relay = BlobRelay(casefile)
        served_on: list[int] = []
        original = casefile.read_blob
        casefile.read_blob = lambda sha: served_on.append(threading.get_ident()) or original(sha)  # type: ignore[method-assign]
        thread, outcome = _in_thread(lambda: relay.read_blob(document.sha256))
        qtbot.waitUntil(lambda: not thread.is_alive(), timeout=5_000)
    assert hashlib.sha256(outcome["value"]).hexdigest() == document.sha256  # type: ignore[arg-type]
    assert served_on == [threading.main_thread().ident]


def test_a_missing_file_reaches_the_worker_as_the_stores_error(qtbot, demo_case: Path) -> None:  # type: ignore[no-untyped-def]
    with CaseFile.open(demo_case) as casefile:
        relay = BlobRelay(casefile)
        thread, outcome = _in_thread(lambda: relay.read_blob("0" * 64))
        qtbot.waitUntil(lambda: not thread.is_alive(), timeout=5_000)
    assert isinstance(outcome["error"], CaseFileError)


def test_a_cancelled_job_stops_waiting_for_a_busy_gui_thread(demo_case: Path) -> None:
    with CaseFile.open(demo_case) as casefile:
        relay = BlobRelay(casefile)
        sha256 = casefile.load().documents[0].sha256
        thread, outcome = _in_thread(lambda: relay.read_blob(sha256))
        relay.cancel.cancel()
        started = time.monotonic()
        thread.join(timeout=5)  # the GUI thread is blocked here and never serves the read
    assert not thread.is_alive() and time.monotonic() - started < 2
    assert isinstance(outcome["error"], BundleCancelled)
    with pytest.raises(KeyError):
        outcome["value"]
