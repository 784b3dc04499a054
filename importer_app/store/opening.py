"""Opening a case file safely: checks made before any write, and the errors users see.

A file is inspected through a read-only connection first, so that a file we refuse (newer
version, damaged, untrusted schema) is left byte-for-byte as it was.
"""

from __future__ import annotations

import sqlite3
import stat
import urllib.parse
from pathlib import Path

from importer_app.core import limits
from importer_app.core.byte_sizes import size_text
from importer_app.core.errors import CaseFileError, CaseFileLockedError, CaseFileReadOnlyError, CaseFileVersionError
from importer_app.store.recovery import undo_unfinished_change
from importer_app.store.schema import current_version, unexpected_objects

APPLICATION_ID = 1413693779
"""``PRAGMA application_id`` of a case file: the bytes "TCAS"."""

_SQLITE_MAGIC = b"SQLite format 3\x00"
LOCK_TIMEOUT_S = 0.2


def inspect(path: Path, *, recovered: bool = False) -> int:
    """Check a file before opening it for real; return its schema version.

    Uses a read-only connection so that a file we refuse is left byte-for-byte as it was. A
    change a stopped writer left unfinished is undone on a checked copy first (``recovery``);
    ``recovered`` says that was done, so a journal that comes back is not undone twice.
    """
    if not path.exists():
        raise CaseFileError(f"{path} does not exist. Check the name, or create a new case.")
    if path.is_dir():
        raise CaseFileError(f"{path} is a folder, not a case file.")
    kind = _not_a_file(path)
    if kind:
        # Reading a named pipe waits for a writer forever; a device never ends.
        raise CaseFileError(f"{path} is {kind}, not a case file. Choose the .tcase file itself.")
    for companion in _COMPANIONS:
        beside = path.with_name(path.name + companion)
        if beside.is_symlink() or (beside.exists() and _not_a_file(beside)):
            raise CaseFileError(
                f"Beside {path} is {beside.name}, which is a link or not a regular file. A case's"
                f" {companion} file holds its own recent changes, so importer_app does not follow"
                " one that points elsewhere. Remove it if you made it, or ask the sender for the case again."
            )
    with path.open("rb") as handle:
        header = handle.read(len(_SQLITE_MAGIC))
    if header != _SQLITE_MAGIC:
        raise CaseFileError(f"{path} is not an importer_app case file (it is not a SQLite database).")
    try:
        conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, timeout=LOCK_TIMEOUT_S)
    except sqlite3.Error as error:
        raise open_error(path, error) from error
    try:
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.OperationalError as error:
            if getattr(error, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK" and not recovered:
                conn.close()
                undo_unfinished_change(path, lambda copy: inspect(copy, recovered=True))
                return inspect(path, recovered=True)
            raise
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if application_id != APPLICATION_ID:
            raise CaseFileError(f"{path} is a SQLite database but not an importer_app case file.")
        if version > current_version():
            raise CaseFileVersionError(
                f"{path} was saved by a newer version of importer_app (case file version {version});"
                f" this version reads case files up to version {current_version()}."
                " Update importer_app to open it. The file was not changed."
            )
        check = conn.execute("PRAGMA quick_check").fetchall()
        if check != [("ok",)]:
            raise CaseFileError(
                f"{path} is damaged (SQLite integrity check: {check[0][0]}). Open a backup copy"
                " or ask the sender for the file again."
            )
        unexpected = unexpected_objects(conn, version)
        if unexpected:
            raise CaseFileError(
                f"{path} contains database objects importer_app did not create"
                f" ({', '.join(unexpected[:5])}). It was refused because such objects can run"
                " code when the case is edited. Ask the sender to export a case description instead."
            )
        oversized = oversized_value(conn) or overfull_recipe(conn)
        if oversized:
            raise CaseFileError(
                f"{path} holds a value importer_app never writes ({oversized}). It was refused so"
                " that it cannot stall the app. Ask the sender to export a case description instead."
            )
        return int(version)
    except sqlite3.DatabaseError as error:
        raise open_error(path, error) from error
    except ValueError as error:  # text in the file's own tables that is not UTF-8
        raise CaseFileError(f"{path} is damaged ({error}). Open a backup copy or ask the sender for the file"
                            " again.") from error
    finally:
        conn.close()


def oversized_value(conn: sqlite3.Connection) -> str:
    """The first text cell longer than importer_app would write (``limits``), as
    ``table.column, 1.9 MB``; empty when there is none."""
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        " AND name NOT LIKE 'document_text_fts%' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")]
    for table in tables:
        columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")') if row[2].upper() == "TEXT"]
        if not columns:
            continue
        lengths = conn.execute(
            "SELECT " + ", ".join(f'max(length(CAST("{c}" AS BLOB)))' for c in columns) + f' FROM "{table}"'
        ).fetchone()
        for column, length in zip(columns, lengths):
            if length is not None and length > limits.cell_limit(table, column):
                return f"{table}.{column}, {size_text(length)}"
    return ""


