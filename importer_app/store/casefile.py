"""The case file: one SQLite file (``.tcase``) holding everything about one detained shipment.

SQLite as an application file format: the file can be mailed to a colleague and read by any
SQLite tool. Every mutation is one transaction that also appends to the audit log. The file
is opened with an exclusive lock so a second window or process cannot write to it at the same
time; the lock dies with the process, so a crash never leaves the case locked.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import getpass
import hashlib
import json
import logging
import os
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import sqlite_utils

from importer_app.core import limits
from importer_app.core.docpath import document_path_problem
from importer_app.core.errors import CaseFileError
from importer_app.core.model import (
    SCREENING_DECISIONS,
    Case,
    Document,
    DetentionOrder,
    Entity,
    EvidenceStatement,
    ExtensionRequest,
    GapExplanation,
    Inquiry,
    Link,
    NotApplicable,
    RecipeRow,
    ScreeningDecision,
    Shipment,
)
from importer_app.core.recipes import recipe_problem
from importer_app.store import rows
from importer_app.store.opening import (
    LOCK_TIMEOUT_S,
    connect_writer,
    inspect,
    is_locked,
    open_error,
    sqlite_uri,
    write_error,
)
from importer_app.store.schema import apply_migrations, current_version
from importer_app.store.writer_lock import WriterLock

log = logging.getLogger(__name__)

# How long closing waits for a reader (check, bundle) before leaving the log beside the case.
CLOSE_WAIT_MS = 5000


@dataclasses.dataclass(frozen=True)
class Change:
    """What a mutation changed, so each view can decide whether to refresh.

    Attributes:
        area: ``shipment``, ``entities``, ``links``, ``documents``, ``not_applicable``,
            ``screening``, ``inquiries``, ``evidence_statement``, ``gap_explanations``,
            ``detention_order``, ``extension_requests`` or ``settings``.
        action: ``add``, ``update`` or ``remove``.
        key: the id, path or ``requirement@scope`` that changed.
    """

    area: str
    action: str
    key: str


@dataclasses.dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    user: str
    action: str
    object: str
    details: dict[str, Any]


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


AUTOCHECKPOINT_PAGES = 1000
"""SQLite's own default: the log is copied into the case once it holds this many pages."""


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class CaseFile:
    """An open case file. Use :meth:`open`, :meth:`create` or :func:`write_new_case`.

    All database work happens on the thread that opened the file.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool, lock: WriterLock | None = None) -> None:
        self._conn = conn
        self._lock = lock
        self.db = sqlite_utils.Database(conn)
        self.path = path
        self.readonly = readonly
        self._batches_of_files = 0

    # -- opening and closing ---------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, readonly: bool = False) -> CaseFile:
        """Open an existing case file, migrating it forward if it is older.

        Raises:
            CaseFileError: not a case file, damaged, untrusted schema, or missing.
            CaseFileVersionError: written by a newer importer_app (the file is not touched).
            CaseFileLockedError: open for writing elsewhere.
        """
        path = Path(path)
        version = inspect(path)
        if readonly:
            return cls._open_readonly(path, version)
        casefile = cls._open_writer(path, create=False)
        if version < current_version():
            with casefile._write("migrate schema", "case", {"from": version, "to": current_version()}):
                apply_migrations(casefile._conn, version, current_version())
        return casefile

    @classmethod
    def _open_writer(cls, path: Path, *, create: bool) -> CaseFile:
        lock = WriterLock.acquire(path)
        try:
            conn = connect_writer(path, create=create)
        except BaseException:
            lock.release()
            raise
        return cls(conn, path, readonly=False, lock=lock)

    @classmethod
    def _open_readonly(cls, path: Path, version: int) -> CaseFile:
        try:
            conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, timeout=LOCK_TIMEOUT_S)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as error:
            raise open_error(path, error) from error
        if version < current_version():
            # Migrate a copy in memory: a reader must not change the file.
            memory = sqlite3.connect(":memory:")
            conn.backup(memory)
            conn.close()
            apply_migrations(memory, version, current_version())
            memory.commit()
            conn = memory
        return cls(conn, path, readonly=True)

    @classmethod
    def create(cls, path: str | os.PathLike[str], shipment: Shipment) -> CaseFile:
        """Create a new case file at ``path``, which must not exist yet."""
        path = Path(path)
        if path.exists():
            raise CaseFileError(f"{path} already exists; choose another name for the new case.")
        if not path.parent.is_dir():
            raise CaseFileError(
                f"The folder {path.parent} does not exist; create it first or choose another folder"
                " for the new case."
            )
        casefile = cls._open_writer(path, create=True)
        try:
            with casefile._write("create case", "case", {"schema_version": current_version()}):
                apply_migrations(casefile._conn, 0, current_version())
                casefile.db["shipment"].insert(_fits("shipment", rows.shipment_row(shipment)))
        except BaseException:
            casefile.close()
            path.unlink(missing_ok=True)
            raise
        return casefile

    def close(self) -> None:
        """Close the file; a writer folds its write-ahead log back into the one file.

        Raises:
            CaseFileError: the file became read-only (or its disk failed) while open. The
                last changes are safe in the ``-wal`` file beside it, which SQLite replays on
                the next opening; the message tells the user to keep the two together.
        """
        try:
            if not self.readonly:
                # Back to a single self-contained file that can be copied or mailed. A reader
                # (check, bundle) may be reading this moment: wait for it a little.
                self._conn.execute(f"PRAGMA busy_timeout={CLOSE_WAIT_MS}")
                self._fold_log()
            self._conn.close()
            if not self.readonly and not self.path.with_name(f"{self.path.name}-wal").exists():
                # A reader opened before this writer (``inspect``) leaves its shared-memory
                # file behind; with no log left it holds nothing.
                self.path.with_name(f"{self.path.name}-shm").unlink(missing_ok=True)
        except sqlite3.Error as error:
            self._conn.close()
            raise CaseFileError(
                f"{self.path.name} could not be written back into one file ({error}); it may have become"
                f" read-only. Your latest changes are kept beside it in {self.path.name}-wal: keep the two"
                " files together, make the folder writable and open the case again to finish saving."
            ) from error
        finally:
            if self._lock is not None:
                self._lock.release()

    def _fold_log(self) -> None:
        try:
            self._conn.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.OperationalError as error:
            if not is_locked(error):
                raise
            # A reader still holds the log after the wait. Every change is committed in it and is
            # folded back at the next opening for editing; until then the -wal file belongs with it.
            log.warning("%s: the write-ahead log was still being read at close; it stays beside the case",
                        self.path)

    def __enter__(self) -> CaseFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- reading -----------------------------------------------------------------------

    def load(self) -> Case:
        """The whole case as model objects (documents without their bytes).

        Raises:
            CaseFileError: a value cannot be read back (text that is not UTF-8, a damaged JSON
                list, a date that is no date): the file was damaged or written by another tool.
        """
        try:
            return self._load()
        except (sqlite3.DatabaseError, ValueError, TypeError, KeyError) as error:
            raise CaseFileError(
                f"{self.path} is damaged: a stored value cannot be read ({error}). Open a backup copy"
                " or ask the sender for the file again."
            ) from error

    def _load(self) -> Case:
        shipment_rows = list(self.db["shipment"].rows)
        if not shipment_rows:
            raise CaseFileError(f"{self.path} has no shipment; the file is incomplete.")
        recipes: dict[str, list[RecipeRow]] = {}
        for r in self.db["recipe_rows"].rows_where(order_by="entity_id, position"):
            recipes.setdefault(r["entity_id"], []).append(rows.recipe_row_from_row(r))
        for entity_id, recipe in recipes.items():
            problem = recipe_problem(recipe)
            if problem:
                raise ValueError(f"the recipe of company {entity_id[:40]!r} {problem}")
        entities = tuple(
            rows.entity_from_row(r, tuple(recipes.get(r["id"], ())))
            for r in self.db["entities"].rows_where(order_by="position, id")
        )
        links = tuple(rows.link_from_row(r) for r in self.db["links"].rows_where(order_by="position, id"))
        return Case(
            shipment=rows.shipment_from_row(shipment_rows[0]),
            entities=entities,
            links=links,
            documents=self._load_documents(),
            not_applicable=tuple(
                rows.not_applicable_from_row(r)
                for r in self.db["not_applicable"].rows_where(order_by="requirement, scope")
            ),
            screening_decisions=tuple(
                rows.screening_decision_from_row(r)
                for r in self.db["screening_decisions"].rows_where(order_by="key")
            ),
            inquiries=tuple(
                rows.inquiry_from_row(r) for r in self.db["inquiries"].rows_where(order_by="position, id")
            ),
            evidence_statement=next(
                (rows.evidence_statement_from_row(r) for r in self.db["evidence_statement"].rows), None
            ),
            gap_explanations=tuple(
                rows.gap_explanation_from_row(r)
                for r in self.db["gap_explanations"].rows_where(order_by="requirement, scope")
            ),
            order=next((rows.order_from_row(r) for r in self.db["detention_order"].rows), None),
            extension_requests=tuple(
                rows.extension_request_from_row(r)
                for r in self.db["extension_requests"].rows_where(order_by="position")
            ),
        )

    def screening_lists(self) -> dict[str, str]:
        """The list versions this case was screened against: list id to the stored snapshot
        (JSON text that ``importer_app.screening`` reads)."""
        return {list_id: text for list_id, text in
                self._conn.execute("SELECT list_id, snapshot FROM screening_lists ORDER BY list_id")}

    def _load_documents(self) -> tuple[Document, ...]:
        ties_entities: dict[int, list[str]] = {}
        for doc_id, entity_id in self._conn.execute(
            "SELECT document_id, entity_id FROM document_entities ORDER BY rowid"
        ):
            ties_entities.setdefault(doc_id, []).append(rows.ident(entity_id, "a document's company"))
        ties_links: dict[int, list[str]] = {}
        for doc_id, link_id in self._conn.execute(
            "SELECT document_id, link_id FROM document_links ORDER BY rowid"
        ):
            ties_links.setdefault(doc_id, []).append(rows.ident(link_id, "a document's transfer"))
        return tuple(
            rows.document_from_row(
                r, tuple(ties_entities.get(r["id"], ())), tuple(ties_links.get(r["id"], ()))
            )
            for r in self.db["documents"].rows_where(order_by="id")
        )

    def read_blob(self, sha256: str) -> bytes:
        """The bytes stored under ``sha256``, checked against the hash.

        Raises:
            CaseFileError: no such blob, or its bytes no longer match their hash.
        """
        row = self._conn.execute("SELECT data FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
        if row is None:
            raise CaseFileError(f"{self.path} has no stored file with hash {sha256[:12]}...")
        data = bytes(row[0])
        if hashlib.sha256(data).hexdigest() != sha256:
            raise CaseFileError(
                f"A stored document in {self.path} is damaged (hash {sha256[:12]}... no longer"
                " matches its bytes). Add the original file again from your records."
            )
        return data

    def damaged_blobs(self) -> list[str]:
        """Hashes of stored files whose bytes no longer match, checked one at a time."""
        damaged = []
        for (sha256,) in self._conn.execute("SELECT sha256 FROM blobs").fetchall():
            try:
                self.read_blob(sha256)
            except CaseFileError:
                damaged.append(sha256)
        return damaged

    def documents_received(self) -> dict[str, dt.date]:
        """The date each document (by path) was added to the case."""
        rows = self._conn.execute("SELECT path, added_at FROM documents").fetchall()
        return {path: dt.datetime.fromisoformat(added).date() for path, added in rows}

    def blob_sizes(self) -> dict[str, int]:
        """The size of every stored file, by SHA-256."""
        return dict(self._conn.execute("SELECT sha256, size FROM blobs").fetchall())

    def settings(self) -> dict[str, str]:
        """Every per-case setting."""
        return dict(self._conn.execute("SELECT key, value FROM settings").fetchall())

    def audit_log(self) -> list[AuditEntry]:
        return [
            AuditEntry(r["id"], r["at"], r["user"], r["action"], r["object"], json.loads(r["details"]))
            for r in self.db["audit_log"].rows_where(order_by="id")
        ]

    def setting(self, key: str, default: str = "") -> str:
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def save_copy(self, target: str | os.PathLike[str]) -> None:
        """Write a consistent copy of the case to ``target`` (temporary name, then rename)."""
        target = Path(target)
        if target.resolve() == self.path.resolve():
            raise CaseFileError("Choose another name for the copy; it would replace the open case.")
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
        os.close(fd)
        try:
            copy = sqlite3.connect(temp_name)
            try:
                self._conn.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")
            finally:
                copy.close()
            os.replace(temp_name, target)
        except (OSError, sqlite3.Error) as error:
            Path(temp_name).unlink(missing_ok=True)
            raise CaseFileError(f"Could not save a copy to {target} ({error}).") from error

    # -- writing -----------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self, action: str, obj: str, details: Mapping[str, Any]) -> Iterator[None]:
        """One transaction: the change and its audit entry land together or not at all."""
        if self.readonly:
            raise CaseFileError(f"{self.path} is open read-only; open it for editing to {action}.")
        try:
            with self.db.atomic():
                yield
                self._conn.execute(
                    "INSERT INTO audit_log (at, user, action, object, details) VALUES (?, ?, ?, ?, ?)",
                    (_now(), _os_user(), action, limits.truncate_utf8(obj, limits.TEXT_LIMIT), _audit_details(details)),
                )
        except sqlite3.IntegrityError as error:
            raise CaseFileError(f"Could not {action} ({obj}): {error}.") from error
        except sqlite3.OperationalError as error:
            raise write_error(self.path, action, error) from error

    def record(self, action: str, obj: str, details: Mapping[str, Any]) -> None:
        """Note in the audit log something done with the case that changes no row (an export,
        a signature)."""
        with self._write(action, obj, details):
            pass

    def begin_adding_files(self) -> None:
        """Until ``end_adding_files``, commits do not wait for the disk.

        Each file of a batch is stored in its own transaction on the window's thread, and waiting
        for the disk after each (the write-ahead log's sync, and the checkpoint that copies the
        log into the case every 1,000 pages and syncs both) held the window for up to a tenth of
        a second at a time. Without that wait (SQLite's ``synchronous=NORMAL`` in WAL mode, and
        no automatic checkpoint) a commit is still safe if the app stops, and the case stays
        consistent if the computer loses power; only the changes of the batch so far may then be
        missing, and their files are still where the user added them from. ``end_adding_files``
        puts the wait back; ``checkpoint_log`` then copies the log into the case and syncs it.
        Batches may overlap: the wait comes back after the last one.
        """
        self._batches_of_files += 1
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA wal_autocheckpoint=0")

    def end_adding_files(self) -> None:
        """End a batch begun with ``begin_adding_files``; the caller then runs
        ``checkpoint_log``, on a thread of its own if it must not wait."""
        self._batches_of_files = max(0, self._batches_of_files - 1)
        if self._batches_of_files == 0:
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")

    @property
    def commits_wait_for_disk(self) -> bool:
        return (self._conn.execute("PRAGMA synchronous").fetchone()[0] >= 2
                and self._conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] > 0)

    def checkpoint_log(self) -> tuple[int, int]:
        """Copy the write-ahead log into the case and put both on disk, through a connection of
        its own, so that any thread may run it while the window goes on editing (a passive
        checkpoint neither waits for nor blocks the editor). Returns the log's pages and those
        copied (equal when nothing was left behind); (0, 0) with no log.
        """
        if not self.path.with_name(f"{self.path.name}-wal").exists():
            return 0, 0
        conn = sqlite3.connect(sqlite_uri(self.path, "rw"), uri=True, timeout=LOCK_TIMEOUT_S)
        try:
            conn.execute("PRAGMA synchronous=FULL")
            _, pages, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            return int(pages), int(copied)
        finally:
            conn.close()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group several changes into one transaction (an undo that restores several rows)."""
        if self.readonly:
            raise CaseFileError(f"{self.path} is open read-only.")
        with self.db.atomic():
            yield

    def set_shipment(self, shipment: Shipment) -> Change:
        with self._write("update shipment", "shipment", {"entry_number": shipment.entry_number}):
            self.db["shipment"].upsert(_fits("shipment", rows.shipment_row(shipment)), pk="id")
        return Change("shipment", "update", "shipment")

    def add_entity(self, entity: Entity, position: int | None = None) -> Change:
        """Add an entity at the end, or at ``position`` (an undo puts it back where it was)."""
        with self._write("add entity", f"entity:{entity.id}", dataclasses.asdict(entity)):
            where = self._next_position("entities") if position is None else position
            self.db["entities"].insert(_fits("entities", rows.entity_row(entity, where)))
            self._write_recipe(entity)
        return Change("entities", "add", entity.id)

    def update_entity(self, entity: Entity) -> Change:
        with self._write("update entity", f"entity:{entity.id}", dataclasses.asdict(entity)):
            position = self.position("entities", entity.id)
            self.db["entities"].update(entity.id, _fits("entities", rows.entity_row(entity, position)))
            self._conn.execute("DELETE FROM recipe_rows WHERE entity_id = ?", (entity.id,))
            self._write_recipe(entity)
        return Change("entities", "update", entity.id)

    def _write_recipe(self, entity: Entity) -> None:
        problem = recipe_problem(entity.recipe)
        if problem:
            raise CaseFileError(f"Cannot save this: the recipe of {entity.name} {problem}. The case is unchanged.")
        self.db["recipe_rows"].insert_all(_fits("recipe_rows", row) for row in rows.recipe_rows(entity))

    def remove_entity(self, entity_id: str) -> Change:
        used = self._conn.execute(
            "SELECT id FROM links WHERE source = ? OR target = ? ORDER BY position", (entity_id, entity_id)
        ).fetchall()
        if used:
            names = ", ".join(r[0] for r in used)
            raise CaseFileError(
                f"Entity {entity_id} still has links ({names}); remove those links first."
            )
        with self._write("remove entity", f"entity:{entity_id}", {}):
            self.db["entities"].delete(entity_id)
        return Change("entities", "remove", entity_id)

    def add_link(self, link: Link, position: int | None = None) -> Change:
        """Add a link at the end, or at ``position`` (an undo puts it back where it was)."""
        with self._write("add link", f"link:{link.id}", dataclasses.asdict(link)):
            where = self._next_position("links") if position is None else position
            self.db["links"].insert(_fits("links", rows.link_row(link, where)))
        return Change("links", "add", link.id)

    def update_link(self, link: Link) -> Change:
        with self._write("update link", f"link:{link.id}", dataclasses.asdict(link)):
            position = self.position("links", link.id)
            self.db["links"].update(link.id, _fits("links", rows.link_row(link, position)))
        return Change("links", "update", link.id)

    def remove_link(self, link_id: str) -> Change:
        with self._write("remove link", f"link:{link_id}", {}):
            self.db["links"].delete(link_id)
        return Change("links", "remove", link_id)

    def add_document(self, document: Document, data: bytes, *, rendition: bytes | None = None, text: str = "",
                     added_at: str | None = None) -> Change:
        """Store a document, its original bytes and the PDF rendition the bundle uses, if any.

        The same bytes are stored once. ``text`` (the first pages' text) feeds full-text search.
        ``added_at`` (from ``document_added_at``) puts back a removed document with the moment it
        was first received: the chronology reads that date, so an undo must not renew it.

        Raises:
            CaseFileError: the path is unsafe or taken, or a hash or size does not match its
                bytes.
        """
        problem = document_path_problem(document.path)
        if problem:
            raise CaseFileError(f"Cannot add document {document.path!r}: {problem}.")
        if hashlib.sha256(data).hexdigest() != document.sha256 or len(data) != document.size:
            raise CaseFileError(f"Cannot add document {document.path}: its hash or size does not match its bytes.")
        if (rendition is None) != (not document.rendition_sha256) or (
            rendition is not None and hashlib.sha256(rendition).hexdigest() != document.rendition_sha256
        ):
            raise CaseFileError(f"Cannot add document {document.path}: its PDF rendition does not match its hash.")
        details = {"sha256": document.sha256, "type": document.type, "size": document.size,
                   "rendition": document.rendition_reason}
        with self._write("add document", f"document:{document.path}", details):
            self._insert_document(document, data, rendition, text, added_at or _now())
        return Change("documents", "add", document.path)

    def document_added_at(self, path: str) -> str:
        """The moment (ISO 8601) a document was added to the case."""
        row = self._conn.execute("SELECT added_at FROM documents WHERE path = ?", (path,)).fetchone()
        if row is None:
            raise CaseFileError(f"The case has no document {path}.")
        return row[0]

    def document_paths(self) -> set[str]:
        """The paths of every document, without loading the case."""
        return {row[0] for row in self._conn.execute("SELECT path FROM documents")}

    def document_with_bytes(self, sha256: str) -> str | None:
        """The path of a document whose original has these bytes, if the case holds one."""
        row = self._conn.execute("SELECT path FROM documents WHERE sha256 = ? ORDER BY id LIMIT 1", (sha256,)).fetchone()
        return row[0] if row else None

    def search_text(self, query: str) -> list[str]:
        """Paths of documents whose text matches every word of ``query``, best first."""
        words = [w for w in query.replace('"', " ").split() if w]
        if not words:
            return []
        match = " ".join(f'"{w}"*' for w in words)
        rows = self._conn.execute(
            "SELECT d.path FROM document_text_fts f JOIN documents d ON d.id = f.rowid"
            " WHERE document_text_fts MATCH ? ORDER BY rank", (match,)
        ).fetchall()
        return [r[0] for r in rows]

    def document_text(self, path: str) -> str:
        """The text of a document's first pages kept for search ("" when it has none)."""
        row = self._conn.execute("SELECT t.text FROM document_text t JOIN documents d ON d.id = t.document_id"
                                 " WHERE d.path = ?", (path,)).fetchone()
        return row[0] if row else ""

    def update_document(self, document: Document) -> Change:
        """Change a document's metadata and ties; its bytes never change."""
        details = {"type": document.type, "title": document.title, "entities": list(document.entities),
                   "links": list(document.links)}
        with self._write("update document", f"document:{document.path}", details):
            row = self._conn.execute("SELECT id, sha256, added_at FROM documents WHERE path = ?",
                                     (document.path,)).fetchone()
            if row is None:
                raise CaseFileError(f"The case has no document {document.path}.")
            doc_id, sha256, added_at = row
            if sha256 != document.sha256:
                raise CaseFileError(f"Document {document.path}: its bytes cannot be changed, only its details.")
            self.db["documents"].update(doc_id, _fits("documents", rows.document_row(document, added_at)))
            self._conn.execute("DELETE FROM document_entities WHERE document_id = ?", (doc_id,))
            self._conn.execute("DELETE FROM document_links WHERE document_id = ?", (doc_id,))
            self._insert_ties(doc_id, document)
        return Change("documents", "update", document.path)

    def remove_document(self, path: str) -> Change:
        with self._write("remove document", f"document:{path}", {}):
            row = self._conn.execute("SELECT sha256 FROM documents WHERE path = ?", (path,)).fetchone()
            if row is None:
                raise CaseFileError(f"The case has no document {path}.")
            rendition = self._conn.execute("SELECT rendition_sha256 FROM documents WHERE path = ?", (path,)).fetchone()[0]
            self._conn.execute("DELETE FROM documents WHERE path = ?", (path,))
            for sha256 in {row[0], rendition} - {None}:
                self._conn.execute(
                    "DELETE FROM blobs WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM documents"
                    " WHERE sha256 = ? OR rendition_sha256 = ?)",
                    (sha256, sha256, sha256),
                )
        return Change("documents", "remove", path)

    def set_not_applicable(self, decision: NotApplicable) -> Change:
        if not decision.reason.strip():
            raise CaseFileError(
                f"Marking {decision.requirement} not applicable needs a reason CBP can read."
            )
        key = f"{decision.requirement}@{decision.scope}"
        with self._write("mark not applicable", decision.scope, dataclasses.asdict(decision)):
            self.db["not_applicable"].upsert(_fits("not_applicable", dataclasses.asdict(decision)),
                                             pk=("requirement", "scope"))
        return Change("not_applicable", "update", key)

    def clear_not_applicable(self, requirement: str, scope: str) -> Change:
        with self._write("clear not applicable", scope, {"requirement": requirement}):
            self._conn.execute(
                "DELETE FROM not_applicable WHERE requirement = ? AND scope = ?", (requirement, scope)
            )
        return Change("not_applicable", "remove", f"{requirement}@{scope}")

    def put_screening_list(self, list_id: str, snapshot_id: str, sha256: str,
                           confirmed_at: dt.datetime, snapshot: str) -> Change:
        """Keep a list version in the case, in place of the one it was screened against before."""
        details = {"snapshot": snapshot_id, "sha256": sha256, "confirmed_at": confirmed_at.isoformat()}
        with self._write("use screening list", f"list:{list_id}", details):
            self.db["screening_lists"].upsert(_fits("screening_lists", {
                "list_id": list_id, "snapshot_id": snapshot_id, "sha256": sha256,
                "confirmed_at": confirmed_at.isoformat(), "snapshot": snapshot}), pk="list_id")
        return Change("screening", "update", list_id)

    def decide_screening_hit(self, decision: ScreeningDecision) -> Change:
        """Record that a candidate hit is (``confirmed``) or is not (``dismissed``) the entity."""
        if decision.decision not in SCREENING_DECISIONS:
            raise CaseFileError(f"Unknown screening decision {decision.decision!r}.")
        if decision.decision == "dismissed" and not decision.reason.strip():
            raise CaseFileError("Dismissing a possible list match needs the reason it is another company.")
        details = {"key": decision.key, "reason": decision.reason}
        verb = "confirm" if decision.decision == "confirmed" else "dismiss"
        with self._write(f"{verb} screening hit", f"entity:{decision.entity_id}", details):
            self.db["screening_decisions"].upsert(_fits("screening_decisions", rows.screening_decision_row(decision)),
                                                  pk="key")
        return Change("screening", "update", decision.key)

    def clear_screening_decision(self, key: str) -> Change:
        """Undo a decision: the hit is open again."""
        with self._write("reopen screening hit", "screening", {"key": key}):
            self._conn.execute("DELETE FROM screening_decisions WHERE key = ?", (key,))
        return Change("screening", "remove", key)

    def put_inquiry(self, inquiry: Inquiry) -> Change:
        """Record a CBP request for information, or its answer (the same id replaces it)."""
        if not inquiry.asked.strip():
            raise CaseFileError("A request from CBP needs what it asked for, in a few words.")
        unknown = sorted(set(inquiry.response_exhibits) - self.document_paths())
        if unknown:
            raise CaseFileError(f"The answer to {inquiry.id} names documents the case does not hold: "
                                f"{', '.join(unknown)}. Add them first.")
        exists = self._conn.execute("SELECT 1 FROM inquiries WHERE id = ?", (inquiry.id,)).fetchone()
        position = self.position("inquiries", inquiry.id) if exists else self._next_position("inquiries")
        details = {"date": inquiry.date.isoformat(), "asked": inquiry.asked,
                   "response_date": rows.inquiry_row(inquiry, 0)["response_date"],
                   "response_exhibits": list(inquiry.response_exhibits), "contends": list(inquiry.contends)}
        with self._write("record CBP request", f"inquiry:{inquiry.id}", details):
            self.db["inquiries"].upsert(_fits("inquiries", rows.inquiry_row(inquiry, position)), pk="id")
        return Change("inquiries", "update" if exists else "add", inquiry.id)

    def put_gap_explanation(self, gap: GapExplanation) -> Change:
        """Record or replace the importer's explanation of one gap (item and scope)."""
        if not gap.explanation.strip():
            raise CaseFileError("Say in a sentence why the document is not available; the explanation is empty.")
        key = f"{gap.requirement}@{gap.scope}"
        exists = self._conn.execute("SELECT 1 FROM gap_explanations WHERE requirement = ? AND scope = ?",
                                    (gap.requirement, gap.scope)).fetchone()
        with self._write("explain gap", key, json.loads(json.dumps(rows.gap_explanation_row(gap)))):
            self.db["gap_explanations"].upsert(_fits("gap_explanations", rows.gap_explanation_row(gap)),
                                               pk=("requirement", "scope"))
        return Change("gap_explanations", "update" if exists else "add", key)

    def remove_gap_explanation(self, requirement: str, scope: str) -> Change:
        key = f"{requirement}@{scope}"
        with self._write("remove gap explanation", key, {}):
            self._conn.execute("DELETE FROM gap_explanations WHERE requirement = ? AND scope = ?", (requirement, scope))
        return Change("gap_explanations", "remove", key)

    def remove_inquiry(self, inquiry_id: str) -> Change:
        with self._write("remove CBP request", f"inquiry:{inquiry_id}", {}):
            self._conn.execute("DELETE FROM inquiries WHERE id = ?", (inquiry_id,))
        return Change("inquiries", "remove", inquiry_id)

    def set_evidence_statement(self, statement: EvidenceStatement | None) -> Change:
        """Record the signed statement that the evidence is clear and convincing; None withdraws it."""
        if statement is None:
            with self._write("withdraw evidence statement", "case", {}):
                self._conn.execute("DELETE FROM evidence_statement")
            return Change("evidence_statement", "remove", "case")
        if not statement.summary.strip() or not statement.signed_by.strip():
            raise CaseFileError("The evidence statement needs its summary and the name of the person signing it off.")
        details = {"signed_by": statement.signed_by, "signed_on": statement.signed_on.isoformat()}
        with self._write("sign off evidence statement", "case", details):
            self.db["evidence_statement"].upsert(_fits("evidence_statement", rows.evidence_statement_row(statement)), pk="id")
        return Change("evidence_statement", "update", "case")

    def set_order(self, order: DetentionOrder | None) -> Change:
        """Record the order the goods are held under; None removes it."""
        if order is None:
            with self._write("remove detention order", "case", {}):
                self._conn.execute("DELETE FROM detention_order")
            return Change("detention_order", "remove", "case")
        row = rows.order_row(order)
        details = {key: value for key, value in row.items() if key != "id"}
        with self._write("record detention order", "case", details):
            self.db["detention_order"].upsert(_fits("detention_order", row), pk="id")
        return Change("detention_order", "update", "case")

    def set_extension_requests(self, requests: Sequence[ExtensionRequest]) -> Change:
        """Replace the recorded requests for more time with ``requests``, in this order."""
        if any(not request.task.strip() for request in requests):
            raise CaseFileError("Each extension request needs the task it asked more time for.")
        table = [rows.extension_request_row(request, i) for i, request in enumerate(requests)]
        with self._write("record extension requests", "case", {"requests": table}):
            self._conn.execute("DELETE FROM extension_requests")
            self.db["extension_requests"].insert_all(_fits("extension_requests", row) for row in table)
        return Change("extension_requests", "update", "case")

    def set_setting(self, key: str, value: str) -> None:
        with self._write("change setting", f"setting:{key}", {"value": value}):
            self.db["settings"].upsert(_fits("settings", {"key": key, "value": value}), pk="key")

    def write_case(self, case: Case, blobs: Mapping[str, bytes], source: str,
                   texts: Mapping[str, str] | None = None) -> None:
        """Fill an empty case with a whole case in one transaction (import of a description).

        Args:
            blobs: every original and rendition, by SHA-256.
            texts: document path to the text of its first pages, for full-text search.
        """
        details = {
            "source": source,
            "entities": len(case.entities),
            "links": len(case.links),
            "documents": len(case.documents),
        }
        with self._write("import case description", "case", details):
            self.db["shipment"].upsert(_fits("shipment", rows.shipment_row(case.shipment)), pk="id")
            self.db["entities"].insert_all(_fits("entities", rows.entity_row(e, i)) for i, e in enumerate(case.entities))
            for entity in case.entities:
                self._write_recipe(entity)
            self.db["links"].insert_all(_fits("links", rows.link_row(k, i)) for i, k in enumerate(case.links))
            added_at = _now()
            for document in case.documents:
                rendition = blobs[document.rendition_sha256] if document.rendition_sha256 else None
                self._insert_document(document, blobs[document.sha256], rendition, (texts or {}).get(document.path, ""),
                                      added_at)
            self.db["not_applicable"].insert_all(_fits("not_applicable", dataclasses.asdict(n)) for n in case.not_applicable)
            self.db["inquiries"].insert_all(_fits("inquiries", rows.inquiry_row(q, i)) for i, q in enumerate(case.inquiries))
            if case.evidence_statement is not None:
                self.db["evidence_statement"].insert(
                    _fits("evidence_statement", rows.evidence_statement_row(case.evidence_statement)))
            self.db["gap_explanations"].insert_all(_fits("gap_explanations", rows.gap_explanation_row(g))
                                                   for g in case.gap_explanations)
            if case.order is not None:
                self.db["detention_order"].insert(_fits("detention_order", rows.order_row(case.order)))
            self.db["extension_requests"].insert_all(_fits("extension_requests", rows.extension_request_row(r, i))
                                                     for i, r in enumerate(case.extension_requests))

    def _insert_document(self, document: Document, data: bytes, rendition: bytes | None, text: str,
                         added_at: str) -> None:
        for blob in (data, rendition):
            if blob is not None:
                self._conn.execute(
                    "INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)",
                    (hashlib.sha256(blob).hexdigest(), len(blob), blob),
                )
        doc_id = self.db["documents"].insert(_fits("documents", rows.document_row(document, added_at))).last_pk
        self._insert_ties(doc_id, document)
        if text:
            # The text only feeds search: past its limit it is cut, not refused.
            self._conn.execute("INSERT INTO document_text (document_id, text) VALUES (?, ?)",
                               (doc_id, limits.truncate_utf8(text, limits.cell_limit("document_text", "text"))))

    def _insert_ties(self, doc_id: int, document: Document) -> None:
        self._conn.executemany(
            "INSERT INTO document_entities (document_id, entity_id) VALUES (?, ?)",
            [(doc_id, e) for e in document.entities],
        )
        self._conn.executemany(
            "INSERT INTO document_links (document_id, link_id) VALUES (?, ?)",
            [(doc_id, k) for k in document.links],
        )

    def _next_position(self, table: str) -> int:
        return self._conn.execute(f"SELECT COALESCE(MAX(position) + 1, 0) FROM {table}").fetchone()[0]

    def position(self, table: str, key: str) -> int:
        """Where an entity, link or inquiry stands in its table's order."""
        row = self._conn.execute(f"SELECT position FROM {table} WHERE id = ?", (key,)).fetchone()
        if row is None:
            raise CaseFileError(f"The case has no {table[:-1]} {key}.")
        return int(row[0])


