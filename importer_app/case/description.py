"""Moving a case between a case description (TOML plus document files) and a case file."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from importer_app.case.intake import AddOptions, Candidate, document_for, process
from importer_app.core.catalog import Catalog
from importer_app.core.description import CaseSpec, parse_description
from importer_app.core.description_writer import render_description
from importer_app.core.errors import AppError, DescriptionError, Problem
from importer_app.core.model import Case, Document
from importer_app.core.progress import CancelToken, Progress
from importer_app.core.safe_names import safe_relative_path, unique_name
from importer_app.fileio import write_file_atomically
from importer_app.intake import Refusal
from importer_app.store.casefile import CaseFile, write_new_case


def read_description(spec_path: Path, catalog: Catalog, *, progress: Progress | None = None,
                     cancel: CancelToken | None = None) -> tuple[Case, dict[str, bytes], dict[str, str]]:
    """Parse a description and take in its documents through document intake.

    Returns:
        The case, every original and rendition by SHA-256, and each document's text by path.

    Raises:
        DescriptionError: every problem of the description and of its document files.
        AppError: the description itself cannot be read.
    """
    try:
        text = spec_path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise AppError(f"{spec_path} does not exist.") from error
    except UnicodeDecodeError as error:
        raise AppError(f"{spec_path} is not a UTF-8 text file; save it as UTF-8 and try again.") from error
    except OSError as error:
        raise AppError(f"{spec_path} cannot be read ({error.strerror}).") from error
    base = spec_path.parent
    spec = parse_description(
        text,
        spec_path.name,
        file_exists=lambda p: (base / PurePosixPath(p)).is_file(),
        known_requirements={row.id for row in catalog.information_types},
        known_commodities=catalog.sectors.keys(),
        known_contentions=catalog.contentions.keys(),
    )
    return _take_in_documents(spec, base, spec_path.name, catalog, progress, cancel)


def _take_in_documents(spec: CaseSpec, base: Path, file: str, catalog: Catalog, progress: Progress | None,
                       cancel: CancelToken | None) -> tuple[Case, dict[str, bytes], dict[str, str]]:
    candidates = [Candidate(base / PurePosixPath(doc.path), doc.path) for doc in spec.documents]
    passwords = {str(c.source): doc.password for c, doc in zip(candidates, spec.documents) if doc.password}
    outcomes = dict(process(candidates, AddOptions(passwords=passwords), catalog, progress=progress, cancel=cancel))
    if cancel is not None and cancel.cancelled:
        raise AppError("The import was cancelled; no case file was written.")
    documents: list[Document] = []
    blobs: dict[str, bytes] = {}
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for index, (candidate, doc) in enumerate(zip(candidates, spec.documents)):
        outcome = outcomes[candidate]
        if isinstance(outcome, Refusal):
            problems.append(Problem(file, None, f"documents[{index + 1}].path", outcome.reason))
            continue
        options = AddOptions(type=doc.type, entities=doc.entities, links=doc.links)
        metadata = {"title": doc.title} if doc.title else {}
        documents.append(document_for(outcome, doc.path, options, catalog, date=doc.date, references=doc.references,
                                      language=doc.language, translation_of=doc.translation_of, **metadata))
        blobs[outcome.sha256] = outcome.original
        if outcome.rendition is not None:
            blobs[documents[-1].rendition_sha256] = outcome.rendition
        texts[doc.path] = outcome.text
    if problems:
        raise DescriptionError(problems)
    case = Case(
        shipment=spec.shipment,
        entities=spec.entities,
        links=spec.links,
        documents=tuple(documents),
        not_applicable=spec.not_applicable,
        inquiries=spec.inquiries,
        evidence_statement=spec.evidence_statement,
        gap_explanations=spec.gap_explanations,
        order=spec.order,
        extension_requests=spec.extension_requests,
    )
    return case, blobs, texts


def import_description(spec_path: Path, out_path: Path, catalog: Catalog, *, overwrite: bool = False,
                       progress: Progress | None = None, cancel: CancelToken | None = None) -> Case:
    """Create the case file ``out_path`` from a description; all or nothing."""
    case, blobs, texts = read_description(spec_path, catalog, progress=progress, cancel=cancel)
    write_new_case(out_path, case, blobs, source=spec_path.name, overwrite=overwrite, texts=texts)
    return case


def export_description(casefile: CaseFile, *, out_path: Path | None = None, export_dir: Path | None = None) -> str:
    """The description of an open case; with ``export_dir``, also write every document there.

    Document paths in the text are relative to the folder of ``out_path`` (or the current
    folder), so ``describe -o DIR/case.toml --export-documents DIR`` gives a folder that
    imports back into the same case.
    """
    case = casefile.load()
    paths: dict[str, str] = {}
    if export_dir is not None:
        toml_dir = (out_path.parent if out_path is not None else Path.cwd()).resolve()
        taken: set[str] = set()
        for document in case.documents:
            target = _export_target(export_dir, document.path, taken)
            write_file_atomically(target, casefile.read_blob(document.sha256))
            paths[document.path] = Path(os.path.relpath(target.resolve(), toml_dir)).as_posix()
    text = render_description(case, paths)
    if out_path is not None:
        write_file_atomically(out_path, text.encode("utf-8"))
    return text


def _export_target(export_dir: Path, document_path: str, taken: set[str]) -> Path:
    """Where a document is written: its path made of safe names (one too long for a file
    system is shortened), never outside ``export_dir`` even through a link inside it."""
    root = export_dir.resolve()
    name = unique_name(str(safe_relative_path(document_path)), taken)
    target = (root / PurePosixPath(name)).resolve()
    if not target.is_relative_to(root):
        raise AppError(
            f"The document {document_path!r} would be written outside {export_dir} (a link"
            " inside that folder points elsewhere); it was not exported. Choose an empty folder."
        )
    return target
