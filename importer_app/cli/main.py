"""``importer-app``: the window with no arguments; the same jobs as subcommands without one.

Exit status: 0 success, 1 ran but the answer is no (e.g. the case is incomplete), 2 bad
input (a file the user can fix), 3 an internal error (a bug: details in the log file).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from importer_app.third_party_warnings import silence_third_party_warnings

# Before the commands import the libraries that warn on import.
silence_third_party_warnings()

from importer_app.core.errors import AppError  # noqa: E402
from importer_app.logsetup import configure_logging  # noqa: E402

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_NO = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
EXIT_OUTPUT_CLOSED = 141
"""The shell's status for a command whose reader closed the pipe (128 + SIGPIPE)."""


WINDOW_OPTIONS = frozenset({"--demo", "--debug"})
"""The top-level options a command line that opens the window may hold, besides a case file."""


def _parser() -> argparse.ArgumentParser:
    # The commands' modules are loaded here, not at import: the window does not need them.
    from importer_app import __version__
    from importer_app.cli import bundle as bundle_command
    from importer_app.cli import case_commands, lists, portal, signing
    from importer_app.cli.parser import Parser

    parser = Parser(
        prog="importer-app",
        description=(
            "Answer a CBP forced-labor detention: keep the case in one file, check it against"
            " what CBP requires, export one signed PDF bundle. Without a command, opens the window."
        ),
    )
    parser.add_argument("--version", action="version", version=f"importer-app {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full error report (traceback) on failure")
    parser.add_argument("--demo", action="store_true", help="open the window on a fresh copy of the demo case")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    case_commands.add_commands(commands)
    bundle_command.add_command(commands)
    portal.add_command(commands)
    signing.add_commands(commands)
    lists.add_commands(commands)
    return parser


def _window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """What the parser makes of a command line that only opens the window, without loading every
    command to build it (the window's first paint waits for all that is imported before it);
    None for any other command line."""
    if not set(argv) <= WINDOW_OPTIONS:
        return None
    return argparse.Namespace(debug="--debug" in argv, demo="--demo" in argv, command=None)


def _open_window(case_path: Path | None, demo: bool) -> int:
    # Imported here so that the commands never load Qt.
    from importer_app.gui.app import run_window

    return run_window(case_path, demo=demo)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # `importer-app CASE.tcase` opens that case in the window.
    case_path = None
    positional = [a for a in argv if not a.startswith("-")]
    if len(positional) == 1 and positional[0].endswith(".tcase"):
        case_path = Path(positional[0])
        argv.remove(positional[0])
    args = _window_args(argv)
    if args is None:
        args = _parser().parse_args(argv)
    log_file = configure_logging()
    run: Callable[[argparse.Namespace], int] | None = getattr(args, "run", None)
    if run is None:
        # The window's refusals (no display, a missing library) are sentences like the commands'.
        return _run(lambda parsed: _open_window(case_path, parsed.demo), args, log_file)
    from importer_app.cli.terminal import printable_output

    with printable_output():
        return _run(run, args, log_file)


def _run(run: Callable[[argparse.Namespace], int], args: argparse.Namespace, log_file: Path | None) -> int:
    try:
        return run(args)
    except AppError as error:
        log.info("refused: %s", error, exc_info=True)
        if args.debug:
            raise
        print(f"importer-app: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("importer-app: stopped; nothing half-written was kept.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of the output went away (`importer-app check CASE | head`): nothing is wrong
        # with the case. Output still buffered would raise again when Python flushes at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OUTPUT_CLOSED
    except Exception:
        log.exception("internal error in %s", args.command)
        if args.debug:
            raise
        where = f" Details are in {log_file}." if log_file else ""
        what = f"the {args.command} command" if args.command else "the window"
        print(f"importer-app: an internal error stopped {what}; this is a bug.{where}",
              file=sys.stderr)
        return EXIT_INTERNAL

