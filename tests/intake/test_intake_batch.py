"""A batch of files: worker processes, time and memory limits, crashes, cancelling, progress.

A named pipe (FIFO) stands for a file that never finishes: the worker reading it blocks until
the test decides. Opening the FIFO for writing without blocking fails until a reader has it
open, which tells the test, without sleeping on a guess, that the worker is on that file.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import signal
import struct
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from importer_app.core.progress import CancelToken
from importer_app.intake import batch
from importer_app.intake import IntakeItem, ProcessedFile, Refusal, process_files

from builders import make_image, make_pdf

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes and RLIMIT_AS are POSIX")


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A named pipe; a reader blocks on it until the test releases it."""
    path = tmp_path / "never-ending.pdf"
    os.mkfifo(path)
    yield path


def wait_for_reader(path: Path, timeout: float = 30.0) -> int:
    """Block until a worker has opened ``path`` for reading; returns the writer's descriptor."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:
            if error.errno != errno.ENXIO or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def run(items: list[IntakeItem], **options: object) -> dict[int, ProcessedFile | Refusal]:
    return dict(process_files(items, **options))  # type: ignore[arg-type]


def test_a_batch_yields_every_file_once_with_its_index_and_reports_progress(tmp_path: Path) -> None:
    on_disk = tmp_path / "po.pdf"
    on_disk.write_bytes(make_pdf(["PURCHASE ORDER PO-1001"]))
    items = [
        IntakeItem(path=on_disk),
        IntakeItem(name="photo.png", data=make_image("PNG")),
        IntakeItem(name="empty.pdf", data=b""),
        IntakeItem(path=tmp_path / "gone.pdf"),
    ]
    calls: list[tuple[int, int, str]] = []
    outcomes = run(items, progress=lambda done, total, name: calls.append((done, total, name)),
                   type_keywords={"purchase_order": ["purchase order"]})
    assert sorted(outcomes) == [0, 1, 2, 3]
    first = outcomes[0]
    assert isinstance(first, ProcessedFile) and first.name == "po.pdf"
    assert first.suggestions.document_types[0].type_id == "purchase_order"
    assert isinstance(outcomes[1], ProcessedFile) and outcomes[1].rendition_reason == "converted from PNG"
    assert isinstance(outcomes[2], Refusal) and outcomes[2].code == "empty"
    assert isinstance(outcomes[3], Refusal) and outcomes[3].code == "unreadable"
    assert [done for done, _, _ in calls] == [1, 2, 3, 4]
    assert {total for _, total, _ in calls} == {4}
    assert sorted(name for _, _, name in calls) == ["empty.pdf", "gone.pdf", "photo.png", "po.pdf"]
    assert multiprocessing.active_children() == []


@posix_only
def test_a_file_past_the_time_limit_is_refused_and_the_batch_goes_on(fifo: Path) -> None:
    items = [IntakeItem(path=fifo), IntakeItem(name="next.pdf", data=make_pdf(["fine"]))]
    started = time.monotonic()
    outcomes = run(items, time_limit_s=1.5, workers=1)
    assert isinstance(outcomes[0], Refusal) and outcomes[0].code == "timeout"
    assert "took longer than 1.5 seconds" in outcomes[0].reason
    assert isinstance(outcomes[1], ProcessedFile)
    assert time.monotonic() - started < 15
    assert multiprocessing.active_children() == []


def test_a_tiny_time_limit_stops_a_large_file() -> None:
    big = make_pdf([f"page {n}\n" + "quantity 100 kg " * 20 for n in range(400)])
    (outcome,) = run([IntakeItem(name="book.pdf", data=big)], time_limit_s=0.01, workers=1).values()
    assert isinstance(outcome, Refusal) and outcome.code == "timeout"


@posix_only
def test_a_worker_that_dies_takes_only_its_file_with_it(fifo: Path) -> None:
    items = [IntakeItem(path=fifo), IntakeItem(name="after.pdf", data=make_pdf(["still here"]))]

    def kill_the_worker_on_the_pipe() -> None:
        writer = wait_for_reader(fifo)
        for child in multiprocessing.active_children():
            os.kill(child.pid, signal.SIGKILL)  # as the OS's out-of-memory killer would
        os.close(writer)

    killer = threading.Thread(target=kill_the_worker_on_the_pipe)
    killer.start()
    outcomes = run(items, workers=1)
    killer.join()
    assert isinstance(outcomes[0], Refusal) and outcomes[0].code == "crashed"
    assert "nothing was stored" in outcomes[0].reason
    assert isinstance(outcomes[1], ProcessedFile) and "still here" in outcomes[1].text


@posix_only
def test_a_worker_that_dies_just_after_it_was_polled_still_reports_its_file(
    fifo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The death lands between the pool's look at the worker and its replacement."""
    polled = batch._Pool._poll
    killed: list[int] = []

    def poll_then_die(pool: object, worker: batch._Worker, *args: object) -> object:
        outcome = polled(pool, worker, *args)  # type: ignore[arg-type]
        if outcome is None and worker.job == 0 and not killed:
            writer = wait_for_reader(fifo)
            os.kill(worker.process.pid, signal.SIGKILL)
            worker.process.join(5)
            os.close(writer)
            killed.append(worker.job)
        return outcome

    monkeypatch.setattr(batch._Pool, "_poll", poll_then_die)
    items = [IntakeItem(path=fifo), IntakeItem(name="after.pdf", data=make_pdf(["still here"]))]
    outcomes = run(items, workers=1)
    assert killed == [0]
    assert isinstance(outcomes[0], Refusal) and outcomes[0].code == "crashed"
    assert isinstance(outcomes[1], ProcessedFile)


