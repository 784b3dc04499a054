"""``importer-app lists``: the official lists, imported from files the user downloaded."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

EXIT_OK = 0


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
    imp.set_defaults(run=run_import)
    show = actions.add_parser("show", help="the list versions in force: source, SHA-256, dates, entries")
    show.add_argument("--all", action="store_true", help="also every earlier version")
    show.set_defaults(run=run_show)


def run_import(args: argparse.Namespace) -> int:
    from importer_app.screening import import_list

    result = import_list(args.file, dt.datetime.now(dt.timezone.utc))
    snapshot = result.snapshot
    if result.already_imported:
        print(f"{args.file.name} was imported before ({snapshot.title}); it is confirmed as current today.")
    else:
        print(f"Imported {snapshot.title}: {snapshot.entity_count} listed entities from {snapshot.file_name}"
              f" (SHA-256 {snapshot.sha256[:16]}...).")
    for note in snapshot.notes:
        print(f"  - {note}")
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    from importer_app.screening import LIST_IDS, LIST_TITLES, current_snapshots, list_snapshots

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
        print("\nEvery version imported (the one in force last):")
        for snapshot in list_snapshots():
            print(f"  {snapshot.imported_at:%Y-%m-%d %H:%M} {snapshot.title} {snapshot.file_name} {snapshot.sha256[:16]}...")
    return EXIT_OK
