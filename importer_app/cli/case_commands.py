"""The commands on one case: ``demo``, ``import``, ``describe``, ``add``, ``check`` and
``request-letters``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import shlex
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from importer_app.cli.terminal import ProgressBar, iso_date
from importer_app.core import vocab
from importer_app.core.errors import AppError
from importer_app.demo import REGIMES as DEMO_REGIMES
from importer_app.core.plural import counted

if TYPE_CHECKING:
    from importer_app.bundle.preflight import Preflight
    from importer_app.core.catalog import Catalog
    from importer_app.core.report import Report

# The rest is imported by the command that needs it: every start of importer-app builds this
# parser, and the window should not wait for the intake, description and demo code.

EXIT_OK, EXIT_NO = 0, 1


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    demo = commands.add_parser("demo", help="write a realistic sample case (fictional companies)",
                               description="Write a realistic sample case with generated documents and a few deliberate gaps.")
    demo.add_argument("out", type=Path, metavar="OUT.tcase", help="the case file to create")
    demo.add_argument("--regime", choices=DEMO_REGIMES, default="uflpa-applicability",
                      help="the detention the sample answers (default: uflpa-applicability)")
    demo.add_argument("--force", action="store_true", help="replace OUT.tcase if it exists")
    demo.set_defaults(run=_run_demo)

    imp = commands.add_parser("import", help="create a case file from a case description (TOML)",
                              description="Create a case file from a case description (format importer-app-case/1, see docs/case-format.md).")
    imp.add_argument("spec", type=Path, metavar="SPEC.toml", help="the case description")
    imp.add_argument("out", type=Path, metavar="OUT.tcase", help="the case file to create")
    imp.add_argument("--force", action="store_true", help="replace OUT.tcase if it exists")
    imp.set_defaults(run=_run_import)

    describe = commands.add_parser("describe", help="write a case back out as a case description (TOML)",
                                   description="Write a case as a case description; with --export-documents, also its document files. Reads the case only: works while a window has it open for editing.")
    describe.add_argument("case", type=Path, metavar="CASE.tcase", help="the case file")
    describe.add_argument("-o", "--output", type=Path, metavar="SPEC.toml", help="write to this file instead of the terminal")
    describe.add_argument("--export-documents", type=Path, metavar="DIR",
                          help="also write every document into DIR (use the folder of SPEC.toml to get a folder that imports back)")
    describe.set_defaults(run=_run_describe)
    add = commands.add_parser("add", help="add documents (files or whole folders) to a case",
                              description="Add files or folders to a case: each is checked, kept exactly as"
                                          " given, and turned into a PDF the bundle can use. Exit 0 when every"
                                          " file was added (or was already there), 1 when some were refused,"
                                          " 2 on bad input.")
    add.add_argument("case", type=Path, metavar="CASE.tcase", help="the case file")
    add.add_argument("files", type=Path, nargs="+", metavar="FILE_OR_FOLDER", help="files or folders to add")
    add.add_argument("--type", choices=vocab.DOCUMENT_TYPES, metavar="TYPE",
                     help="the document type of every file (default: suggested from each file's text)")
    add.add_argument("--entity", action="append", default=[], metavar="ID", help="an entity the files speak for (repeatable)")
    add.add_argument("--link", action="append", default=[], metavar="ID", help="a transfer the files prove (repeatable)")
    add.add_argument("--password", action="append", default=[], metavar="FILE=PW",
                     help="the password of an encrypted PDF, used once and never stored (repeatable)")
    add.add_argument("--json", action="store_true", help="print the results as JSON")
    add.set_defaults(run=_run_add)

    check = commands.add_parser("check", help="what CBP would still find missing (the completeness report)",
                                description="Check the case against the CBP requirement catalog. Exit 0 when nothing"
                                            " required is missing, 1 when something is, 2 on bad input. Reads the case only: works while a window has it open for editing.")
    check.add_argument("case", type=Path, metavar="CASE.tcase", help="the case file")
    check.add_argument("--json", action="store_true", help="print the report as JSON (format importer-app-check/1)")
    check.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD",
                       help="check as of this date instead of today (deadlines count from it)")
    check.set_defaults(run=_run_check)
    letters = commands.add_parser(
        "request-letters", help="letters to suppliers listing what is still missing from each",
        description="Write one PDF letter per supplier listing the documents still missing for it and its transfers,"
                    " each with why CBP asks for it, and a reply-by date before your own deadline. Reads the case only: works while a window has it open for editing.")
    letters.add_argument("case", type=Path, metavar="CASE.tcase", help="the case file")
    letters.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="the folder for the letters")
    letters.add_argument("--entity", metavar="ID", help="only the letter to this supplier")
    letters.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD", help="date the letters as of this day")
    letters.set_defaults(run=_run_request_letters)



def _run_add(args: argparse.Namespace) -> int:
    from importer_app.case.intake import AddOptions, add_files
    from importer_app.core.catalog import load_catalog
    from importer_app.store.casefile import CaseFile

    passwords = {}
    for pair in args.password:
        name, sep, password = pair.partition("=")
        if not sep or not name:
            raise AppError(f"--password {pair!r}: write it as FILE=PASSWORD, e.g. --password invoice.pdf=secret")
        passwords[name] = password
    catalog = load_catalog()
    bar = ProgressBar()
    with CaseFile.open(args.case) as casefile:
        case = casefile.load()
        for entity in args.entity:
            if entity not in {e.id for e in case.entities}:
                raise AppError(f"--entity {entity}: the case has no entity with that id ({', '.join(e.id for e in case.entities)}).")
        for link in args.link:
            if link not in {k.id for k in case.links}:
                raise AppError(f"--link {link}: the case has no link with that id ({', '.join(k.id for k in case.links)}).")
        options = AddOptions(type=args.type or "", entities=tuple(args.entity), links=tuple(args.link), passwords=passwords)
        results = add_files(casefile, args.files, options, catalog, progress=bar)
    bar.clear()
    if args.json:
        print(json.dumps([{"file": r.source, "result": r.code, "message": r.message,
                           "document": r.document.path if r.document else None} for r in results], indent=2))
    else:
        for result in results:
            hint = ""
            if result.code in ("password-required", "wrong-password"):
                hint = f" Give it with --password {shlex.quote(Path(result.source).name + '=PASSWORD')}."
            print(("  " if result.code in ("added", "duplicate") else "! ") + result.message + hint)
        added = sum(r.added for r in results)
        refused = sum(r.code not in ("added", "duplicate") for r in results)
        print(f"{added} added, {len(results) - added - refused} already in the case, {refused} refused.")
    return EXIT_NO if any(r.code not in ("added", "duplicate") for r in results) else EXIT_OK


def _run_request_letters(args: argparse.Namespace) -> int:
    from importer_app.bundle.pages.request_letter import request_letter, request_letters
    from importer_app.case.check import check_case
    from importer_app.core.catalog import load_catalog
    from importer_app.core.safe_names import safe_file_name, unique_name
    from importer_app.fileio import write_file_atomically
    from importer_app.store.casefile import CaseFile

    today = args.today or dt.date.today()
    catalog = load_catalog()
    with CaseFile.open(args.case, readonly=True) as casefile:
        checked = check_case(casefile, catalog, today)
    case, report = checked.case, checked.report
    if args.entity and args.entity not in {e.id for e in case.entities}:
        raise AppError(f"--entity {args.entity}: the case has no entity with that id ({', '.join(e.id for e in case.entities)}).")
    if args.entity:
        letter = request_letter(case, report, catalog, args.entity, today=today)
        letters = {args.entity: letter} if letter is not None else {}
    else:
        letters = request_letters(case, report, catalog, today=today)
    if not letters:
        print("Nothing is missing from " + (case.entity(args.entity).name if args.entity else "any supplier") + "; no letter written.")
        return EXIT_OK
    args.output.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    for entity_id, pdf in letters.items():
        target = args.output / unique_name(safe_file_name(f"request-{entity_id}", ".pdf"), taken)
        write_file_atomically(target, pdf)
        print(f"Wrote {target} (to {case.entity(entity_id).name}).")
    return EXIT_OK


def _run_check(args: argparse.Namespace) -> int:
    from importer_app.bundle.preflight import preflight
    from importer_app.case.check import check_case
    from importer_app.core.catalog import load_catalog
    from importer_app.core.report import format_report_text, report_to_json
    from importer_app.store.casefile import CaseFile

    catalog = load_catalog()
    with CaseFile.open(args.case, readonly=True) as casefile:
        checked = check_case(casefile, catalog, args.today or dt.date.today())
    case, report = checked.case, checked.report
    notes = preflight(case, report, catalog)
    if args.json:
        data = report_to_json(report, case)
        data["before_export"] = {
            "wording": [{"text": note.field, "requirement": note.requirement or None, "scope": note.scope or None,
                         "found": note.found, "problem": note.problem, "advice": note.advice}
                        for note in notes.wording],
            "unconfirmed_sources": [{"cite": s.cite, "url": s.url, "printed_instead": s.legal_cite}
                                    for s in notes.unconfirmed],
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(format_report_text(report))
        state = checked.screening.state
        if state.freshness == "none":
            said = ("No screening list was imported on this computer or kept in the case. Download the"
                    " UFLPA Entity List and CBP's Withhold Release Orders and Findings list and run"
                    f" importer-app lists import FILE --case {args.case}")
        else:
            said = f"Screened against {state.used}. Each company's result: importer-app screen {args.case}"
            if state.freshness == "stale":
                said += f". To bring a list up to date: importer-app lists import FILE --case {args.case}"
        text = textwrap.fill(said, 100, initial_indent="  ", subsequent_indent="  ",
                             break_on_hyphens=False, break_long_words=False)
        sys.stdout.write(f"\nSCREENING\n{text}\n")
        sys.stdout.write(_before_export_text(notes, report, catalog))
    return EXIT_OK if report.complete else EXIT_NO


def _before_export_text(notes: Preflight, report: Report, catalog: Catalog) -> str:
    """The blocks that follow the check: the importer's words CBP would read wrong, and the
    sources whose address or text needs a word (warnings; export is not refused for them)."""
    from importer_app.bundle.preflight import reading_notes, unconfirmed_line, wording_line

    def bullets(lines: Iterable[str]) -> str:
        return "".join(textwrap.fill(line, 100, initial_indent="    - ", subsequent_indent="      ",
                                     break_on_hyphens=False, break_long_words=False) + "\n" for line in lines)

    text = ""
    if notes.wording:
        text += ("\nBEFORE YOU EXPORT - your words that the bundle prints as you typed them would read wrong to CBP\n"
                 + bullets(wording_line(note, report, lambda scope: report.scope_labels.get(scope, scope))
                           for note in notes.wording))
    sources = [unconfirmed_line(source) for source in notes.unconfirmed] + list(reading_notes(report, catalog))
    if sources:
        text += "\nSOURCES - addresses the bundle does not print, and where the texts cited were read\n" + bullets(sources)
    return text


def _refuse_to_replace(target: Path, force: bool) -> None:
    if target.exists() and not force:
        raise AppError(f"{target} already exists; add --force to replace it, or choose another name.")


def _run_demo(args: argparse.Namespace) -> int:
    from importer_app.core.catalog import load_catalog
    from importer_app.demo import create_demo_case

    _refuse_to_replace(args.out, args.force)
    bar = ProgressBar()
    case = create_demo_case(args.out, load_catalog(), regime=args.regime, today=dt.date.today(),
                            overwrite=args.force, progress=bar)
    bar.clear()
    print(
        f"Wrote the demo case {args.out}: {vocab.REGIME_LABELS[case.shipment.regime]},"
        f" {len(case.entities)} companies, {len(case.links)} transfers, {len(case.documents)} documents."
    )
    return EXIT_OK


def _run_import(args: argparse.Namespace) -> int:
    from importer_app.case.description import import_description
    from importer_app.core.catalog import load_catalog

    _refuse_to_replace(args.out, args.force)
    bar = ProgressBar()
    case = import_description(args.spec, args.out, load_catalog(), overwrite=args.force, progress=bar)
    bar.clear()
    print(
        f"Wrote {args.out}: {len(case.entities)} companies, {len(case.links)} transfers,"
        f" {len(case.documents)} documents."
    )
    return EXIT_OK


def _run_describe(args: argparse.Namespace) -> int:
    from importer_app.case.description import export_description
    from importer_app.store.casefile import CaseFile

    with CaseFile.open(args.case, readonly=True) as casefile:
        text = export_description(casefile, out_path=args.output, export_dir=args.export_documents)
        lists, decisions = casefile.screening_lists(), casefile.load().screening_decisions
    if args.output is None:
        sys.stdout.write(text)
    else:
        exported = f" and its documents to {args.export_documents}" if args.export_documents else ""
        print(f"Wrote the case description to {args.output}{exported}.")
    if lists or decisions:
        # On stderr: stdout may be the description itself.
        print(f"Note: a description does not carry list screening; the {counted(len(lists), 'list version')} kept in"
              f" {args.case.name} and its {counted(len(decisions), 'decision')} on possible list matches are not in it."
              " After importing it, import the lists into the new case and decide the matches again.",
              file=sys.stderr)
    return EXIT_OK