@posix_only
def test_cancel_stops_new_files_kills_running_ones_and_yields_nothing_partial(fifo: Path) -> None:
    cancel = CancelToken()
    items = [IntakeItem(name="done.pdf", data=make_pdf(["first"])), IntakeItem(path=fifo)]
    items += [IntakeItem(name=f"later-{n}.pdf", data=make_pdf(["later"])) for n in range(5)]

    def cancel_once_the_pipe_is_being_read() -> None:
        writer = wait_for_reader(fifo)
        cancel.cancel()
        os.close(writer)

    canceller = threading.Thread(target=cancel_once_the_pipe_is_being_read)
    canceller.start()
    started = time.monotonic()
    yielded = []
    for index, outcome in process_files(items, cancel=cancel, workers=1):
        yielded.append(index)
        assert isinstance(outcome, ProcessedFile)
    canceller.join()
    assert yielded == [0]
    assert time.monotonic() - started < 15
    assert multiprocessing.active_children() == []


@posix_only
def test_a_file_needing_more_memory_than_the_limit_is_refused_as_too_large(tmp_path: Path) -> None:
    sparse = tmp_path / "huge.pdf"
    with sparse.open("wb") as stream:
        stream.truncate(200 * 1024 * 1024)  # 200 MB of nothing, costing no disk
    items = [IntakeItem(path=sparse), IntakeItem(name="rgba.png", data=_rgba_png(8000, 8000))]
    outcomes = run(items, memory_limit_mb=300, workers=2)
    assert isinstance(outcomes[0], Refusal) and outcomes[0].code == "too-large"
    assert "memory limit (300 MB)" in outcomes[0].reason
    # 8000 x 8000 RGBA is under Pillow's pixel limit but decodes to 256 MB.
    assert isinstance(outcomes[1], Refusal) and outcomes[1].code == "too-large"


def test_an_empty_batch_starts_no_worker_and_zero_workers_is_an_error() -> None:
    assert run([]) == {}
    with pytest.raises(ValueError):
        run([IntakeItem(name="a.pdf", data=b"x")], workers=0)


def _rgba_png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\x80\x40\x20\xff" * width
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


@posix_only
def test_workers_run_below_the_parents_priority_so_the_window_gets_a_processor(monkeypatch: pytest.MonkeyPatch) -> None:
    polled = batch._Pool._poll
    seen: list[int] = []

    def poll_and_look(pool: object, worker: batch._Worker, *args: object) -> object:
        if worker.process.pid is not None and worker.process.is_alive():
            seen.append(os.getpriority(os.PRIO_PROCESS, worker.process.pid))
        return polled(pool, worker, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(batch._Pool, "_poll", poll_and_look)
    run([IntakeItem(name="a.pdf", data=make_pdf(["a"]))], workers=1)
    parent = os.getpriority(os.PRIO_PROCESS, 0)
    # The first look may come before the new worker has lowered itself.
    assert seen and seen[-1] == min(parent + batch.WORKER_NICENESS, 19), seen
