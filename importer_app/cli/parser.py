"""argparse as people type: a misspelled option, command or choice gets "did you mean", and an
option the command does not know is reported in that command's own usage, not the top level's."""

from __future__ import annotations

import argparse
import difflib
import re
from collections.abc import Sequence
from typing import NoReturn

_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)")


def _closest(word: str, candidates: Sequence[str]) -> str | None:
    found = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return found[0] if found else None


class Parser(argparse.ArgumentParser):
    """The command line's parser; its sub-command parsers are of the same class."""

    def error(self, message: str) -> NoReturn:
        super().error(message + self._suggestion(message))

    def _suggestion(self, message: str) -> str:
        if (choice := _INVALID_CHOICE.search(message)) is not None:
            choices = [c.strip().strip("'") for c in choice.group(2).split(",")]
            best = _closest(choice.group(1), choices)
            return f"; did you mean {best!r}?" if best else ""
        if message.startswith("unrecognized arguments: "):
            options = [o for action in self._actions for o in action.option_strings]
            hints = []
            for word in message.removeprefix("unrecognized arguments: ").split():
                if word.startswith("-") and (best := _closest(word.partition("=")[0], options)):
                    hints.append(f"{best} instead of {word}")
            return f"; did you mean {', '.join(hints)}?" if hints else ""
        return ""

    def parse_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                   namespace: argparse.Namespace | None = None) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            self._chosen(parsed).error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed

    def _chosen(self, parsed: argparse.Namespace) -> Parser:
        """The deepest sub-command parser the arguments chose (this parser when none)."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                name = getattr(parsed, action.dest, None)
                sub = action.choices.get(name) if name else None
                if isinstance(sub, Parser):
                    return sub._chosen(parsed)
        return self
