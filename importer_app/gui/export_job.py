"""The export as one job for a worker thread: build, sign every volume, verify each one.

The case file is opened with an exclusive lock and its SQLite connection belongs to the GUI
thread, so the worker cannot read stored files from it. :func:`in_memory_source` reads every
file the bundle binds on the GUI thread first; the job then touches no database at all. The
audit log entries are written by the caller, back on the GUI thread, once the job is over.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from importer_app.bundle.build import BundleResult, VolumeResult, build
from importer_app.bundle.identity import LoadedIdentity
from importer_app.bundle.plan import BundleOptions
from importer_app.bundle.signing import SignatureInfo, sign_pdf
from importer_app.bundle.source import BundleSource
from importer_app.bundle.verify import VerifyReport, verify_pdf
from importer_app.core.catalog import Catalog
from importer_app.core.errors import CaseFileError
from importer_app.core.progress import CancelToken, Progress
from importer_app.store.casefile import CaseFile

SIGNING_REASON = "Submission to U.S. Customs and Border Protection"


@dataclass(frozen=True)
class ExportOutcome:
    """What an export wrote.

    Attributes:
        result: the volumes built.
        signed: one entry per volume when signed, else empty.
        reports: the verify report of each signed volume, else empty.
    """

    result: BundleResult
    signed: tuple[SignatureInfo, ...]
    reports: tuple[VerifyReport, ...]

    @property
    def verified(self) -> bool:
        return bool(self.reports) and all(report.intact for report in self.reports)


def in_memory_source(casefile: CaseFile) -> tuple[BundleSource, int]:
    """The bundle source of an open case with every stored file it binds read into memory.

    Call on the thread that owns ``casefile``. Costs as much memory as the case's originals
    and renditions together (the demo: about 3.5 MB), held until the export ends.

    Returns:
        The source, and how many bytes were read.
    """
    source = BundleSource.from_casefile(casefile)
    wanted = {sha for document in source.case.documents for sha in (document.sha256, document.bundle_sha256)}
    blobs = {sha: casefile.read_blob(sha) for sha in sorted(wanted)}

    def read_blob(sha256: str) -> bytes:
        try:
            return blobs[sha256]
        except KeyError:
            raise CaseFileError(f"The case has no stored file with hash {sha256[:12]}...") from None

    return dataclasses.replace(source, read_blob=read_blob), sum(len(data) for data in blobs.values())


def export_job(source: BundleSource, options: BundleOptions, catalog: Catalog, identity: LoadedIdentity | None,
               location: str = "") -> Callable[[Progress, CancelToken], ExportOutcome]:
    """The job a :class:`~importer_app.gui.workers.Worker` runs; see the module docstring.

    Args:
        source: from :func:`in_memory_source` (no database access on the worker).
        options: where and how to build.
        catalog: the requirement catalog.
        identity: signs every volume after the build; None leaves the bundle unsigned.
        location: where it is signed, shown in the signature.
    """

    def job(progress: Progress, cancel: CancelToken) -> ExportOutcome:
        signed: list[SignatureInfo] = []

        def sign(temp: Path, volume: VolumeResult) -> None:
            # In the temporary file, before the build renames it: never unsigned at the target.
            progress(0, 0, f"Signing volume {volume.number}…")
            signed.append(sign_pdf(temp, temp, identity, signature_box=volume.signature,
                                   reason=SIGNING_REASON, location=location))

        result = build(source, options, progress=progress, cancel=cancel, catalog=catalog,
                       finish_volume=sign if identity is not None else None)
        if identity is None:
            return ExportOutcome(result, (), ())
        progress(0, 0, "Checking the signatures…")
        return ExportOutcome(result, tuple(signed), tuple(verify_pdf(volume.path) for volume in result.volumes))

    return job
