#!/usr/bin/env python3
"""Crash harness: SIGKILL ``importer-app add`` and ``importer-app bundle`` at random
moments and check what each kill leaves behind.

Run: .venv/bin/python bench/crash_harness.py [--kills 50] [--seed N] [--files 40] [--images 6]
     [--only intake|bundle] [--resume-every 5] [--no-targeted] [--workdir DIR] [--keep]

It runs ``importer-app`` of the same environment (``$IMPORTER_APP_CMD`` overrides) and checks the
case in-process with importer_app's own CaseFile. While others edit the working tree, test a
copy that stays put: copy importer_app/, forms/ and resources/ to COPY, link
COPY/importer_app/forms -> ../forms and COPY/importer_app/resources -> ../resources, and run with
``PYTHONPATH=COPY``. A run stops (CodeChanged) when the code under test changes under it.

Set-up (timed): the demo case (``importer-app demo``), a signing identity (``importer-app
keygen``), a folder of generated PDFs and images, and one uninterrupted run of each job, which
gives the upper bound of the random kill delays and the reference results. Then, per kill, a
fresh copy of the demo case, the job started, SIGKILL after a delay drawn uniformly between 0
and the uninterrupted duration, and these checks:

- the case opens again at once for editing (not left locked), and while it is open a second
  opener is refused (the lock is SQLite's exclusive lock: it dies with the process);
- ``PRAGMA integrity_check`` and ``foreign_key_check``, and the full-text index's own check;
- every document's original and rendition blob exists and hashes (SHA-256) to its key, every
  stored blob does, and no blob is left that no document uses;
- the audit log: the entries before the job are untouched (append-only); the documents are
  exactly those the log accounts for ("import case description" counts the imported ones,
  "add document" names each added one with its hash, "remove document" takes one away); the
  bundle job appends at most "export bundle" then "sign bundle", in that order;
- intake: no document is lost, each new document is one of the source files byte for byte,
  none is stored twice, and (every ``--resume-every`` kills) adding the folder again completes
  the case exactly as an uninterrupted run does;
- bundle: the target holds nothing or a complete bundle: byte-identical to the uninterrupted
  unsigned build, or, for a signed export, a file ``importer-app verify`` accepts (exit 0) that
  starts with those bytes; no file a user could take for the bundle is left beside it (leftover
  temporary files must be hidden and never have the target's or a volume's name);
- no process of the job outlives the kill by more than a few seconds (intake workers).

After the random kills, 7 targeted ones (``--no-targeted`` skips them) wait for the moments a
uniform delay rarely hits: intake once the case's -wal passes 0, 1 and 3 MB (documents being
committed); export, signed and unsigned, once the hidden temporary file appears beside the
target and once the target itself appears.

Expected after a SIGKILL and only reported: hidden temporary files beside the target, a
``-wal`` file beside the case until it is opened again, files in the job's ``TMPDIR``, a
``-shm`` file left beside the case by reopening it, and what a copy of the ``.tcase`` alone,
taken right after the kill, would hold (work committed only to the -wal is missing from it).

One line per kill, then a summary; the exit status is 1 when any kill broke an invariant.
``tests/stress/test_crash_kills.py`` loads this file by path and runs a few kills of each kind.
Linux only (``/proc``, SIGKILL).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import hashlib
import importlib.util
import io
import os
import random
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from importer_app.core.errors import AppError, CaseFileLockedError
from importer_app.store.casefile import AuditEntry, CaseFile

PASSWORD = "crash-harness-password"
CASE_NAME = "case.tcase"
BUNDLE_NAME = "bundle.pdf"
ORPHAN_GRACE_S = 10.0
"""How long processes of a killed job may live on (an intake worker finishes its file first)."""
CONTENT_SEED = 2026
PDF_PAGES = (4, 8)
"""The generated files are the same whatever ``--seed`` says: only the kill moments vary."""

# Failure kinds: a test may single out a known one.
UNSIGNED_AT_TARGET = "unsigned-at-target"

Log = Callable[[str], None]


# --- results --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Failure:
    kind: str
    message: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.message}"


@dataclasses.dataclass
class KillResult:
    """What one kill did and what it left behind."""

    scenario: str
    number: int
    variant: str
    delay_s: float
    budget_s: float
    exited_before_kill: bool
    state: str
    """What the job had done by the kill, as seen on disk (e.g. ``21/46 files stored``)."""
    phase: str = ""
    """The class of that state, for the summary (``part-way``, ``temp file only``, ...)."""
    moment: str = ""
    """For a targeted kill, the moment it waited for (else the kill is at a random delay)."""
    failures: list[Failure] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)
    leftovers: list[str] = dataclasses.field(default_factory=list)
    """Names of temporary files left beside the target or in the job's TMPDIR."""
    leftover_bytes: int = 0
    orphans: int = 0
    """Processes of the job alive at the kill (intake workers), left to end by themselves."""
    orphans_s: float = 0.0
    """How long they took to end."""
    reopen_s: float = 0.0
    check_s: float = 0.0

    @property
    def landed(self) -> str:
        return "after completion" if self.exited_before_kill else "mid-work"

    @property
    def ok(self) -> bool:
        return not self.failures

    def line(self) -> str:
        variant = f" {self.variant}" if self.variant else ""
        verdict = "ok" if self.ok else "FAILED: " + "; ".join(map(str, self.failures))
        left = f"; left: {', '.join(self.leftovers)}" if self.leftovers else ""
        notes = f"; notes: {'; '.join(self.notes)}" if self.notes else ""
        when = (f"kill at {self.delay_s:.2f} s {self.moment} (uninterrupted {self.budget_s:.2f} s)" if self.moment
                else f"kill at {self.delay_s:.2f} s of {self.budget_s:.2f} s")
        return (f"{self.scenario}{variant} #{self.number:02d}: {when}, {self.landed}, {self.state};"
                f" reopened in {self.reopen_s * 1000:.0f} ms; {verdict}{left}{notes}")


