"""``importer-app portal``: the portal sheet, what to type and upload on CBP's Forced Labor Portal."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from importer_app.core.byte_sizes import size_text
from importer_app.core.errors import AppError

if TYPE_CHECKING:
    from importer_app.core.portal import PortalSheet

EXIT_OK = 0


def add_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    portal = commands.add_parser(
        "portal", help="what to type and upload on CBP's Forced Labor Portal for this case",
        description="Print the portal sheet: the request type of the case's regime, each value to type into the"
                    " portal's fields as the portal accepts it (letters and digits only) with its length, and,"
                    " with --bundle, the files to upload in order with their sizes. Reads the case only: works"
                    " while a window has it open for editing.")
    portal.add_argument("case", type=Path, metavar="CASE.tcase", help="the case file")
    portal.add_argument("--bundle", type=Path, metavar="OUT.pdf",
                        help="the bundle as written by `importer-app bundle -o OUT.pdf` (its volumes OUT-vol1.pdf,"
                             " ... are found beside it)")
    portal.add_argument("--json", action="store_true", help="print the sheet as JSON (format importer-app-portal/1)")
    portal.set_defaults(run=run_portal)


def run_portal(args: argparse.Namespace) -> int:
    from importer_app.bundle.portal_sheet import bundle_files, case_portal_sheet
    from importer_app.core.catalog import load_catalog
    from importer_app.core.portal import route_of
    from importer_app.store.casefile import CaseFile

    if args.bundle is not None and not bundle_files(args.bundle):
        raise AppError(f"{args.bundle}: neither it nor its first volume exists; give the name the bundle was written"
                       " to with -o (build it first with `importer-app bundle CASE -o OUT.pdf`).")
    with CaseFile.open(args.case, readonly=True) as casefile:
        case = casefile.load()
        settings = casefile.settings()
    sheet = case_portal_sheet(case, settings, load_catalog(), args.bundle)
    route = route_of(settings)
    if args.json:
        print(json.dumps({**sheet.to_json(), "route": route}, indent=2, ensure_ascii=False))
        return EXIT_OK
    for line in sheet_lines(sheet, route, bundle_given=args.bundle is not None):
        print(line)
    return EXIT_OK


def sheet_lines(sheet: PortalSheet, route: str, *, bundle_given: bool) -> list[str]:
    """The sheet as the terminal prints it."""
    lines = [f"{sheet.portal}: {sheet.url}"]
    if route != "portal":
        lines.append("! This case is set to go as a letter (bundle --route letter); since 2026-01-21 review"
                     " requests go through the portal.")
    lines += ["", f"Request type: {sheet.request_type}", "", "Type into the portal's fields:"]
    width = max((len(field.label) for field in sheet.fields), default=0)
    for field in sheet.fields:
        limit = f"of {field.max_length}" if field.max_length is not None else "limit not known"
        mark = "  ! too long" if field.too_long else ""
        changed = f"   (case: {field.original})" if field.value != field.original else ""
        lines.append(f"  {field.label:<{width}}  {field.value}   [{field.length} characters, {limit}]{mark}{changed}")
    lines += ["", "Upload, in this order:"]
    if sheet.uploads:
        for upload in sheet.uploads:
            problems = "".join(f"  ! {problem}" for problem in upload.problems)
            lines.append(f"  {upload.position}. {upload.path}  ({size_text(upload.size)}){problems}")
    elif not bundle_given:
        lines.append("  the bundle's volumes (give --bundle OUT.pdf to list them with their sizes)")
    lines += ["", *(f"Note: {note}" for note in sheet.notes)]
    return lines
