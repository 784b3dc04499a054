"""What the bench scripts share: the options ``--json`` and ``--quick``, and the rows they
hand to ``bench/run_all``.

Each script declares its figures as :class:`Figure` rows, with their goal text, in one place
(its ``figures`` function). Run alone, a script prints its usual human output. With ``--json``
the same human output goes to stderr and stdout holds one line only: the rows as JSON, which
``bench/run_all`` reads. ``--quick`` shrinks the sizes and runs, to test the plumbing: its
figures are not comparable with the README's.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import sys
from collections.abc import Iterable, Iterator


@dataclasses.dataclass(frozen=True)
class Figure:
    """One row of the README's table: what was measured, the value, and its goal if any."""

    figure: str
    measured: str
    goal: str = ""
    met: bool | None = None
    """Whether the goal was met; None when the figure has no goal."""


def add_options(parser: argparse.ArgumentParser, quick: str) -> None:
    """Add ``--json`` and ``--quick``; ``quick`` says what the quick run does (for --help)."""
    parser.add_argument("--json", action="store_true",
                        help="print the figures as JSON on stdout (the human output goes to stderr)")
    parser.add_argument("--quick", action="store_true", help=f"smoke run, figures not comparable: {quick}")


@contextlib.contextmanager
def human_output(as_json: bool) -> Iterator[None]:
    """While measuring and printing: with --json, what the script prints goes to stderr."""
    if not as_json:
        yield
        return
    with contextlib.redirect_stdout(sys.stderr):
        yield


def emit(figures: Iterable[Figure], as_json: bool) -> None:
    """With --json, print the rows on stdout, one line (after the human output)."""
    if as_json:
        sys.stdout.flush()
        print(json.dumps([dataclasses.asdict(figure) for figure in figures]), flush=True)