@dataclasses.dataclass(frozen=True)
class CaseState:
    """What a case holds, as far as these checks care."""

    documents: dict[str, tuple[str, str]]
    """path -> (sha256, rendition sha256 or "")."""
    audit: tuple[AuditEntry, ...]
    orphan_blobs: int


@dataclasses.dataclass
class Fixture:
    """Everything prepared once: the pristine case, the files, the references, the timings."""

    root: Path
    app: list[str]
    env: dict[str, str]
    case: Path
    baseline: CaseState
    folder: Path
    source_hashes: dict[str, str]
    """sha256 -> file name, of every file in the intake folder."""
    intake_expected: dict[str, tuple[str, str]]
    """The documents an uninterrupted intake adds."""
    intake_s: float
    identity: Path
    password_file: Path
    fingerprint: str
    bundle_date: str
    reference_bundle: Path
    reference_pages: int | None
    bundle_s: dict[str, float]
    """Uninterrupted duration, by variant (``signed``, ``unsigned``)."""
    setup_s: float
    code: str
    """Fingerprint of the code under test at set-up (see :func:`code_fingerprint`)."""


# --- the code under test -------------------------------------------------------------------


def code_fingerprint() -> str:
    """Names, sizes and modification times of every file of importer_app (with its catalog and
    resources, wherever they are installed from).

    The byte-for-byte comparisons with the uninterrupted bundle are void if the code changes
    during a run (someone editing the working tree): each kill checks this first.
    """
    digest = hashlib.sha256()
    for package in ("importer_app", "importer_app.forms", "importer_app.resources"):
        spec = importlib.util.find_spec(package)
        for location in (spec.submodule_search_locations or []) if spec else []:
            for path in sorted(Path(location).rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    stat = path.stat()
                    digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


class CodeChanged(RuntimeError):
    """The code under test changed since set-up."""


def _guard(fixture: Fixture) -> None:
    if code_fingerprint() != fixture.code:
        raise CodeChanged("importer_app's files changed since the set-up of this run (is someone editing the"
                          " working tree?): the comparisons with the uninterrupted runs are void. Run against a"
                          " copy that does not change (PYTHONPATH=COPY, see the module docstring).")


# --- processes ------------------------------------------------------------------------------


def app_command() -> list[str]:
    """``importer-app`` of this Python's environment (or ``$IMPORTER_APP_CMD``, split on spaces)."""
    override = os.environ.get("IMPORTER_APP_CMD")
    if override:
        return override.split()
    beside = Path(sys.executable).parent / "importer-app"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("importer-app")
    if found:
        return [found]
    return [sys.executable, "-m", "importer_app"]


def _run(fixture_env: dict[str, str], command: Sequence[str], cwd: Path, what: str,
         ok: Iterable[int] = (0,)) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    result = subprocess.run(list(command), cwd=cwd, env=fixture_env, capture_output=True, text=True,
                            timeout=600, stdin=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode not in tuple(ok):
        raise RuntimeError(f"{what} failed (exit {result.returncode}): {' '.join(command)}\n"
                           f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return elapsed, result


def _proc_stat(pid: int) -> tuple[int, str, str] | None:
    """(parent pid, state, start time) of a live process, or None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[1]), fields[0], fields[19]


def descendants(pid: int) -> list[tuple[int, str]]:
    """Every process below ``pid`` as (pid, start time): workers, and what they started."""
    children: dict[int, list[tuple[int, str]]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _proc_stat(int(entry))
            if stat is not None:
                children.setdefault(stat[0], []).append((int(entry), stat[2]))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), ()):
            found.append(child)
            queue.append(child[0])
    return found


def _alive(process: tuple[int, str]) -> bool:
    stat = _proc_stat(process[0])
    return stat is not None and stat[2] == process[1] and stat[1] not in ("Z", "X")


def start_and_kill(command: Sequence[str], env: dict[str, str], cwd: Path, log_path: Path, *,
                   delay_s: float | None = None, until: Callable[[], bool] | None = None,
                   poll_s: float = 0.002) -> tuple[bool, list[tuple[int, str]]]:
    """Start ``command`` and SIGKILL it after ``delay_s``, or as soon as ``until()`` holds.

    Returns:
        Whether it had exited by itself first, and the processes it had started (alive at the kill).
    """
    with log_path.open("wb") as log:
        started = time.monotonic()
        process = subprocess.Popen(list(command), cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
        deadline = None if delay_s is None else started + delay_s
        try:
            while process.poll() is None:
                if until is not None and until():
                    break
                if deadline is None:
                    time.sleep(poll_s)
                    continue
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=min(remaining, 0.05))
            exited = process.poll() is not None
            spawned = [] if exited else descendants(process.pid)
            if not exited:
                process.send_signal(signal.SIGKILL)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
    return exited, spawned


def outlived(processes: Sequence[tuple[int, str]], grace_s: float = ORPHAN_GRACE_S) -> tuple[list[int], float]:
    """The processes still running ``grace_s`` after the kill (they are then killed, by pid),
    and how long the others took to end."""
    started = time.monotonic()
    deadline = started + grace_s
    while any(_alive(p) for p in processes) and time.monotonic() < deadline:
        time.sleep(0.01)
    waited = time.monotonic() - started
    left = [p for p in processes if _alive(p)]
    for pid, _start in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return [pid for pid, _start in left], waited


# --- files ----------------------------------------------------------------------------------


def generate_folder(folder: Path, pdfs: int, images: int) -> dict[str, str]:
    """Invoice-like PDFs (4-8 pages) and scan-like images (PNG, JPEG, 1700 x 2200 px).

    Returns:
        sha256 -> file name.
    """
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    folder.mkdir(parents=True)
    for number in range(pdfs):
        rng = random.Random(CONTENT_SEED * 1000 + number)
        out = io.BytesIO()
        drawing = canvas.Canvas(out, pagesize=letter, invariant=True)
        for page in range(PDF_PAGES[0] + number % (PDF_PAGES[1] - PDF_PAGES[0] + 1)):
            drawing.setFont("Helvetica-Bold", 14)
            drawing.drawString(72, 740, f"COMMERCIAL INVOICE No. INV-{number:05d}   page {page + 1}")
            drawing.setFont("Helvetica", 9)
            for line in range(35):
                drawing.drawString(72, 710 - 16 * line,
                                   f"{line + 1:3d}  Cotton yarn Ne 30/1 lot {rng.randint(1000, 9999)}  "
                                   f"{rng.randint(1, 999):,} kg  PO-{rng.randint(1000, 9999)}  "
                                   f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
            drawing.showPage()
        drawing.save()
        (folder / f"invoice-{number:03d}.pdf").write_bytes(out.getvalue())
    for number in range(images):
        rng = random.Random(CONTENT_SEED * 1000 + 500 + number)
        image = Image.new("RGB", (1700, 2200), (250, 248, 240))  # a letter page scanned at 200 dpi
        draw = ImageDraw.Draw(image)
        for line in range(60):
            draw.rectangle((120, 150 + 33 * line, 120 + rng.randint(300, 1450), 166 + 33 * line),
                           fill=(rng.randint(0, 90),) * 3)
        for _speck in range(3000):
            x, y = rng.randrange(1700), rng.randrange(2200)
            draw.point((x, y), fill=(rng.randint(120, 250),) * 3)
        name = f"scan-{number:02d}.{'png' if number % 2 else 'jpg'}"
        image.save(folder / name, "PNG" if number % 2 else "JPEG", quality=85)
    return {hashlib.sha256(path.read_bytes()).hexdigest(): path.name for path in sorted(folder.iterdir())}


# --- reading and checking a case ------------------------------------------------------------


def read_state(casefile: CaseFile) -> CaseState:
    db = casefile.db
    documents = {path: (sha, rendition or "") for path, sha, rendition in
                 db.execute("SELECT path, sha256, rendition_sha256 FROM documents ORDER BY id").fetchall()}
    orphans = db.execute("SELECT count(*) FROM blobs WHERE NOT EXISTS (SELECT 1 FROM documents"
                         " WHERE sha256 = blobs.sha256 OR rendition_sha256 = blobs.sha256)").fetchone()[0]
    return CaseState(documents, tuple(casefile.audit_log()), int(orphans))


def case_state(path: Path) -> CaseState:
    with CaseFile.open(path, readonly=True) as casefile:
        return read_state(casefile)


def check_store(casefile: CaseFile) -> list[Failure]:
    """SQLite's checks, and every document's bytes against their hashes."""
    failures = []
    db = casefile.db
    integrity = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    if integrity != ["ok"]:
        failures.append(Failure("integrity", f"PRAGMA integrity_check: {'; '.join(integrity[:5])}"))
    foreign = db.execute("PRAGMA foreign_key_check").fetchall()
    if foreign:
        failures.append(Failure("integrity", f"PRAGMA foreign_key_check: {foreign[:5]}"))
    try:
        # FTS5's own check of its index against document_text; it writes nothing.
        db.execute("INSERT INTO document_text_fts (document_text_fts) VALUES ('integrity-check')")
    except sqlite3.DatabaseError as error:
        failures.append(Failure("integrity", f"full-text index: {error}"))
    finally:
        db.conn.rollback()
    stray_text = db.execute("SELECT count(*) FROM document_text WHERE document_id NOT IN"
                            " (SELECT id FROM documents)").fetchone()[0]
    if stray_text:
        failures.append(Failure("integrity", f"{stray_text} document_text row(s) for no document"))
    rows = db.execute("SELECT path, sha256, size, rendition_sha256 FROM documents").fetchall()
    for path, sha, size, rendition in rows:
        for key, role, expected_size in ((sha, "original", size), (rendition, "rendition", None)):
            if not key:
                continue
            blob = db.execute("SELECT size, data FROM blobs WHERE sha256 = ?", (key,)).fetchone()
            if blob is None:
                failures.append(Failure("blob", f"{path}: its {role} blob {key[:12]}... is missing"))
                continue
            data = bytes(blob[1])
            if hashlib.sha256(data).hexdigest() != key:
                failures.append(Failure("blob", f"{path}: its {role} blob does not hash to {key[:12]}..."))
            if blob[0] != len(data) or (expected_size is not None and expected_size != len(data)):
                failures.append(Failure("blob", f"{path}: its {role} blob has {len(data)} bytes, recorded"
                                                f" {blob[0]} (blobs) / {expected_size} (documents)"))
    damaged = casefile.damaged_blobs()
    if damaged:
        failures.append(Failure("blob", f"{len(damaged)} stored blob(s) do not match their hash: "
                                        + ", ".join(d[:12] for d in damaged[:5])))
    return failures


def check_audit_documents(state: CaseState) -> list[Failure]:
    """The documents are exactly those the audit log accounts for.

    What the log records (importer_app.store.casefile): "import case description" with the
    number of documents imported (not their paths); "add document" with object
    ``document:PATH`` and the sha256; "remove document" with ``document:PATH``. Each lands in
    the same transaction as its change.
    """
    failures = []
    imported = 0
    added: dict[str, str] = {}
    for entry in state.audit:
        if entry.action == "import case description":
            imported += int(entry.details.get("documents", 0))
        elif entry.action == "add document":
            path = entry.object.removeprefix("document:")
            if path in added:
                failures.append(Failure("audit", f"{path} added twice without a removal between (entry {entry.id})"))
            added[path] = str(entry.details.get("sha256", ""))
        elif entry.action == "remove document":
            path = entry.object.removeprefix("document:")
            if path in added:
                del added[path]
            else:
                imported -= 1
    present = state.documents
    for path, sha in added.items():
        if path not in present:
            failures.append(Failure("audit", f"the log says {path} was added, the case has no such document"))
        elif present[path][0] != sha:
            failures.append(Failure("audit", f"{path}: the log says sha256 {sha[:12]}..., the case holds"
                                             f" {present[path][0][:12]}..."))
    unlogged = len([p for p in present if p not in added])
    if unlogged != imported:
        failures.append(Failure("audit", f"{unlogged} document(s) not added one by one, but the log accounts for"
                                         f" {imported} imported"))
    return failures


def check_append_only(before: Sequence[AuditEntry], after: Sequence[AuditEntry]) -> list[Failure]:
    if tuple(after[:len(before)]) != tuple(before):
        return [Failure("audit", "entries written before the job were changed or removed")]
    ids = [entry.id for entry in after]
    if ids != sorted(set(ids)):
        return [Failure("audit", "entry ids are not increasing")]
    return []


def reopen_and_check(case: Path, baseline: CaseState, extra: Callable[[CaseFile, CaseState], list[Failure]]
                     ) -> tuple[CaseState | None, list[Failure], float]:
    """Open the killed job's case for editing, as the next session would, and check it.

    Returns:
        The case's state (None when it cannot be opened), the failures, the seconds to open it.
    """
    started = time.perf_counter()
    try:
        casefile = CaseFile.open(case)
    except CaseFileLockedError as error:
        return None, [Failure("locked", f"the case is still locked after the kill: {error}")], 0.0
    except AppError as error:
        return None, [Failure("unopenable", f"the case cannot be opened after the kill: {error}")], 0.0
    reopen_s = time.perf_counter() - started
    failures: list[Failure] = []
    with casefile:
        try:
            second = CaseFile.open(case)
        except CaseFileLockedError:
            pass  # as it should: the lock is held again, by this session
        except AppError as error:
            failures.append(Failure("locked", f"a second opener got an error that is not 'already open': {error}"))
        else:
            second.close()
            failures.append(Failure("locked", "a second opener could open the case for editing while it was open"))
        failures += check_store(casefile)
        state = read_state(casefile)
        failures += check_append_only(baseline.audit, state.audit)
        failures += check_audit_documents(state)
        if state.orphan_blobs > baseline.orphan_blobs:
            failures.append(Failure("blob", f"{state.orphan_blobs - baseline.orphan_blobs} stored blob(s) belong to"
                                            " no document"))
        failures += extra(casefile, state)
    return state, failures, reopen_s


def lone_file(case: Path, scratch: Path) -> tuple[int, int | None, str] | None:
    """What the .tcase alone holds while its -wal is still beside it, as if it were copied or
    mailed right after the crash (informational: the next session folds the -wal back in).

    Returns:
        None without a -wal; else the -wal's KB, the documents in the .tcase alone (None when
        it cannot be read), and its quick_check (or the error).
    """
    wal = Path(f"{case}-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        return None
    copy = scratch / "lone-copy.tcase"
    shutil.copyfile(case, copy)
    try:
        conn = sqlite3.connect(copy)
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        return wal.stat().st_size // 1024, None, str(error)
    finally:
        for leftover in scratch.glob("lone-copy.tcase*"):
            leftover.unlink()
    return wal.stat().st_size // 1024, int(documents), str(check)


def lone_note(lone: tuple[int, int | None, str] | None, state: CaseState | None) -> str:
    if lone is None or state is None:
        return ""
    kb, documents, check = lone
    if documents is None or check != "ok":
        return f"right after the kill, {CASE_NAME} alone (without its -wal) was unreadable or damaged ({check})"
    if documents == len(state.documents):
        return ""
    return (f"right after the kill, {CASE_NAME} alone held {documents} of the {len(state.documents)} documents;"
            f" the rest were only in its {kb} KB -wal")


def _listing(folder: Path, skip: Iterable[str] = ()) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in set(skip))


def _tmp_leftovers(tmp: Path) -> tuple[list[str], int]:
    found, size = [], 0
    for path in sorted(tmp.rglob("*")):
        if path.is_file():
            size += path.stat().st_size
        if path.parent == tmp:
            found.append(f"$TMPDIR/{path.name}" + ("/" if path.is_dir() else ""))
    return found, size


def _normalised(name: str) -> str:
    """A temporary name with its random part shown as ``*`` (for the summary)."""
    return re.sub(r"[A-Za-z0-9_]{8,}", lambda m: m.group() if m.group() in ("importer",) else "*", name)


# --- set-up ---------------------------------------------------------------------------------


def prepare(root: Path, *, pdfs: int = 40, images: int = 6, log: Log = print) -> Fixture:
    """The demo case, a signing identity, the intake folder and the uninterrupted references."""
    started = time.perf_counter()
    code = code_fingerprint()
    root.mkdir(parents=True, exist_ok=True)
    app = app_command()
    env = dict(os.environ, IMPORTER_APP_HOME=str(root / "home"))
    env.pop("IMPORTER_APP_CMD", None)
    setup = root / "setup"
    setup.mkdir()
    case = setup / CASE_NAME
    demo_s, _ = _run(env, [*app, "demo", str(case)], setup, "importer-app demo")
    baseline = case_state(case)
    password_file = setup / "password.txt"
    password_file.write_text(PASSWORD + "\n")
    identity = setup / "identity.p12"
    _, keygen = _run(env, [*app, "keygen", "-o", str(identity), "--name", "Crash Harness", "--org", "Crash Harness Inc.",
                           "--password-file", str(password_file)], setup, "importer-app keygen")
    fingerprint = next((line.split(":", 1)[1].strip() for line in keygen.stdout.splitlines()
                        if line.startswith("Certificate fingerprint")), "")
    folder = setup / "incoming"
    source_hashes = generate_folder(folder, pdfs, images)

    run_dir = setup / "intake-uninterrupted"
    run_dir.mkdir()
    shutil.copyfile(case, run_dir / CASE_NAME)
    intake_s, _ = _run(env, [*app, "add", str(run_dir / CASE_NAME), str(folder)], run_dir,
                       "the uninterrupted intake")
    after = case_state(run_dir / CASE_NAME)
    intake_expected = {p: v for p, v in after.documents.items() if p not in baseline.documents}
    if len(intake_expected) != len(source_hashes):
        raise RuntimeError(f"the uninterrupted intake stored {len(intake_expected)} of {len(source_hashes)} files")

    bundle_date = dt.date.today().isoformat()
    bundle_s: dict[str, float] = {}
    reference = setup / "reference-unsigned.pdf"
    reference_pages = None
    for variant in ("unsigned", "signed"):
        run_dir = setup / f"bundle-{variant}-uninterrupted"
        run_dir.mkdir()
        shutil.copyfile(case, run_dir / CASE_NAME)
        target = run_dir / BUNDLE_NAME
        bundle_s[variant], _ = _run(env, bundle_command(app, run_dir / CASE_NAME, target, bundle_date,
                                                        identity if variant == "signed" else None, password_file),
                                    run_dir, f"the uninterrupted {variant} bundle export")
        if variant == "unsigned":
            shutil.copyfile(target, reference)
            exports = [e for e in case_state(run_dir / CASE_NAME).audit if e.action == "export bundle"]
            reference_pages = int(exports[-1].details["pages"]) if exports else None
        else:
            _run(env, [*app, "verify", str(target)], run_dir, "verify of the uninterrupted signed bundle")
            if not target.read_bytes().startswith(reference.read_bytes()):
                raise RuntimeError("the signed bundle does not start with the unsigned one: the byte checks"
                                   " of this harness do not apply")
    setup_s = time.perf_counter() - started
    log(f"set-up {setup_s:.1f} s with {' '.join(app)}: demo case {demo_s:.1f} s ({len(baseline.documents)} documents);"
        f" uninterrupted intake of {len(source_hashes)} files ({pdfs} PDFs, {images} images) {intake_s:.2f} s;"
        f" bundle export {bundle_s['unsigned']:.2f} s unsigned, {bundle_s['signed']:.2f} s signed"
        f" ({reference.stat().st_size / 1e6:.1f} MB, {reference_pages} pages)")
    return Fixture(root=root, app=app, env=env, case=case, baseline=baseline, folder=folder,
                   source_hashes=source_hashes, intake_expected=intake_expected, intake_s=intake_s,
                   identity=identity, password_file=password_file, fingerprint=fingerprint, bundle_date=bundle_date,
                   reference_bundle=reference, reference_pages=reference_pages, bundle_s=bundle_s, setup_s=setup_s,
                   code=code)


def bundle_command(app: Sequence[str], case: Path, target: Path, date: str, identity: Path | None,
                   password_file: Path) -> list[str]:
    command = [*app, "bundle", str(case), "-o", str(target), "--date", date]
    if identity is not None:
        command += ["--sign", str(identity), "--password-file", str(password_file)]
    return command


def _kill_dir(fixture: Fixture, name: str) -> tuple[Path, Path, dict[str, str]]:
    _guard(fixture)
    folder = fixture.root / name
    if folder.exists():
        shutil.rmtree(folder)
    tmp = folder / "tmp"
    tmp.mkdir(parents=True)
    shutil.copyfile(fixture.case, folder / CASE_NAME)
    # The job's own temporary directory, so what a kill leaves there can be seen.
    return folder, tmp, dict(fixture.env, TMPDIR=str(tmp))


# --- intake ---------------------------------------------------------------------------------


def kill_intake(fixture: Fixture, number: int, delay_s: float | None, *, resume: bool = False,
                wal_bytes: int | None = None) -> KillResult:
    """``importer-app add CASE FOLDER``, SIGKILLed after ``delay_s``, or as soon as the case's
    -wal holds more than ``wal_bytes`` (documents are being stored); then the checks."""
    folder, tmp, env = _kill_dir(fixture, f"intake-{number:02d}")
    case = folder / CASE_NAME
    wal = Path(f"{case}-wal")
    command = [*fixture.app, "add", str(case), str(fixture.folder)]

    def stored() -> bool:
        try:
            return wal_bytes is not None and wal.stat().st_size > wal_bytes
        except FileNotFoundError:
            return False

    started = time.monotonic()
    exited, spawned = start_and_kill(command, env, folder, folder / "job.log", delay_s=delay_s,
                                     until=stored if wal_bytes is not None else None)
    delay = delay_s if delay_s is not None else time.monotonic() - started
    check_started = time.perf_counter()
    lone = lone_file(case, folder)
    right_after = _listing(folder, {CASE_NAME, "tmp", "job.log"})
    result = KillResult("intake", number, "", delay, fixture.intake_s, exited, state="",
                        moment=f"once the -wal passed {wal_bytes // 1024} KB" if wal_bytes is not None else "")
    late, result.orphans_s = outlived(spawned)
    result.orphans = len(spawned)
    if late:
        result.failures.append(Failure("process", f"process(es) {late} of the killed job still ran"
                                                  f" {ORPHAN_GRACE_S:.0f} s after the kill"))

    def intake_checks(_casefile: CaseFile, state: CaseState) -> list[Failure]:
        failures = []
        lost = [p for p, v in fixture.baseline.documents.items() if state.documents.get(p) != v]
        if lost:
            failures.append(Failure("lost", f"{len(lost)} document(s) of the case before the job are gone or"
                                            f" changed: {lost[:3]}"))
        new = {p: v for p, v in state.documents.items() if p not in fixture.baseline.documents}
        foreign = [p for p, (sha, _r) in new.items() if sha not in fixture.source_hashes]
        if foreign:
            failures.append(Failure("content", f"{len(foreign)} new document(s) match no source file byte for byte:"
                                               f" {foreign[:3]}"))
        shas = Counter(sha for sha, _r in state.documents.values())
        twice = [sha[:12] for sha, count in shas.items() if count > 1]
        if twice:
            failures.append(Failure("content", f"the same bytes are stored as several documents: {twice[:3]}"))
        # Renditions are compared by their own hash only: one of an image differs from intake to
        # intake (its PDF /ID), so only the original is compared with the uninterrupted run's.
        differing = [p for p, (sha, _r) in new.items() if fixture.intake_expected.get(p, ("",))[0] != sha]
        if differing:
            failures.append(Failure("content", f"{len(differing)} new document(s) are not what the uninterrupted"
                                               f" run stored under that name: {differing[:3]}"))
        return failures

    state, failures, result.reopen_s = reopen_and_check(case, fixture.baseline, intake_checks)
    result.failures += failures
    if state is not None:
        stored = len([p for p in state.documents if p not in fixture.baseline.documents])
        result.state = f"{stored}/{len(fixture.source_hashes)} files stored"
        result.phase = ("none stored" if stored == 0 else "all stored" if stored == len(fixture.source_hashes)
                        else "part-way")
    else:
        result.state = result.phase = "case unreadable"
    after = _listing(folder, {CASE_NAME, "tmp", "job.log"})
    for name in after:
        if name.endswith(("-wal", "-journal")):
            result.failures.append(Failure("wal", f"{name} is still beside the case after it was opened and closed"))
        elif name == f"{CASE_NAME}-shm":
            result.notes.append(f"{name} left beside the case after reopening"
                                + ("" if name in right_after else " (not there right after the kill)"))
        else:
            result.leftovers.append(name)
    if lone_note(lone, state):
        result.notes.append(lone_note(lone, state))
    tmp_left, tmp_bytes = _tmp_leftovers(tmp)
    result.leftovers += tmp_left
    result.leftover_bytes += tmp_bytes
    if resume and state is not None:
        result.failures += _resume(fixture, case, folder, env)
    result.check_s = time.perf_counter() - check_started
    return result


def _resume(fixture: Fixture, case: Path, folder: Path, env: dict[str, str]) -> list[Failure]:
    """Add the same folder again: the case must end as an uninterrupted intake leaves it."""
    finished = subprocess.run([*fixture.app, "add", str(case), str(fixture.folder)], cwd=folder, env=env,
                              capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL, check=False)
    if finished.returncode != 0:
        return [Failure("resume", f"adding the folder again after the kill exited {finished.returncode}:"
                                  f" {finished.stdout[-300:]}{finished.stderr[-300:]}")]
    state = case_state(case)
    new = {p: sha for p, (sha, _r) in state.documents.items() if p not in fixture.baseline.documents}
    if new != {p: sha for p, (sha, _r) in fixture.intake_expected.items()}:
        extra = sorted(set(new) - set(fixture.intake_expected))[:3]
        missing = sorted(set(fixture.intake_expected) - set(new))[:3]
        return [Failure("resume", f"adding the folder again does not give the uninterrupted result"
                                  f" (extra {extra}, missing {missing})")]
    return []


# --- bundle export --------------------------------------------------------------------------


def kill_bundle(fixture: Fixture, number: int, delay_s: float | None, *, signed: bool,
                until: str | None = None) -> KillResult:
    """``importer-app bundle CASE -o OUT.pdf [--sign ...]``, SIGKILLed after ``delay_s``, or
    as soon as the job has reached a moment: ``until="temp"``, a temporary file beside the
    target; ``until="target"``, the target itself."""
    variant = "signed" if signed else "unsigned"
    folder, tmp, env = _kill_dir(fixture, f"bundle-{number:02d}")
    case = folder / CASE_NAME
    out = folder / "out"
    out.mkdir()
    target = out / BUNDLE_NAME
    command = bundle_command(fixture.app, case, target, fixture.bundle_date,
                             fixture.identity if signed else None, fixture.password_file)
    moments = {None: None, "target": target.exists,
               "temp": lambda: any(name.startswith(f".{BUNDLE_NAME}.") for name in os.listdir(out))}
    started = time.monotonic()
    exited, spawned = start_and_kill(command, env, folder, folder / "job.log", delay_s=delay_s,
                                     until=moments[until])
    delay = delay_s if delay_s is not None else time.monotonic() - started
    check_started = time.perf_counter()
    result = KillResult("bundle", number, variant, delay, fixture.bundle_s[variant], exited, state="",
                        moment=f"once the {until} appeared" if until else "")
    late, result.orphans_s = outlived(spawned)
    result.orphans = len(spawned)
    if late:
        result.failures.append(Failure("process", f"process(es) {late} of the killed job still ran"
                                                  f" {ORPHAN_GRACE_S:.0f} s after the kill"))
    reference = fixture.reference_bundle.read_bytes()

    # What the target holds: nothing, the unsigned build, or a signed bundle verify accepts.
    target_kind = "none"
    if target.exists():
        data = target.read_bytes()
        if data == reference:
            target_kind = "unsigned"
        elif signed and data.startswith(reference):
            verify = subprocess.run([*fixture.app, "verify", str(target)], cwd=folder, env=env, capture_output=True,
                                    text=True, timeout=300, stdin=subprocess.DEVNULL, check=False)
            target_kind = "signed" if verify.returncode == 0 else "bad"
            if verify.returncode != 0:
                result.failures.append(Failure("target", f"{BUNDLE_NAME} is rejected by verify (exit"
                                                         f" {verify.returncode}): {verify.stdout.strip()[:300]}"))
        else:
            target_kind = "bad"
            result.failures.append(Failure("target", f"{BUNDLE_NAME} holds {len(data):,} bytes that are not a complete"
                                                     f" bundle (the uninterrupted build has {len(reference):,})"))
        if signed and target_kind == "unsigned":
            result.failures.append(Failure(UNSIGNED_AT_TARGET, f"a signed export was asked for and {BUNDLE_NAME} holds"
                                                               " the unsigned bundle, which verify rejects ('the file"
                                                               " is not signed') and a user could send as the signed"
                                                               " one"))
    temps = [name for name in _listing(out) if name != BUNDLE_NAME]
    for name in temps:
        volume_like = name.startswith(f"{target.stem}-vol") and name.endswith(target.suffix)
        if name == BUNDLE_NAME or volume_like or not name.startswith(".") or name.lower().endswith(".pdf"):
            result.failures.append(Failure("temp", f"{name} beside the target could be taken for the bundle"))
    result.leftovers += temps
    result.leftover_bytes += sum((out / name).stat().st_size for name in temps if (out / name).is_file())

    def bundle_checks(_casefile: CaseFile, state: CaseState) -> list[Failure]:
        failures = []
        if state.documents != fixture.baseline.documents:
            failures.append(Failure("lost", "the bundle export changed the case's documents"))
        new = [entry for entry in state.audit[len(fixture.baseline.audit):]]
        actions = [entry.action for entry in new]
        allowed = [["export bundle", "sign bundle"][:n] for n in range(3 if signed else 2)]
        if actions not in allowed:
            failures.append(Failure("audit", f"the job appended {actions}; expected one of {allowed}"))
            return failures
        if new and new[0].details.get("volumes") != [str(target)]:
            failures.append(Failure("audit", f"'export bundle' names {new[0].details.get('volumes')}, not {target}"))
        if new and fixture.reference_pages is not None and new[0].details.get("pages") != fixture.reference_pages:
            failures.append(Failure("audit", f"'export bundle' says {new[0].details.get('pages')} pages,"
                                             f" the bundle has {fixture.reference_pages}"))
        if len(new) == 2 and fixture.fingerprint and new[1].details.get("fingerprint") != fixture.fingerprint:
            failures.append(Failure("audit", "'sign bundle' names another certificate"))
        complete = "signed" if signed else "unsigned"
        if len(new) == len(allowed) - 1 and target_kind != complete:
            failures.append(Failure("audit", f"the log records the {'signature' if signed else 'export'} but"
                                             f" {BUNDLE_NAME} is {target_kind}"))
        if target_kind == complete and len(new) < len(allowed) - 1:
            result.notes.append(f"the bundle is complete but the log lacks {allowed[-1][len(new):]}"
                                " (killed between the rename and the audit entry)")
        return failures

    _guard(fixture)
    state, failures, result.reopen_s = reopen_and_check(case, fixture.baseline, bundle_checks)
    result.failures += failures
    if state is not None:
        logged = len(state.audit) - len(fixture.baseline.audit)
        entries = "1 audit entry" if logged == 1 else f"{logged} audit entries"
        result.state = f"target {target_kind}, {len(temps)} temp file(s), {entries}"
    else:
        result.state = f"target {target_kind}, case unreadable"
    result.phase = {"none": "temp file only" if temps else "nothing written", "unsigned": "unsigned bundle at target",
                    "signed": "signed bundle at target"}.get(target_kind, "damaged target")
    for name in _listing(folder, {CASE_NAME, "tmp", "job.log", "out"}):
        if name.endswith(("-wal", "-journal")):
            result.failures.append(Failure("wal", f"{name} is still beside the case after it was opened and closed"))
        elif name == f"{CASE_NAME}-shm":
            result.notes.append(f"{name} left beside the case after reopening")
        else:
            result.leftovers.append(name)
    tmp_left, tmp_bytes = _tmp_leftovers(tmp)
    result.leftovers += tmp_left
    result.leftover_bytes += tmp_bytes
    result.check_s = time.perf_counter() - check_started
    return result


# --- a run ----------------------------------------------------------------------------------


def delay_for(seed: int, scenario: str, number: int, budget_s: float, strata: int = 1) -> float:
    """The kill moment of one kill, from the seed alone: uniform in [0, budget].

    With ``strata`` n, kill k (1-based) is drawn in the k-th of n equal slices instead: still
    uniform over the whole range, but a few kills cannot all land in the start-up.
    """
    rng = random.Random(f"{seed}:{scenario}:{number}")
    if strata <= 1:
        return rng.uniform(0.0, budget_s)
    slice_s = budget_s / strata
    return slice_s * ((number - 1) % strata) + rng.uniform(0.0, slice_s)


def run_intake(fixture: Fixture, kills: int, seed: int, *, resume_every: int = 0, log: Log = print,
               keep: bool = False) -> list[KillResult]:
    results = []
    for number in range(1, kills + 1):
        resume = bool(resume_every) and number % resume_every == 0
        result = kill_intake(fixture, number, delay_for(seed, "intake", number, fixture.intake_s), resume=resume)
        log(result.line() + (" [added again: complete]" if resume and result.ok else ""))
        results.append(result)
        if result.ok and not keep:
            shutil.rmtree(fixture.root / f"intake-{number:02d}")
    return results


def run_bundle(fixture: Fixture, kills: int, seed: int, *, log: Log = print, keep: bool = False) -> list[KillResult]:
    results = []
    for number in range(1, kills + 1):
        signed = number % 2 == 1
        budget = fixture.bundle_s["signed" if signed else "unsigned"]
        result = kill_bundle(fixture, number, delay_for(seed, "bundle", number, budget), signed=signed)
        log(result.line())
        results.append(result)
        if result.ok and not keep:
            shutil.rmtree(fixture.root / f"bundle-{number:02d}")
    return results


TARGETED_INTAKE = (0, 1 << 20, 3 << 20)
"""Targeted intake kills: as soon as the -wal holds more than this many bytes (0: the first
document's transaction is being written)."""
TARGETED_BUNDLE = (("temp", False), ("target", False), ("temp", True), ("target", True))
"""Targeted export kills: (moment, signed)."""


def run_targeted(fixture: Fixture, *, only: str | None = None, log: Log = print,
                 keep: bool = False) -> list[KillResult]:
    """Kills at the moments random ones rarely hit: while documents are being committed, while
    the bundle is written beside the target, as soon as it is renamed onto the target."""
    results = []
    for offset, wal_bytes in enumerate(TARGETED_INTAKE if only in (None, "intake") else ()):
        results.append(kill_intake(fixture, 91 + offset, None, wal_bytes=wal_bytes))
        log(results[-1].line())
    for offset, (moment, signed) in enumerate(TARGETED_BUNDLE if only in (None, "bundle") else ()):
        results.append(kill_bundle(fixture, 91 + offset, None, signed=signed, until=moment))
        log(results[-1].line())
    for result in results:
        if result.ok and not keep:
            shutil.rmtree(fixture.root / f"{result.scenario}-{result.number:02d}")
    return results


def summarise(scenario: str, results: Sequence[KillResult], elapsed_s: float, budget: str) -> list[str]:
    if not results:
        return []
    mid = [r for r in results if not r.exited_before_kill]
    failed = [r for r in results if not r.ok]
    states = Counter(f"{r.variant + ': ' if r.variant else ''}{r.phase}" for r in mid)
    lines = [f"{scenario}: {len(results)} kills in {elapsed_s:.1f} s (uninterrupted run {budget}):"
             f" {len(mid)} landed mid-work ({', '.join(f'{n} {s}' for s, n in states.most_common())}),"
             f" {len(results) - len(mid)} after completion; {len(failed)} failed",
             f"  reopen after the kill: median {statistics.median(r.reopen_s for r in results) * 1000:.0f} ms,"
             f" max {max(r.reopen_s for r in results) * 1000:.0f} ms; checks per kill median"
             f" {statistics.median(r.check_s for r in results):.2f} s"]
    orphaned = [r for r in results if r.orphans]
    if orphaned:
        lines.append(f"  {len(orphaned)} kill(s) left {sum(r.orphans for r in orphaned)} child process(es) behind;"
                     f" all had ended {max(r.orphans_s for r in orphaned) * 1000:.0f} ms after the kill at the latest"
                     if all(r.orphans_s < ORPHAN_GRACE_S for r in orphaned) else
                     f"  {len(orphaned)} kill(s) left child processes behind, some still running after"
                     f" {ORPHAN_GRACE_S:.0f} s")
    leftovers = Counter(_normalised(name) for r in results for name in r.leftovers)
    if leftovers:
        total = sum(r.leftover_bytes for r in results)
        kills = sum(bool(r.leftovers) for r in results)
        lines.append(f"  left behind by {kills} kill(s), {total / 1e6:.1f} MB in all: "
                     + ", ".join(f"{name} x{n}" for name, n in leftovers.most_common()))
    notes = Counter(_note_class(note) for r in results for note in r.notes)
    for note, count in notes.most_common():
        lines.append(f"  note x{count}: {note}")
    kinds = Counter(f.kind for r in failed for f in r.failures)
    if kinds:
        lines.append("  failures by kind: " + ", ".join(f"{kind} x{n}" for kind, n in kinds.most_common()))
    for r in failed:
        lines.append(f"  FAILED {r.scenario} #{r.number:02d} ({r.variant or 'add'}, kill at {r.delay_s:.2f} s):")
        lines += [f"    {failure}" for failure in r.failures]
    return lines


def _note_class(note: str) -> str:
    if note.startswith("right after the kill") and "held" in note:
        return (f"right after the kill, documents already committed were only in {CASE_NAME}-wal: a copy of"
                f" {CASE_NAME} alone taken then would lack them (reopening the case folds them in)")
    return note


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=50, help="kills per job (default 50)")
    parser.add_argument("--only", choices=("intake", "bundle"), help="kill only this job")
    parser.add_argument("--seed", type=int, help="seed of the kill moments (default: random, printed)")
    parser.add_argument("--files", type=int, default=40, help="generated PDFs in the intake folder (default 40)")
    parser.add_argument("--images", type=int, default=6, help="generated images in the intake folder (default 6)")
    parser.add_argument("--resume-every", type=int, default=5, metavar="N",
                        help="every Nth intake kill, add the folder again and compare (0: never; default 5)")
    parser.add_argument("--workdir", type=Path, help="where to work (default: a new temporary folder)")
    parser.add_argument("--no-targeted", action="store_true",
                        help="skip the 7 targeted kills (at moments the random ones rarely hit) after the random ones")
    parser.add_argument("--keep", action="store_true", help="keep every kill's folder (failed ones are always kept)")
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        parser.error("this harness reads /proc: Linux only")
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    root = args.workdir or Path(tempfile.mkdtemp(prefix="importer-app-crash-"))
    print(f"crash harness: seed {seed} (rerun with --seed {seed}), work folder {root}", flush=True)

    def log(line: str) -> None:
        print(line, flush=True)

    try:
        return _run_all(args, seed, root, log)
    except CodeChanged as error:
        print(f"crash harness stopped: {error}", file=sys.stderr)
        return 2


def _run_all(args: argparse.Namespace, seed: int, root: Path, log: Log) -> int:
    started = time.perf_counter()
    fixture = prepare(root, pdfs=args.files, images=args.images, log=log)
    intake: list[KillResult] = []
    bundle: list[KillResult] = []
    timings = {}
    if args.only in (None, "intake"):
        phase = time.perf_counter()
        intake = run_intake(fixture, args.kills, seed, resume_every=args.resume_every, log=log, keep=args.keep)
        timings["intake"] = time.perf_counter() - phase
    if args.only in (None, "bundle"):
        phase = time.perf_counter()
        bundle = run_bundle(fixture, args.kills, seed, log=log, keep=args.keep)
        timings["bundle"] = time.perf_counter() - phase
    targeted: list[KillResult] = []
    if not args.no_targeted:
        phase = time.perf_counter()
        targeted = run_targeted(fixture, only=args.only, log=log, keep=args.keep)
        timings["targeted"] = time.perf_counter() - phase
    total = time.perf_counter() - started
    print("\nsummary", flush=True)
    bundle_budget = f"{fixture.bundle_s['unsigned']:.2f} s unsigned, {fixture.bundle_s['signed']:.2f} s signed"
    for line in (summarise("intake", intake, timings.get("intake", 0.0), f"{fixture.intake_s:.2f} s")
                 + summarise("bundle export", bundle, timings.get("bundle", 0.0), bundle_budget)):
        print(line)
    if targeted:
        failed = [r for r in targeted if not r.ok]
        what = ", ".join(" ".join(filter(None, (r.scenario, r.variant, r.moment))) for r in targeted)
        print(f"targeted: {len(targeted)} kills in {timings['targeted']:.1f} s ({what}); {len(failed)} failed")
        for r in failed:
            print(f"  FAILED {r.scenario} #{r.number:02d} ({r.variant or 'add'}, {r.moment}):")
            print("\n".join(f"    {failure}" for failure in r.failures))
    every = intake + bundle + targeted
    failures = sum(not r.ok for r in every)
    print(f"total {total:.1f} s (set-up {fixture.setup_s:.1f} s); seed {seed};"
          f" {len(every)} kills, {failures} with failures"
          + (f"; failed kills' folders kept in {root}" if failures else ""), flush=True)
    if not failures and not args.keep and args.workdir is None:
        shutil.rmtree(root, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
