"""The files to upload to CBP's Forced Labor Portal, written next to the single signed bundle.

The portal takes files, not one bundle of any size: each file is named in letters, digits and
dashes only, each stays under the portal's per-file limit, and they go up in order. This
writes them into a folder of their own with ``upload-order.txt``, a plain list of each file,
its size and what it holds, for the person at the portal (it is never sent to CBP).

The portal's per-file limit comes from ``forms/portal/portal.toml``. While it is recorded as
unknown, the volume size the user asked for is used, and the list says so plainly; with no
size at all the bundle goes up as one file. When the files would be one file anyway, that
file is a copy of the signed bundle (the same bytes, under the portal's kind of name).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from importer_app.bundle.build import BundleResult, VolumeResult, build
from importer_app.bundle.pages.facts import exhibit_list
from importer_app.bundle.plan import BundleOptions
from importer_app.bundle.source import BundleSource
from importer_app.core.byte_sizes import MB, size_text
from importer_app.core.catalog import Catalog
from importer_app.core.errors import BundleError
from importer_app.core.portal_rules import PortalRules
from importer_app.core.progress import CancelToken, Progress
from importer_app.core.safe_names import safe_file_name
from importer_app.fileio import write_file_atomically

ORDER_FILE: Final = "upload-order.txt"


@dataclass(frozen=True)
class PortalFile:
    """One file to upload.

    Attributes:
        position: its place in the upload order, from 1.
        path: where it was written.
        size: its bytes.
        holds: what it holds, in a line.
        over_limit: it is larger than the size used (a page that cannot be split).
    """

    position: int
    path: Path
    size: int
    holds: str
    over_limit: bool


@dataclass(frozen=True)
class PortalFiles:
    """What :func:`write_portal_files` wrote.

    Attributes:
        folder: the folder holding the files and the list.
        files: the files in upload order.
        order_file: ``upload-order.txt``.
        size_note: which per-file size was used and why, as the list says it.
        limit_mb: the size used, in MB of 10^6 bytes; None when no size was used (one file).
        limit_known: the portal's own limit is known (``portal.toml`` gives it).
        result: the build of the files; None when the one file is a copy of the bundle.
        stale: files in the folder that are not part of this upload (from an earlier export).
    """

    folder: Path
    files: tuple[PortalFile, ...]
    order_file: Path
    size_note: str
    limit_mb: float | None
    limit_known: bool
    result: BundleResult | None
    stale: tuple[Path, ...]


def portal_size(rules: PortalRules, asked_mb: float | None) -> tuple[float | None, str]:
    """The per-file size the portal files are split at, and the sentence that says why.

    The portal's limit when ``portal.toml`` gives it (or the size asked for, when smaller);
    while it is unknown, the size asked for; else none.
    """
    known = rules.uploads.max_file_mb
    looked = f"{rules.uploads.looked:%Y-%m-%d}"
    if known is not None and (asked_mb is None or asked_mb >= known):
        return known, f"Each file is at most {size_text(known * MB)} (1 MB = 1,000,000 bytes), the portal's limit per file."
    if known is not None:
        return asked_mb, (f"Each file is at most {size_text(asked_mb * MB)} (1 MB = 1,000,000 bytes), the size asked"
                          f" for, under the portal's limit of {size_text(known * MB)} per file.")
    if asked_mb is not None:
        return asked_mb, (f"The portal's limit per file is not known (looked for on {looked}). The files were split"
                          f" at {size_text(asked_mb * MB)} (1 MB = 1,000,000 bytes), the volume size asked for; if the portal"
                          " refuses one as too large, export again with a smaller volume size.")
    return None, (f"The portal's limit per file is not known (looked for on {looked}), and no volume size was asked"
                  " for, so the bundle is one file. If the portal refuses it as too large, export again with a"
                  " volume size.")


def portal_stem(source: BundleSource) -> str:
    """The name the portal files share: the entry number and ``submission``, letters, digits and
    dashes only (``ABC-1234567-8-submission``)."""
    return safe_file_name(f"{source.case.shipment.entry_number}-submission", letters_digits_dashes=True)


def write_portal_files(source: BundleSource, options: BundleOptions, bundle: BundleResult, folder: Path,
                       rules: PortalRules, *, asked_mb: float | None, catalog: Catalog | None = None,
                       progress: Progress | None = None, cancel: CancelToken | None = None,
                       finish_volume: Callable[[Path, VolumeResult], None] | None = None) -> PortalFiles:
    """Write the portal's files for ``bundle`` (already built from ``source`` and ``options``).

    Args:
        bundle: the single bundle just built (and signed); copied when the upload is one file.
        folder: where the files go; created when its parent exists.
        asked_mb: the volume size the user asked for, if any.
        finish_volume: signs each file, as for the bundle.

    Raises:
        BundleError: the folder cannot be made or written to.
        BundleCancelled: ``cancel`` was raised; the folder holds no new file.
    """
    _make_folder(folder)
    limit_mb, note = portal_size(rules, asked_mb)
    target = folder / safe_file_name(portal_stem(source), ".pdf", letters_digits_dashes=True)
    single = bundle.volumes[0] if len(bundle.volumes) == 1 else None
    result: BundleResult | None = None
    if single is not None and (limit_mb is None or single.size <= limit_mb * MB):
        _copy(single.path, target)
        volumes: tuple[VolumeResult, ...] = (dataclasses.replace(single, path=target),)
        files = (PortalFile(1, target, single.size, _holds(single, bundle, options), False),)
    else:
        result = build(source, dataclasses.replace(options, output=target, max_volume_mb=limit_mb),
                       progress=progress, cancel=cancel, catalog=catalog, finish_volume=finish_volume)
        volumes = result.volumes
        files = tuple(PortalFile(v.number, v.path, v.size, _holds(v, result, options),
                                 limit_mb is not None and v.size > limit_mb * MB) for v in volumes)
    order_file = folder / ORDER_FILE
    written = {v.path.name for v in volumes} | {ORDER_FILE}
    stale = tuple(sorted(path for path in folder.iterdir()
                         if path.is_file() and not path.name.startswith(".") and path.name not in written))
    try:
        write_file_atomically(order_file, upload_order_text(source, files, note, bundle).encode("utf-8"))
    except OSError as error:
        raise BundleError(f"{order_file} could not be written ({error.strerror or error}).") from error
    return PortalFiles(folder, files, order_file, note, limit_mb, rules.uploads.max_file_mb is not None, result,
                       stale)


def upload_order_text(source: BundleSource, files: tuple[PortalFile, ...], note: str, bundle: BundleResult) -> str:
    """``upload-order.txt``: the files in upload order, each with its size and what it holds."""
    shipment = source.case.shipment
    lines = [f"Files to upload to CBP's Forced Labor Portal for entry {shipment.entry_number}, in this order.",
             note, ""]
    for item in files:
        lines.append(f"{item.position}. {item.path.name}")
        lines.append(f"   {size_text(item.size)} ({item.size:,} bytes)"
                     + (": larger than the size above, because one page cannot be split" if item.over_limit else ""))
        lines.append(f"   {item.holds}")
    names = ", ".join(volume.path.name for volume in bundle.volumes)
    lines += ["", f"The same submission as one bundle: {names}. Keep it with the case."]
    return "\n".join(lines) + "\n"


def _holds(volume: VolumeResult, result: BundleResult, options: BundleOptions) -> str:
    parts = []
    count = len(result.volumes)
    if volume.number == 1:
        parts.append("the cover letter, executive summary, index of exhibits and the other sections before the"
                     " exhibits")
    if volume.exhibits:
        exhibits = f"exhibit {volume.exhibits[0]}" if len(volume.exhibits) == 1 else \
            f"exhibits {exhibit_list(volume.exhibits)}"
        parts.append(f"{exhibits} (Bates {volume.bates})" if volume.bates else exhibits)
    if volume.number == count:
        parts.append("the manifest of original files")
    text = "; ".join(parts)
    if options.include_originals and volume.exhibits:
        text += ", with the original files of its exhibits attached"
    where = f"Volume {volume.number} of {count}: " if count > 1 else "The whole submission: "
    return where + text + "."


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise BundleError(f"{folder} is a file, not a folder: choose a folder for the portal's files.")
    if not folder.parent.is_dir():
        raise BundleError(f"The folder {folder.parent} does not exist; create it or choose another place for the"
                          " portal's files.")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise BundleError(f"The folder {folder} could not be made ({error.strerror or error}).") from error


def _copy(source: Path, target: Path) -> None:
    """``source`` copied to ``target`` under a temporary name first, then renamed into place."""
    temp = target.with_name(f".{target.name}.copy.partial")
    try:
        shutil.copyfile(source, temp)
        os.replace(temp, target)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise BundleError(f"{target} could not be written ({error.strerror or error}).") from error