def _fits(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` as it is, when every text fits the limits the opener enforces."""
    problem = limits.row_problem(table, row)
    if problem:
        raise CaseFileError(f"Cannot save this: {problem}. The case is unchanged.")
    return row


def _audit_details(details: Mapping[str, Any]) -> str:
    """The audit entry's details as JSON, cut down when a long value (a 1 MB reason that was
    itself accepted) would make the entry larger than the opener accepts."""
    text = json.dumps(details, default=str, sort_keys=True)
    limit = limits.cell_limit("audit_log", "details")
    if len(text) <= limit:
        return text
    # ASCII (json.dumps escapes the rest); escaping the prefix again at most doubles it.
    return json.dumps({"details_cut_to_fit": text[: limit // 4]})


def write_new_case(
    path: str | os.PathLike[str], case: Case, blobs: Mapping[str, bytes], *, source: str, overwrite: bool = False,
    texts: Mapping[str, str] | None = None,
) -> None:
    """Write a complete case to ``path`` atomically.

    The case is built in a temporary file beside the target and renamed into place only
    when it is complete, so a failure or interruption leaves no partial case at ``path``.
    """
    target = Path(path)
    if target.exists() and not overwrite:
        raise CaseFileError(f"{target} already exists; choose another name or allow overwriting.")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise CaseFileError(f"The folder {folder} does not exist; create it or choose another place.")
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=folder)
    os.close(fd)
    temp = Path(temp_name)
    temp.unlink()
    try:
        with CaseFile.create(temp, case.shipment) as casefile:
            casefile.write_case(case, blobs, source, texts)
        os.replace(temp, target)
    except BaseException:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            leftover.unlink(missing_ok=True)
        raise
