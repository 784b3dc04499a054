"""``importer-app bundle``: build the submission bundle, sign every volume, verify the result.

A signing identity is opened and checked before anything is written, so a wrong password or
an expired certificate costs nothing. Each volume is signed in its temporary file before the
build renames it into place (a crash never leaves it unsigned at the target), and verified once
in place. The list versions of this computer newer than the case's are kept in the case first,
so the bundle's screening record names versions the case holds.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from importer_app.cli.signing import read_password
from importer_app.core.byte_sizes import size_text
from importer_app.core.errors import AppError
from importer_app.core.portal import ROUTE_SETTING, ROUTES, route_of
from importer_app.cli.terminal import ProgressBar, iso_date
from importer_app.core.plural import counted

if TYPE_CHECKING:
    from importer_app.store.casefile import CaseFile
    from importer_app.bundle.build import BundleResult, VolumeResult
    from importer_app.bundle.portal_files import PortalFiles
    from importer_app.bundle.identity import LoadedIdentity
    from importer_app.bundle.plan import BundleOptions
    from importer_app.bundle.signing import SignatureInfo
    from importer_app.bundle.source import BundleSource
    from importer_app.core.catalog import Catalog
    from importer_app.core.model import Case
    from importer_app.core.report import Report

EXIT_OK, EXIT_NO = 0, 1


def add_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    bundle = commands.add_parser(
        "bundle", help="build the submission bundle (one PDF, or volumes), optionally signed",
        description="Build the bundle CBP reads: cover letter, executive summary, index of exhibits, completeness"
                    " report, supply chain map, forms, every exhibit stamped with Bates numbers, the originals"
                    " attached with their hashes. Something still missing is a warning, not a refusal. While a window has"
                    " the case open for editing, the bundle is built from what it last saved, and the export is"
                    " not recorded in the case's audit log.")
    bundle.add_argument("case", type=Path, metavar="CASE.tcase", help="the case file")
    bundle.add_argument("-o", "--output", type=Path, metavar="OUT.pdf",
                        help="the bundle (volumes become OUT-vol1.pdf, OUT-vol2.pdf, ...)")
    bundle.add_argument("--explain-claims", action="store_true",
                        help="print every factual sentence the bundle may say to CBP, whether its conditions hold"
                             " on this case and the evidence; builds nothing unless -o is given")
    bundle.add_argument("--bates-prefix", default="", metavar="P", help="Bates prefix (default: from the importer's name)")
    bundle.add_argument("--first-number", type=int, default=1, metavar="N", help="the first Bates number (default 1)")
    bundle.add_argument("--paper", choices=("letter", "a4"), default="letter", help="paper for generated pages")
    bundle.add_argument("--max-volume-mb", type=float, metavar="N",
                        help="split into volumes of at most N MB each (1 MB = 1,000,000 bytes); by default, on the"
                             " portal route, the portal's per-file upload limit when it is known")
    bundle.add_argument("--portal-files", type=Path, metavar="DIR",
                        help="also write the files to upload to CBP's Forced Labor Portal into DIR: named in letters,"
                             " digits and dashes, each under the portal's per-file limit (while it is not known, the"
                             " --max-volume-mb given), with upload-order.txt listing them in order; OUT.pdf is then"
                             " one file")
    bundle.add_argument("--route", choices=ROUTES,
                        help="how the submission goes to CBP: portal (CBP's Forced Labor Portal, the default) or"
                             " letter (to the port director or reviewing office); sets the cover letter's addressee"
                             " and wording; kept with the case")
    bundle.add_argument("--no-originals", action="store_true", help="do not attach the original files")
    bundle.add_argument("--optimize-images", type=int, metavar="DPI",
                        help="make the exhibits' scans smaller: images finer than DPI (e.g. 150) are resampled to it"
                             " and stored as JPEG at quality 80; bi-level scans stay lossless; the attached originals"
                             " are untouched (default: every image as received, lossless)")
    bundle.add_argument("--attach-originals-up-to", type=float, metavar="N",
                        help="attach only the original files of at most N MB (1 MB = 1,000,000 bytes); the manifest"
                             " lists each larger one with its SHA-256 as available on request")
    bundle.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD",
                        help="the date printed in the bundle (default today); the same date gives the same file")
    bundle.add_argument("--sign", type=Path, metavar="ID.p12", help="sign every volume with this identity")
    bundle.add_argument("--password-file", type=Path, metavar="F", help="the identity's password, first line of F")
    bundle.add_argument("--reason", default="Submission to U.S. Customs and Border Protection",
                        help="the reason shown in the signature")
    bundle.add_argument("--location", default="", help="where it is signed (city), shown in the signature")
    bundle.add_argument("--signer-name", metavar="NAME",
                        help="printed under the cover letter's signature box; kept with the case for the next bundle")
    bundle.add_argument("--signer-title", metavar="TITLE", help="the signer's title, likewise")
    bundle.add_argument("--signer-phone", metavar="PHONE", help="the signer's telephone for CBP's questions, likewise")
    bundle.add_argument("--signer-email", metavar="EMAIL", help="the signer's e-mail address, likewise")
    bundle.add_argument("--importer-number", metavar="NUMBER",
                        help="the importer of record's number (IRS number, EIN or CBP-assigned), likewise;"
                             " also fills the 12.43(b) statement when the importer is the consignee")
    bundle.add_argument("--certify-strict", action="store_true",
                        help="certify so that only form filling and further signatures are allowed after signing"
                             " (DocMDP P=2); by default reviewers may also add comments (annotations, P=3),"
                             " which a PDF viewer shows as additions after the signature without breaking it")
    bundle.add_argument("--allow-unexplained-gaps", action="store_true",
                        help="build even though an item CBP requires or expects is missing and the case"
                             " records no explanation for it (the bundle then says the reason was not stated)")
    bundle.add_argument("--tsa", metavar="URL", help="a time-stamping authority (needs a network) for PAdES B-T")
    bundle.set_defaults(run=run_bundle)


def run_bundle(args: argparse.Namespace) -> int:
    from importer_app.bundle.build import build
    from importer_app.bundle.identity import load_identity
    from importer_app.bundle.pages.cover import contact_keys
    from importer_app.bundle.plan import IMAGE_DPI_RANGE, BundleOptions
    from importer_app.bundle.source import BundleSource
    from importer_app.screening.in_case import adopt_lists

    if args.explain_claims:
        _explain_claims(args)
        if args.output is None:
            return EXIT_OK
    if args.output is None:
        raise AppError("bundle needs -o OUT.pdf, the file to write (or --explain-claims alone).")
    if args.first_number < 0:
        raise AppError("--first-number must be 0 or more.")
    if args.max_volume_mb is not None and args.max_volume_mb <= 0:
        raise AppError("--max-volume-mb must be more than 0.")
    if not args.output.suffix.lower() == ".pdf":
        raise AppError(f"{args.output}: the bundle's name must end in .pdf.")
    if args.portal_files is not None:
        _check_portal_folder(args.portal_files, args.output)
    low, high = IMAGE_DPI_RANGE
    if args.optimize_images is not None and not low <= args.optimize_images <= high:
        raise AppError(f"--optimize-images takes a resolution from {low} to {high} dpi, for example 150: below"
                       f" {low} dpi small print becomes unreadable.")
    if args.attach_originals_up_to is not None and (args.no_originals or not args.attach_originals_up_to > 0):
        raise AppError("--attach-originals-up-to must be more than 0 MB, and cannot go with --no-originals.")
    identity = None
    if args.sign is not None:
        password = read_password(args.password_file, prompt=f"Password for {args.sign}: ", confirm=False)
        identity = load_identity(args.sign, password)
        del password
    bar = ProgressBar()
    signed: dict[int, SignatureInfo] = {}
    with _open_case(args) as casefile:
        if not casefile.readonly:
            adopt_lists(casefile)
            if args.route is not None and args.route != casefile.setting(ROUTE_SETTING):
                casefile.set_setting(ROUTE_SETTING, args.route)
            for field, key in contact_keys().items():
                value = _contact_options(args)[field]
                if value is not None and value.strip() != casefile.setting(key):
                    casefile.set_setting(key, value.strip())
        options = BundleOptions(
            output=args.output, document_date=args.date or dt.date.today(), bates_prefix=args.bates_prefix,
            first_number=args.first_number, paper=args.paper, include_originals=not args.no_originals,
            attach_originals_up_to_mb=args.attach_originals_up_to, optimize_images_dpi=args.optimize_images,
            max_volume_mb=_volume_mb(args, args.route or route_of(casefile.settings())),
        )
        missing = [_CONTACT_OPTIONS[field] for field, key in contact_keys().items() if not casefile.setting(key)]
        if missing:
            print("! The cover letter's contact block has no " + ", ".join(missing)
                  + ": CBP's questions go to the signer. They are kept with the case once given.")
        checked = _checked(BundleSource.from_casefile(casefile), options)
        _report_wording(*checked)
        if not args.allow_unexplained_gaps and _report_unexplained_gaps(*checked):
            return EXIT_NO
        sign = _signer(identity, args, signed) if identity is not None else None
        source = BundleSource.from_casefile(casefile)
        if args.route is not None:  # a read-only case keeps its route; this bundle follows the option
            source = dataclasses.replace(source, settings={**source.settings, ROUTE_SETTING: args.route})
        result = build(source, options, progress=bar, finish_volume=sign)
        signatures = [signed[volume.number] for volume in result.volumes] if identity is not None else []
        portal = None
        if args.portal_files is not None:
            portal_signed: dict[int, SignatureInfo] = {}
            portal = _write_portal_files(source, options, result, args, bar,
                                         _signer(identity, args, portal_signed) if identity is not None else None)
        bar.clear()
        if casefile.readonly:
            print(f"! {args.case.name} is open for editing in a window, so this export is not in the case's"
                  " audit log; export from that window, or close it first, to have it recorded.")
        else:
            casefile.record("export bundle", "case", {
                "volumes": [str(v.path) for v in result.volumes], "pages": result.page_count,
                "bates": result.bates_prefix,
                **({"portal_files": [str(f.path) for f in portal.files]} if portal is not None else {})})
        if identity is not None:
            if not casefile.readonly:
                casefile.record("sign bundle", "case", {
                    "fingerprint": identity.fingerprint_sha256, "level": signatures[0].level,
                    "signed_at": signatures[0].signing_time.isoformat(), "volumes": len(signatures)})
            print(f"Signed {counted(len(signatures), 'volume')} as {identity.name} ({identity.organisation}),"
                  f" {signatures[0].level}"
                  + ("" if args.tsa else " (no timestamp: the signing time is this computer's clock)") + ".")
    for warning in result.warnings:
        print(f"! {warning}")
    for volume in result.volumes:
        bates = f", Bates {volume.bates}" if volume.bates else ""
        print(f"Wrote {volume.path}: {volume.page_count} pages, {size_text(volume.size)}{bates}.")
    if portal is not None:
        _print_portal_files(portal, result)
    if identity is None:
        return EXIT_OK
    status = _verify_volumes(result.paths)
    if portal is not None and portal.result is not None:
        status = max(status, _verify_volumes(portal.result.paths))
    return status


def _volume_mb(args: argparse.Namespace, route: str) -> float | None:
    """The volume size of OUT.pdf: one file when the portal's files are written beside it; else
    the size asked for, or the portal's per-file limit on the portal route when it is known."""
    if args.portal_files is not None:
        return None
    return args.max_volume_mb if args.max_volume_mb is not None else _portal_volume_mb(route)