def overfull_recipe(conn: sqlite3.Connection) -> str:
    """The first recipe with more rows than ``limits.RECIPE_ROWS``, as ``recipe of ID, N rows``;
    empty when there is none (or the file predates recipes)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'recipe_rows'").fetchone() is None:
        return ""
    row = conn.execute("SELECT entity_id, count(*) FROM recipe_rows GROUP BY entity_id HAVING count(*) > ?"
                       " LIMIT 1", (limits.RECIPE_ROWS,)).fetchone()
    return "" if row is None else f"the recipe of {str(row[0])[:40]!r}, {row[1]} rows"


_COMPANIONS = ("-wal", "-shm", "-journal")
"""Files SQLite keeps beside a database while it is open or after a crash."""


def _not_a_file(path: Path) -> str:
    """What ``path`` is when it is not a regular file (``a named pipe``), else empty."""
    mode = path.stat().st_mode
    for test, kind in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")):
        if test(mode):
            return kind
    return "" if stat.S_ISREG(mode) else "not a regular file"


def connect_writer(path: Path, *, create: bool) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(
            sqlite_uri(path, "rwc" if create else "rw"), uri=True, timeout=LOCK_TIMEOUT_S
        )
    except sqlite3.OperationalError as error:
        raise open_error(path, error) from error
    try:
        # WAL in normal locking mode: readers (check, bundle, a read-only window) read while this
        # connection writes; one writer at a time is the WriterLock's job.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        # A write now, not at the first edit: a file that cannot be written is reported at once.
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("COMMIT")
    except sqlite3.OperationalError as error:
        conn.close()
        raise open_error(path, error) from error
    return conn


def open_error(path: Path, error: sqlite3.Error) -> CaseFileError:
    if isinstance(error, sqlite3.OperationalError) and is_locked(error):
        return CaseFileLockedError(
            f"{path} is already open in another window or program. Close it there and try again."
        )
    if "readonly" in str(error) or "read-only" in str(error) or "unable to open" in str(error):
        return CaseFileReadOnlyError(
            f"{path} cannot be opened for editing ({error}). Check that the file and its folder"
            " are writable, or copy the case to a folder you can write to."
        )
    return CaseFileError(f"{path} cannot be read as a case file ({error}).")


def write_error(path: Path, action: str, error: sqlite3.OperationalError) -> CaseFileError:
    text = str(error)
    if "full" in text:
        return CaseFileError(
            f"Could not {action}: the disk holding {path} is full. Free some space and try again;"
            " the case is unchanged."
        )
    if "readonly" in text or "read-only" in text:
        return CaseFileError(
            f"Could not {action}: {path} is read-only. Copy the case to a folder you can write to."
        )
    return CaseFileError(f"Could not {action} in {path} ({text}); the case is unchanged.")


def sqlite_uri(path: Path, mode: str) -> str:
    return f"file:{urllib.parse.quote(str(path.resolve()))}?mode={mode}"


def is_locked(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)
