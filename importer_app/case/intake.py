"""Adding files to a case: intake in worker processes, then one store transaction per file.

The command line runs :func:`add_files`; the window runs :func:`process` on a worker thread
and :func:`store` on the GUI thread (the case file is only ever touched by one thread).
A cancelled batch keeps every file already stored and never a partial one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from importer_app.core.catalog import Catalog
from importer_app.core.display_names import clean_name
from importer_app.core.errors import AppError
from importer_app.core.model import Document
from importer_app.core.progress import CancelToken, Progress
from importer_app.core.safe_names import safe_relative_path
from importer_app.intake import IntakeItem, ProcessedFile, Refusal, process_files
from importer_app.store.casefile import CaseFile

SUGGESTION_APPLIED_AT = 0.8
"""A type suggested at least this surely is used when the user named no type; the document
says so in its notes and the user can change it."""


@dataclass(frozen=True)
class AddOptions:
    """What the user said about the files being added.

    Attributes:
        type: the document type for every file; empty lets each file's text suggest one.
        entities: entity ids the files speak for.
        links: link ids the files prove.
        passwords: file name or path (as given) to the password that opens it once.
        time_limit_s: per-file limit for reading a file.
        workers: processes used side by side.
    """

    type: str = ""
    entities: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    passwords: Mapping[str, str] = field(default_factory=dict, repr=False)
    time_limit_s: float = 60.0
    workers: int = 2


@dataclass(frozen=True)
class IntakeResult:
    """What happened to one file.

    Attributes:
        source: the file as the user named it.
        code: ``added``, ``duplicate``, or a refusal code of ``intake.REFUSAL_CODES``.
        message: one sentence for the user.
        document: the stored document, for ``added``.
    """

    source: str
    code: str
    message: str
    document: Document | None = None

    @property
    def added(self) -> bool:
        return self.code == "added"


@dataclass(frozen=True)
class Candidate:
    """A file found on disk and the name it will have in the case.

    Attributes:
        outside: for a link inside a folder that points outside it, where it points; such a
            file is not read but reported, so that dropping a folder never takes in a file
            from elsewhere on the computer without the user seeing it.
    """

    source: Path
    path_in_case: str
    outside: str = ""


def collect(paths: Sequence[Path]) -> list[Candidate]:
    """Files named, and the files inside folders named (hidden files skipped), in name order.

    The name in the case is cleaned of bidirectional controls and other invisible characters
    (``display_names.clean_name``): it is what the window, the check and the bundle show.

    Raises:
        AppError: a path that does not exist.
    """
    found: list[Candidate] = []
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            for file in sorted(_folder_entries(path)):
                relative = file.relative_to(path)
                if any(part.startswith(".") for part in relative.parts):
                    continue
                target = file.resolve()
                name = str(safe_relative_path(f"{root.name}/{relative.as_posix()}"))
                if not target.is_relative_to(root):
                    found.append(Candidate(file, name, outside=str(target)))
                elif file.is_file():
                    found.append(Candidate(file, name))
        elif path.is_file():
            found.append(Candidate(path, str(safe_relative_path(path.name))))
        else:
            raise AppError(f"{path} does not exist. Check the name and try again.")
    return found


def _folder_entries(folder: Path) -> Iterator[Path]:
    """Every file and link under ``folder``, without following links to folders."""
    for parent, folders, files in os.walk(folder, followlinks=False):
        yield from (Path(parent) / name for name in files)
        yield from (Path(parent) / name for name in folders if (Path(parent) / name).is_symlink())


def process(candidates: Sequence[Candidate], options: AddOptions, catalog: Catalog, *,
            progress: Progress | None = None, cancel: CancelToken | None = None
            ) -> Iterator[tuple[Candidate, ProcessedFile | Refusal]]:
    """Read and check each file in worker processes; yields as each one finishes."""
    for candidate in candidates:
        if candidate.outside:
            yield candidate, Refusal(candidate.path_in_case, "link-outside", (
                f"{candidate.path_in_case} is a link to {candidate.outside}, outside the folder added; it was"
                " not followed. Add that file itself if it belongs to the case."))
    candidates = [candidate for candidate in candidates if not candidate.outside]
    items = [
        IntakeItem(name=c.path_in_case, path=c.source,
                   password=options.passwords.get(str(c.source), options.passwords.get(c.source.name, "")))
        for c in candidates
    ]
    keywords = {type_id: entry.keywords for type_id, entry in catalog.document_types.items()}
    for index, outcome in process_files(items, progress=progress, cancel=cancel, time_limit_s=options.time_limit_s,
                                        workers=options.workers, type_keywords=keywords):
        yield candidates[index], outcome


def store(casefile: CaseFile, candidate: Candidate, outcome: ProcessedFile | Refusal,
          options: AddOptions, catalog: Catalog) -> IntakeResult:
    """Put one processed file into the case (one transaction), or explain why not."""
    source = str(candidate.source)
    if isinstance(outcome, Refusal):
        return IntakeResult(source, outcome.code, outcome.reason)
    existing = casefile.document_with_bytes(outcome.sha256)
    if existing is not None:
        return IntakeResult(source, "duplicate", f"{clean_name(candidate.source.name)} is already in the case as"
                            f" {existing}; it was not added again.")
    taken = casefile.document_paths()
    document = document_for(outcome, unique_path(candidate.path_in_case, taken), options, catalog)
    try:
        casefile.add_document(document, outcome.original, rendition=outcome.rendition, text=outcome.text)
    except AppError as error:
        return IntakeResult(source, "not-stored", str(error))
    return IntakeResult(source, "added", _added_message(candidate, document, catalog), document)


def add_files(casefile: CaseFile, paths: Sequence[Path], options: AddOptions, catalog: Catalog, *,
              progress: Progress | None = None, cancel: CancelToken | None = None) -> list[IntakeResult]:
    """Add files and folders to an open case; one result per file, in the order they finished."""
    candidates = collect(paths)
    return [store(casefile, candidate, outcome, options, catalog)
            for candidate, outcome in process(candidates, options, catalog, progress=progress, cancel=cancel)]


def document_for(processed: ProcessedFile, path: str, options: AddOptions, catalog: Catalog,
                 **metadata: object) -> Document:
    """The case's document for a processed file; ``metadata`` overrides (title, date, ...)."""
    suggestion = processed.suggestions.document_types[0] if processed.suggestions.document_types else None
    notes = list(processed.notes)
    doc_type = options.type
    if not doc_type:
        if suggestion is not None and suggestion.confidence >= SUGGESTION_APPLIED_AT:
            doc_type = suggestion.type_id
            notes.append(f"type set from its text ({catalog.document_types[doc_type].name}): check it")
        else:
            doc_type = "other"
    document = Document(
        path=path,
        sha256=processed.sha256,
        type=doc_type,
        size=len(processed.original),
        title=PurePosixPath(path).stem,
        entities=options.entities,
        links=options.links,
        page_count=processed.page_count if processed.pages else None,
        media_type=processed.media_type,
        original_name=processed.name,
        rendition_sha256=_sha256(processed.rendition),
        rendition_reason=processed.rendition_reason,
        needs_rendition=processed.needs_rendition,
        pages=processed.pages,
        notes=tuple(notes),
        restrictions=processed.restrictions,
        hostile=processed.hostile,
        suggested_type=suggestion.type_id if suggestion else "",
        suggested_confidence=suggestion.confidence if suggestion else 0.0,
    )
    return dataclasses.replace(document, **metadata) if metadata else document


def unique_path(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``name (2).ext`` and so on when a document of that name exists."""
    if wanted not in taken:
        return wanted
    pure = PurePosixPath(wanted)
    number = 2
    while True:
        candidate = str(pure.with_name(f"{pure.stem} ({number}){pure.suffix}"))
        if candidate not in taken:
            return candidate
        number += 1


def _sha256(data: bytes | None) -> str:
    return hashlib.sha256(data).hexdigest() if data is not None else ""


def _added_message(candidate: Candidate, document: Document, catalog: Catalog) -> str:
    kind = catalog.document_types[document.type].name
    pages = f", {document.page_count} page{'s' if document.page_count != 1 else ''}" if document.page_count else ""
    notes = f"; {'; '.join(document.notes)}" if document.notes else ""
    return f"{clean_name(candidate.source.name)}: added as {document.path} ({kind}{pages}){notes}."
