"""The export as one job for a worker thread: build, sign every volume, verify each one.

The case file is opened with an exclusive lock and its SQLite connection belongs to the GUI
thread, so the worker cannot read stored files from it: the source's ``read_blob`` is a
:class:`~importer_app.gui.blob_relay.BlobRelay`, which has the GUI thread read each file as the
build asks for it. The audit log entries are written by the caller, back on the GUI thread,
once the job is over.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from importer_app.bundle.build import BundleResult, VolumeResult, build
from importer_app.bundle.identity import LoadedIdentity
from importer_app.bundle.plan import BundleOptions
from importer_app.bundle.portal_files import PortalFiles, write_portal_files
from importer_app.bundle.signing import SignatureInfo, sign_pdf
from importer_app.bundle.source import BundleSource
from importer_app.bundle.verify import VerifyReport, verify_pdf
from importer_app.core.catalog import Catalog
from importer_app.core.portal_rules import PortalRules
from importer_app.core.progress import CancelToken, Progress

SIGNING_REASON = "Submission to U.S. Customs and Border Protection"


@dataclass(frozen=True)
class PortalRequest:
    """The portal's files to write beside the bundle.

    Attributes:
        folder: where they go.
        rules: what is known of the portal (its per-file limit).
        asked_mb: the volume size the page asks for, if any.
    """

    folder: Path
    rules: PortalRules
    asked_mb: float | None


@dataclass(frozen=True)
class ExportOutcome:
    """What an export wrote.

    Attributes:
        result: the volumes built.
        signed: one entry per volume when signed, else empty.
        reports: the verify report of each signed volume, then of each signed portal file,
            else empty.
        portal: the portal's files, when asked for.
    """

    result: BundleResult
    signed: tuple[SignatureInfo, ...]
    reports: tuple[VerifyReport, ...]
    portal: PortalFiles | None = None

    @property
    def verified(self) -> bool:
        return bool(self.reports) and all(report.intact for report in self.reports)


def export_job(source: BundleSource, options: BundleOptions, catalog: Catalog, identity: LoadedIdentity | None,
               location: str = "", portal: PortalRequest | None = None
               ) -> Callable[[Progress, CancelToken], ExportOutcome]:
    """The job a :class:`~importer_app.gui.workers.Worker` runs; see the module docstring.

    Args:
        source: the case's bundle source, reading stored files through a ``BlobRelay``.
        options: where and how to build.
        catalog: the requirement catalog.
        identity: signs every volume after the build; None leaves the bundle unsigned.
        location: where it is signed, shown in the signature.
        portal: also write the portal's files (signed like the bundle) after the bundle.
    """

    def job(progress: Progress, cancel: CancelToken) -> ExportOutcome:
        # By volume: a volume the build splits again to keep its size limit is signed again.
        signed: dict[int, SignatureInfo] = {}
        portal_signed: dict[int, SignatureInfo] = {}

        def signer(into: dict[int, SignatureInfo], what: str) -> Callable[[Path, VolumeResult], None] | None:
            if identity is None:
                return None

            def sign(temp: Path, volume: VolumeResult) -> None:
                # In the temporary file, before the build renames it: never unsigned at the target.
                progress(0, 0, f"Signing {what} {volume.number}…")
                into[volume.number] = sign_pdf(temp, temp, identity, signature_box=volume.signature,
                                               reason=SIGNING_REASON, location=location)

            return sign

        result = build(source, options, progress=progress, cancel=cancel, catalog=catalog,
                       finish_volume=signer(signed, "volume"))
        files = None
        if portal is not None:
            progress(0, 0, "Writing the portal's files…")
            files = write_portal_files(source, options, result, portal.folder, portal.rules, asked_mb=portal.asked_mb,
                                       catalog=catalog, progress=progress, cancel=cancel,
                                       finish_volume=signer(portal_signed, "portal file"))
        if identity is None:
            return ExportOutcome(result, (), (), files)
        progress(0, 0, "Checking the signatures…")
        checked = list(result.paths) + (list(files.result.paths) if files is not None and files.result else [])
        return ExportOutcome(result, tuple(signed[volume.number] for volume in result.volumes),
                             tuple(verify_pdf(path) for path in checked), files)

    return job
