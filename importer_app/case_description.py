"""Moving a case between a case description (TOML plus document files) and a case file."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection
from pathlib import Path, PurePosixPath

from importer_app.core.description import CaseSpec, parse_description
from importer_app.core.description_writer import render_description
from importer_app.core.errors import AppError, DescriptionError, DocumentError, Problem
from importer_app.core.model import Case, Document
from importer_app.intake.pdfinfo import pdf_page_count
from importer_app.store.casefile import CaseFile, write_new_case


def read_description(spec_path: Path, *, known_requirements: Collection[str] | None = None) -> tuple[Case, dict[str, bytes]]:
    """Parse a description and read its documents: the case and its blobs by hash.

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
        known_requirements=known_requirements,
    )
    return _read_documents(spec, base, spec_path.name)


def _read_documents(spec: CaseSpec, base: Path, file: str) -> tuple[Case, dict[str, bytes]]:
    documents: list[Document] = []
    blobs: dict[str, bytes] = {}
    problems: list[Problem] = []
    for index, doc in enumerate(spec.documents):
        location = f"documents[{index + 1}].path"
        try:
            data = (base / PurePosixPath(doc.path)).read_bytes()
            pages = pdf_page_count(data, doc.path, password=doc.password)
        except DocumentError as error:
            problems.append(Problem(file, None, location, str(error)))
            continue
        except OSError as error:
            problems.append(Problem(file, None, location, f"{doc.path} cannot be read ({error.strerror})"))
            continue
        digest = hashlib.sha256(data).hexdigest()
        blobs[digest] = data
        documents.append(
            Document(
                path=doc.path,
                sha256=digest,
                type=doc.type,
                size=len(data),
                title=doc.title,
                date=doc.date,
                entities=doc.entities,
                links=doc.links,
                references=doc.references,
                language=doc.language,
                translation_of=doc.translation_of,
                page_count=pages,
            )
        )
    if problems:
        raise DescriptionError(problems)
    case = Case(
        shipment=spec.shipment,
        entities=spec.entities,
        links=spec.links,
        documents=tuple(documents),
        not_applicable=spec.not_applicable,
    )
    return case, blobs


def import_description(
    spec_path: Path,
    out_path: Path,
    *,
    overwrite: bool = False,
    known_requirements: Collection[str] | None = None,
) -> Case:
    """Create the case file ``out_path`` from a description; all or nothing."""
    case, blobs = read_description(spec_path, known_requirements=known_requirements)
    write_new_case(out_path, case, blobs, source=spec_path.name, overwrite=overwrite)
    return case


def describe_case(case_path: Path, *, out_path: Path | None = None, export_dir: Path | None = None) -> str:
    """The description of the case file at ``case_path`` (opened read-only); see :func:`export_description`."""
    with CaseFile.open(case_path, readonly=True) as casefile:
        return export_description(casefile, out_path=out_path, export_dir=export_dir)


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
        for document in case.documents:
            target = _export_target(export_dir, document.path)
            _write_file(target, casefile.read_blob(document.sha256))
            paths[document.path] = Path(os.path.relpath(target.resolve(), toml_dir)).as_posix()
    text = render_description(case, paths)
    if out_path is not None:
        _write_file(out_path, text.encode("utf-8"))
    return text


def _export_target(export_dir: Path, document_path: str) -> Path:
    root = export_dir.resolve()
    target = (root / PurePosixPath(document_path)).resolve()
    if not target.is_relative_to(root):
        raise AppError(
            f"The case names a document {document_path!r} that would be written outside"
            f" {export_dir}; it was not exported. The case file may have been tampered with."
        )
    return target


def _write_file(target: Path, data: bytes) -> None:
    """Write via a temporary name in the same folder, then rename into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.partial")
    try:
        temp.write_bytes(data)
        os.replace(temp, target)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise AppError(f"Could not write {target} ({error.strerror}).") from error