def _check_portal_folder(folder: Path, output: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise AppError(f"--portal-files {folder}: this is a file, not a folder; name a folder for the portal's files.")
    if not folder.parent.is_dir():
        raise AppError(f"--portal-files {folder}: the folder {folder.parent} does not exist; create it or name"
                       " another place.")
    if folder.resolve() == output.parent.resolve():
        raise AppError(f"--portal-files {folder}: this is the folder of {output.name}; name a folder of their own"
                       " for the portal's files (for example the bundle's name with -portal).")


def _write_portal_files(source: BundleSource, options: BundleOptions, result: BundleResult,
                        args: argparse.Namespace, bar: ProgressBar,
                        sign: Callable[[Path, VolumeResult], None] | None) -> PortalFiles:
    from importer_app.bundle.portal_files import write_portal_files
    from importer_app.core.catalog import load_catalog
    from importer_app.core.portal_rules import load_portal_rules

    catalog = load_catalog()
    return write_portal_files(source, options, result, args.portal_files, load_portal_rules(catalog),
                              asked_mb=args.max_volume_mb, catalog=catalog, progress=bar, finish_volume=sign)


def _print_portal_files(portal: PortalFiles, result: BundleResult) -> None:
    print(f"Wrote the portal's files into {portal.folder}, to upload in this order"
          f" ({portal.order_file.name} lists them with what each holds):")
    for item in portal.files:
        print(f"  {item.position}. {item.path.name}: {size_text(item.size)}")
    print(portal.size_note if portal.limit_known else f"! {portal.size_note}")
    if portal.result is not None:
        for warning in portal.result.warnings:
            if warning not in result.warnings:  # those of the bundle were printed above
                print(f"! {warning}")
    for stale in portal.stale:
        print(f"! {stale.name} in {portal.folder} is not part of this upload; delete it before uploading.")


def _portal_volume_mb(route: str) -> float | None:
    """The volume size the route sets when none is asked for (the portal's per-file limit)."""
    from importer_app.core.catalog import load_catalog
    from importer_app.core.portal import default_volume_mb
    from importer_app.core.portal_rules import load_portal_rules

    return default_volume_mb(load_portal_rules(load_catalog()), route)


def _explain_claims(args: argparse.Namespace) -> None:
    from importer_app.bundle.claims import case_ledger
    from importer_app.bundle.source import BundleSource
    from importer_app.store.casefile import CaseFile

    with CaseFile.open(args.case, readonly=True) as casefile:
        source = BundleSource.from_casefile(casefile)
    for line in case_ledger(source, args.date or dt.date.today()).explain():
        print(line)


_CONTACT_OPTIONS = {"name": "--signer-name", "title": "--signer-title", "phone": "--signer-phone",
                    "email": "--signer-email", "number": "--importer-number"}


def _contact_options(args: argparse.Namespace) -> dict[str, str | None]:
    return {field: getattr(args, option.removeprefix("--").replace("-", "_"))
            for field, option in _CONTACT_OPTIONS.items()}


def _checked(source: BundleSource, options: BundleOptions) -> tuple[Case, Report, Catalog]:
    """The case as the bundle will state it, checked on the bundle's date."""
    from importer_app.core.catalog import load_catalog
    from importer_app.core.engine import evaluate
    from importer_app.screening.in_case import case_screening

    catalog = load_catalog()
    case = source.case
    screening = case_screening(case, source.lists, source.lists_in_case, options.document_date)
    return case, evaluate(case, catalog, options.document_date, screening.state), catalog


def _report_wording(case: Case, report: Report, catalog: Catalog) -> None:
    """Warn of the importer's words that would read wrong to CBP; the bundle prints them as typed."""
    from importer_app.bundle.preflight import preflight, wording_line

    notes = preflight(case, report, catalog).wording
    if notes:
        print(f"! {counted(len(notes), 'place')} in your own words would read wrong to CBP; the bundle prints them"
              " as you typed them (change them in the case and build again if you wish):")
    for note in notes:
        print(f"  {wording_line(note, report, lambda scope: report.scope_labels.get(scope, scope))}")


def _report_unexplained_gaps(case: Case, report: Report, catalog: Catalog) -> bool:
    """Print the gaps the case does not explain yet; True when there is one."""
    from importer_app.core.caseindex import CaseIndex
    from importer_app.core.gaps import unexplained_gaps

    gaps = unexplained_gaps(case, report, catalog)
    if not gaps:
        return False
    index = CaseIndex(case)
    print(f"Not built: {len(gaps)} missing {'item has' if len(gaps) == 1 else 'items have'} no explanation for CBP."
          " For each, say in the case why the document is not available and whom you asked for it"
          " ([[gap_explanations]] in a case description, docs/case-format.md), or build anyway with"
          " --allow-unexplained-gaps:")
    for gap in gaps:
        print(f"  {gap.requirement} {gap.title}, scope {gap.scope} ({index.scope_label(gap.scope)})")
    return True


def _open_case(args: argparse.Namespace) -> CaseFile:
    """The case for writing (the export is recorded in its audit log); read-only while a window
    has it open for editing, which only a change asked for here cannot wait for."""
    from importer_app.core.errors import CaseFileLockedError
    from importer_app.store.casefile import CaseFile

    try:
        return CaseFile.open(args.case)
    except CaseFileLockedError:
        if any(value is not None for value in _contact_options(args).values()):
            raise AppError(f"{args.case} is open for editing in a window, so the signer's contact details cannot be"
                           " kept with it now: set them on that window's Export page, or close the case and"
                           " run this again.") from None
        return CaseFile.open(args.case, readonly=True)


def _signer(identity: LoadedIdentity, args: argparse.Namespace,
            signed: dict[int, SignatureInfo]) -> Callable[[Path, VolumeResult], None]:
    """Sign each volume in its temporary file, before the build renames it into place; a
    volume signed again (the build split again to keep the limit) keeps its last signature."""
    from importer_app.bundle.signing import sign_pdf

    def sign(temp: Path, volume: VolumeResult) -> None:
        signed[volume.number] = sign_pdf(temp, temp, identity, signature_box=volume.signature,
                                         reason=args.reason, location=args.location, tsa_url=args.tsa,
                                         certify_strict=args.certify_strict)

    return sign


def _verify_volumes(paths: tuple[Path, ...]) -> int:
    from importer_app.bundle.verify import verify_pdf

    status = EXIT_OK
    for path in paths:
        report = verify_pdf(path)
        print(f"Verified {path.name}: {report.summary}")
        for reason in report.reasons:
            print(f"  ! {reason}")
        if not report.intact:
            status = EXIT_NO
    return status
