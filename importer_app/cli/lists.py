"""``importer-app lists`` and ``screen``: the official lists, imported from files the user
downloaded, and a case's entities screened against them."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from importer_app.core.errors import AppError
from importer_app.cli.terminal import iso_date

if TYPE_CHECKING:
    from importer_app.core.model import Case, ScreeningDecision
    from importer_app.screening.in_case import CaseScreening

EXIT_OK = 0
EXIT_NO = 1


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    lists = commands.add_parser(
        "lists", help="import and show the UFLPA Entity List and the WRO/Findings list (offline screening)",
        description="Screening works offline on the official lists you download: the CBP 'Withhold Release Orders"
                    " and Findings' CSV and the DHS 'UFLPA Entity List' page saved as HTML.")
    actions = lists.add_subparsers(dest="lists_command", metavar="ACTION", required=True)
    imp = actions.add_parser("import", help="import a downloaded list file (CSV or saved HTML page)",
                             description="Import a list file. A malformed file is refused with the line or table"
                                         " that broke, and the list already in force stays in force.")
    imp.add_argument("file", type=Path, metavar="FILE", help="the downloaded file")
    imp.add_argument("--case", type=Path, metavar="CASE.tcase",
                     help="also keep this version in the case, so the case checks the same on any computer")
    imp.set_defaults(run=run_import)
    show = actions.add_parser("show", help="the list versions in force: source, SHA-256, dates, entries")
    show.add_argument("--all", action="store_true", help="also every earlier version")
    show.set_defaults(run=run_show)

    screen = commands.add_parser(
        "screen", help="screen a case's entities against the lists, and decide on candidate hits",
        description="Screen every entity of the case against the list versions it uses (the later of the case's"
                    " copy and this computer's), keep those versions in the case, and show each entity's result."
                    " A candidate hit blocks the submission until you confirm it (the entity is the listed one) or"
                    " dismiss it with the reason it is another company. Exit status 1 while a hit is undecided.")
    screen.add_argument("case", type=Path, metavar="CASE.tcase")
    decide = screen.add_mutually_exclusive_group()
    decide.add_argument("--confirm", metavar="HIT", help="the entity IS the listed one (HIT as printed)")
    decide.add_argument("--dismiss", metavar="HIT", help="the entity is NOT the listed one; needs --reason")
    decide.add_argument("--reopen", metavar="HIT", help="withdraw the decision on a hit")
    screen.add_argument("--reason", default="", help="why: the address, registration number or owner that differs")
    screen.add_argument("--json", action="store_true", help="machine-readable output")
    screen.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD", help="judge list ages as of this day")
    screen.set_defaults(run=run_screen)


def run_import(args: argparse.Namespace) -> int:
    from importer_app.screening import import_list
    from importer_app.screening.in_case import adopt_lists
    from importer_app.store.casefile import CaseFile

    if args.case is not None and not args.case.is_file():
        raise AppError(f"--case {args.case}: there is no case file there; check the path.")
    with contextlib.ExitStack() as stack:
        # The case is opened first: one that is open in the window is reported before any import.
        casefile = stack.enter_context(CaseFile.open(args.case)) if args.case is not None else None
        result = import_list(args.file, dt.datetime.now(dt.timezone.utc))
        snapshot = result.snapshot
        if result.already_imported:
            print(f"{args.file.name} was imported before ({snapshot.title}); it is confirmed as current today.")
        else:
            print(f"Imported {snapshot.title}: {snapshot.entity_count} listed entities from {snapshot.file_name}"
                  f" (SHA-256 {snapshot.sha256[:16]}...).")
        for note in snapshot.notes:
            print(f"  - {note}")
        if casefile is not None:
            kept = adopt_lists(casefile)
            print(f"{casefile.path.name} now keeps this version." if kept else
                  f"{casefile.path.name} already keeps this version or a later one.")
    return EXIT_OK


def run_screen(args: argparse.Namespace) -> int:
    from importer_app.core.model import ScreeningDecision
    from importer_app.screening.in_case import adopt_lists, screen_case
    from importer_app.store.casefile import CaseFile

    today = args.today or dt.date.today()
    key = args.confirm or args.dismiss or args.reopen
    if args.dismiss and not args.reason.strip():
        raise AppError("--dismiss needs --reason: say why this is another company (address, "
                       "registration number, owner).")
    with CaseFile.open(args.case) as casefile:
        adopt_lists(casefile)
        case = casefile.load()
        screening = screen_case(casefile, case, today)
        if key:
            hit = next((h for h in screening.result.hits if h.key.as_text() == key), None)
            if hit is None:
                raise AppError(f"{key!r} is not a candidate hit of this case; run `importer-app screen "
                               f"{args.case}` and copy a HIT exactly as printed.")
            if args.reopen:
                casefile.clear_screening_decision(key)
            else:
                decision = "confirmed" if args.confirm else "dismissed"
                casefile.decide_screening_hit(ScreeningDecision(
                    key, hit.entity_id, decision, args.reason.strip(), dt.datetime.now(dt.timezone.utc)))
            case = casefile.load()
    decisions = {d.key: d for d in case.screening_decisions}
    rows = _screen_rows(case, screening, decisions)
    if args.json:
        print(json.dumps({"state": screening.state.freshness, "problems": list(screening.state.problems),
                          "lists": [{"list": s.list_id, "file": s.file_name, "sha256": s.sha256,
                                     "imported": s.confirmed_at.isoformat()} for s in screening.snapshots.values()],
                          "entities": rows}, indent=2, ensure_ascii=False))
    else:
        _print_screening(screening, rows)
    undecided = any(hit["decision"] == "open" for row in rows for hit in row["hits"])
    return EXIT_NO if undecided or screening.state.freshness == "none" else EXIT_OK


def _screen_rows(case: Case, screening: CaseScreening,
                 decisions: Mapping[str, ScreeningDecision]) -> list[dict[str, Any]]:
    rows = []
    for record in screening.result.entities:
        entity = case.entity(record.entity_id)
        hits = []
        for hit in record.hits:
            decision = decisions.get(hit.key.as_text())
            hits.append({"hit": hit.key.as_text(), "list": hit.list_id, "listed": hit.matched_name,
                         "score": hit.score, "why": hit.why,
                         "decision": decision.decision if decision else "open",
                         "reason": decision.reason if decision else ""})
        rows.append({"entity": entity.id, "name": entity.name,
                     "screenable": any(name.screenable for name in record.names), "hits": hits})
    return rows


def _print_screening(screening: CaseScreening, rows: list[dict[str, Any]]) -> None:
    from importer_app.screening import LIST_TITLES

    if screening.state.freshness == "none":
        print("No list has been imported: nothing was screened. Download the lists and run"
              " `importer-app lists import FILE --case CASE.tcase`.")
        return
    for snapshot in screening.snapshots.values():
        print(f"{LIST_TITLES[snapshot.list_id]}: {snapshot.file_name}, imported {snapshot.confirmed_at:%Y-%m-%d},"
              f" SHA-256 {snapshot.sha256[:16]}...")
    for problem in screening.state.problems:
        print(f"! {problem}")
    print()
    for row in rows:
        if not row["screenable"]:
            print(f"! {row['name']}: nothing distinctive to screen; enter its full registered name.")
        elif not row["hits"]:
            print(f"  {row['name']}: no candidate on either list.")
        for hit in row["hits"]:
            state = {"open": "OPEN - decide", "confirmed": "confirmed", "dismissed": "dismissed"}[hit["decision"]]
            print(f"{'!' if hit['decision'] == 'open' else ' '} {row['name']}: {state}. {hit['why']}")
            print(f"    HIT {hit['hit']}")
            if hit["reason"]:
                print(f"    reason: {hit['reason']}")


def run_show(args: argparse.Namespace) -> int:
    from importer_app.screening import (
        LIST_IDS,
        LIST_TITLES,
        current_snapshots,
        list_snapshots,
    )

    current = current_snapshots()
    for list_id in LIST_IDS:
        snapshot = current.get(list_id)
        if snapshot is None:
            print(f"{LIST_TITLES[list_id]}: never imported. Download it and run `importer-app lists import FILE`.")
            continue
        age = (dt.datetime.now(dt.timezone.utc) - snapshot.confirmed_at).days
        print(f"{snapshot.title}: {snapshot.entity_count} entities from {snapshot.file_name},"
              f" imported {snapshot.imported_at:%Y-%m-%d}, last confirmed {snapshot.confirmed_at:%Y-%m-%d}"
              f" ({age} days ago), SHA-256 {snapshot.sha256}")
    if args.all:
        every = list_snapshots()
        if not every:
            print("\nNo version of either list has been imported on this computer yet.")
        else:
            print("\nEvery version imported (the one in force last):")
        for snapshot in every:
            print(f"  {snapshot.imported_at:%Y-%m-%d %H:%M} {snapshot.title} {snapshot.file_name} {snapshot.sha256[:16]}...")
    return EXIT_OK
