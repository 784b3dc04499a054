"""Imported list versions, kept as one JSON file per snapshot in ``data_dir()/lists``.

One file per snapshot keeps every version the user ever screened against (the bundle cites
a version by its SHA-256) and makes each import one atomic rename: a crash or a refused
file never leaves a half-written list in force. The list in force is the snapshot imported
(or re-imported) last. Each call lists the folder; a file's contents are parsed once per
process (``_parse_stored``), since versions pile up and every check asks which is in force.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from importer_app import paths
from importer_app.core import limits
from importer_app.core.byte_sizes import MB, size_text
from importer_app.core.errors import ListFileError, ListStoreError
from importer_app.screening.model import LIST_IDS, ImportResult, ListedEntity, Snapshot
from importer_app.screening.sources import parse_list_file

FORMAT = 1
_ENTITY_FIELDS = ("name", "aliases", "section", "status", "effective_date", "country",
                  "merchandise", "note", "remarks", "source")


def import_list(path: Path, now: dt.datetime) -> ImportResult:
    """Parse an official list file and store it as the version in force.

    Args:
        path: the CBP WRO/Findings CSV or the saved DHS UFLPA Entity List page.
        now: the import time; a naive time is taken as UTC.

    Returns:
        The snapshot now in force for that list. When the same bytes were imported before,
        that snapshot is confirmed (``confirmed_at`` moves to ``now``) instead of copied.

    Raises:
        ListFileError: the file cannot be read, is neither list, or is malformed; nothing
            is stored and the snapshots in force stay in force.
        ListStoreError: the snapshot cannot be written.
    """
    now = now.replace(tzinfo=dt.UTC) if now.tzinfo is None else now.astimezone(dt.UTC)
    data = _read_bytes(path)
    sha256 = hashlib.sha256(data).hexdigest()
    same = [snapshot for snapshot in list_snapshots() if snapshot.sha256 == sha256]
    if same:
        confirmed = _fitting_a_case(dataclasses.replace(same[-1], confirmed_at=now))
        _write(confirmed)
        return ImportResult(confirmed, already_imported=True)
    snapshot = _parse(data, path.name, now)
    _write(snapshot)
    return ImportResult(snapshot, already_imported=False)


def read_list_file(path: Path, now: dt.datetime) -> Snapshot:
    """Parse an official list file into a snapshot imported at ``now``, storing nothing.

    Raises:
        ListFileError: the file cannot be read, is neither list, or is malformed.
    """
    return _parse(_read_bytes(path), path.name, now)


# The official files are well under a megabyte (the UFLPA page) and a few hundred kilobytes
# (the WRO CSV); a file far larger is another file chosen by mistake, not worth reading whole.
MAX_FILE_BYTES = 50 * MB


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ListFileError(f"the file is {size_text(size)}, far larger than either official list;"
                                " choose the CSV or the saved HTML page you downloaded", file=path.name)
        return path.read_bytes()
    except OSError as error:
        raise ListFileError(f"the file cannot be read ({error.strerror})", file=path.name) from None


def _parse(data: bytes, file_name: str, now: dt.datetime) -> Snapshot:
    sha256 = hashlib.sha256(data).hexdigest()
    parsed = parse_list_file(data, file_name)
    return _fitting_a_case(Snapshot(
        id=f"{parsed.list_id}-{now:%Y%m%dT%H%M%S%fZ}-{sha256[:12]}", list_id=parsed.list_id,
        source_kind=parsed.source_kind, file_name=file_name, sha256=sha256, imported_at=now,
        confirmed_at=now, entities=parsed.entities, notes=parsed.notes,
    ))


def _fitting_a_case(snapshot: Snapshot) -> Snapshot:
    # Every case screened against this version keeps a copy of it: a version larger than a
    # case may hold would make those cases unopenable, so it is refused here.
    size = limits.utf8_size(snapshot_to_json(snapshot))
    limit = limits.cell_limit("screening_lists", "snapshot")
    if size > limit:
        raise ListFileError(
            f"its {snapshot.entity_count:,} entries would take {size_text(size)} in every case screened"
            f" against it, more than the {size_text(limit)} a case keeps; the official lists are far"
            " smaller: choose the CSV or the saved HTML page you downloaded", file=snapshot.file_name)
    return snapshot


def list_snapshots() -> tuple[Snapshot, ...]:
    """Every stored snapshot of every list, the one confirmed last at the end.

    Raises:
        ListStoreError: a stored snapshot cannot be read.
    """
    folder = _folder()
    if not folder.is_dir():
        return ()
    snapshots = [_read(file) for file in folder.glob("*.json")]
    return tuple(sorted(snapshots, key=lambda s: (s.confirmed_at, s.imported_at, s.id)))


def current_snapshots() -> dict[str, Snapshot]:
    """The snapshot in force for each list that was ever imported, by list id.

    Raises:
        ListStoreError: a stored snapshot cannot be read.
    """
    latest = {snapshot.list_id: snapshot for snapshot in list_snapshots()}
    return {list_id: latest[list_id] for list_id in LIST_IDS if list_id in latest}


def _folder() -> Path:
    return paths.data_dir() / "lists"


def _write(snapshot: Snapshot) -> None:
    folder = _folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".import-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(snapshot_to_json(snapshot))
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, folder / f"{snapshot.id}.json")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ListStoreError(f"The list could not be saved in {folder} ({error.strerror}); "
                             "the lists in force are unchanged.") from None


def snapshot_to_json(snapshot: Snapshot) -> str:
    """A snapshot as the JSON text kept in the data folder and in case files."""
    document = {
        "format": FORMAT,
        **{key: getattr(snapshot, key) for key in ("id", "list_id", "source_kind", "file_name", "sha256")},
        "imported_at": snapshot.imported_at.isoformat(),
        "confirmed_at": snapshot.confirmed_at.isoformat(),
        "entity_count": snapshot.entity_count,
        "notes": list(snapshot.notes),
        "entities": [_entity_json(entity) for entity in snapshot.entities],
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def _entity_json(entity: ListedEntity) -> dict[str, Any]:
    values = {key: getattr(entity, key) for key in _ENTITY_FIELDS}
    values["aliases"] = list(entity.aliases)
    values["effective_date"] = entity.effective_date.isoformat() if entity.effective_date else None
    return values


def _read(file: Path) -> Snapshot:
    try:
        stat = file.stat()
    except OSError as error:
        raise ListStoreError(f"The list snapshot {file} cannot be read ({error}); delete it and "
                             "import the list again.") from None
    return _parse_stored(file, stat.st_mtime_ns, stat.st_size)


# Every version ever imported is kept, and each check asks which is in force: parse each file
# once per process. A file is only ever replaced whole (rename), which changes its mtime.
@functools.lru_cache(maxsize=64)
def _parse_stored(file: Path, mtime_ns: int, size: int) -> Snapshot:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, ValueError) as error:
        raise ListStoreError(f"The list snapshot {file} cannot be read ({error}); delete it and "
                             "import the list again.") from None
    return snapshot_from_json(text, f"The list snapshot {file}",
                              "delete it and import the list again")


def snapshot_from_json(text: str, what: str, remedy: str) -> Snapshot:
    """Read back ``snapshot_to_json``'s text.

    Args:
        what: the snapshot's place, for the message ("The list snapshot /path/x.json").
        remedy: what the user can do when it cannot be read.

    Raises:
        ListStoreError: the text is not a snapshot this version can read.
    """
    try:
        document = json.loads(text)
        if document["format"] > FORMAT:
            raise ListStoreError(f"{what} was written by a newer version of importer_app; "
                                 "update the app to use it.")
        return Snapshot(
            id=document["id"], list_id=document["list_id"], source_kind=document["source_kind"],
            file_name=document["file_name"], sha256=document["sha256"],
            imported_at=_utc(document["imported_at"]), confirmed_at=_utc(document["confirmed_at"]),
            entities=tuple(_entity(document["list_id"], values) for values in document["entities"]),
            notes=tuple(document["notes"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ListStoreError(f"{what} cannot be read ({error}); {remedy}.") from None


def _utc(text: str) -> dt.datetime:
    """A stored time; one without a zone (written by hand or another tool) is UTC."""
    value = dt.datetime.fromisoformat(text)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def _entity(list_id: str, values: dict[str, Any]) -> ListedEntity:
    date = values["effective_date"]
    return ListedEntity(
        list_id=list_id, **{key: values[key] for key in _ENTITY_FIELDS if key not in ("aliases", "effective_date")},
        aliases=tuple(values["aliases"]), effective_date=dt.date.fromisoformat(date) if date else None,
    )
