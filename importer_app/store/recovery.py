"""Finishing what a writer stopped half-way through left in a case's rollback journal.

A case file is written in WAL mode and turned back into one rollback-journal file when it
closes; a crash or power loss at that moment leaves a hot ``-journal`` beside it. SQLite would
undo the unfinished change on the next write-enabled open, writing into the case from the
journal's bytes before any of the opener's checks. A received file may carry a journal too,
so the undo is done on a copy beside the case, the copy goes through every check of the opener,
and only a copy that passes replaces the case (one rename); otherwise both files stay as they
were and the user is told why.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from importer_app.core.errors import CaseFileError


def journal_of(path: Path) -> Path:
    return path.with_name(f"{path.name}-journal")


def undo_unfinished_change(path: Path, inspect: Callable[[Path], int]) -> None:
    """Undo the change left in ``path``'s journal on a checked copy, then put the copy in place.

    Raises:
        CaseFileError: the folder cannot be written, or the undone copy is not a case the
            opener accepts; ``path`` and its journal are left as they were.
    """
    journal = journal_of(path)
    unfinished = (f"{path} has an unfinished change in {journal.name} beside it, left by a program that stopped"
                  " while writing")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.recovering-", dir=path.parent)
    except OSError as error:
        raise CaseFileError(f"{unfinished}. Undoing it needs to write in {path.parent}, which failed ({error});"
                            " make the folder writable and open the case again. Both files were left as they"
                            " are.") from error
    copy = Path(name)
    try:
        os.close(handle)
        shutil.copyfile(path, copy)
        shutil.copyfile(journal, journal_of(copy))
        conn = sqlite3.connect(copy)
        try:
            conn.execute("PRAGMA user_version").fetchone()  # the first read undoes the change
        finally:
            conn.close()
        if journal_of(copy).exists() and journal_of(copy).stat().st_size > 0:
            raise CaseFileError(f"{unfinished}, and SQLite could not undo it. Both files were left as they are;"
                                " open a backup copy, or ask the sender for the file again.")
        try:
            inspect(copy)
        except CaseFileError as refused:
            raise CaseFileError(f"{unfinished}. Undone, it would give a file importer_app refuses: {refused}"
                                " Both files were left as they are.") from refused
        # The checks read the copy read-only: when the undone change was the switch out of WAL
        # mode, that left the copy's -wal and -shm beside it; a last read-write close removes them.
        conn = sqlite3.connect(copy)
        try:
            conn.execute("PRAGMA user_version").fetchone()
        finally:
            conn.close()
        with copy.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(copy, path)
    except sqlite3.Error as error:
        raise CaseFileError(f"{unfinished}, and undoing it failed ({error}). Both files were left as they are;"
                            " open a backup copy, or ask the sender for the file again.") from error
    except OSError as error:
        raise CaseFileError(f"{unfinished}. Undoing it failed ({error}); both files were left as they are."
                            " Check that the disk has room and the folder is writable, then open the case"
                            " again.") from error
    finally:
        for left in (copy, *(copy.with_name(copy.name + end) for end in ("-journal", "-wal", "-shm"))):
            left.unlink(missing_ok=True)
    # After the rename the journal describes a change the case no longer holds; undoing it
    # again would write the same pages, so losing this step to a crash is harmless.
    journal.unlink(missing_ok=True)
