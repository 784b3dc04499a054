"""Splitting a list's entity text into entities, names, aliases and scope notes.

Both official lists pack several things into one cell (domain.md F.1, F.2):

- CBP WRO/Findings ``Entity``: several entities separated by ``;`` or joined by "and" or
  commas after a legal form ("A Co., Ltd. and B Co., Ltd."), aliases after "a/k/a", scope
  notes ("and its subsidiaries"), subsidiaries named after "and its two subsidiaries ...".
- DHS UFLPA ``Name of Entity``: aliases in brackets ("(also known as ...)", "(formerly known
  as ...)", "(including N aliases: A; B; and C)"), scope notes ("and its subordinate and
  affiliated entities", "and subsidiaries"), subsidiaries ("and its eight X-based
  subsidiaries, which include A, B, ..., and C").

One splitter serves both: the patterns do not collide. It is deliberately conservative: a
comma or "and" only separates entities after a legal form, so "Xinjiang Production and
Construction Corps" stays one name. A listing it cannot split stays whole, which still
matches (the matcher finds a name contained in a longer one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_COUNTS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_LEGAL_END = re.compile(
    r"(?:\b(?:co|corp|inc|ltd|llc|jsc|plc|pvt|pte|bhd|gmbh|s\.?a|s\.?r\.?l|c\.?v|k\.?k)\.?"
    r"|\b(?:limited|company|corporation|incorporated|berhad|group))$",
    re.IGNORECASE,
)
_LEGAL_ONLY = re.compile(
    r"^(?:co\.?,?\s*)?(?:ltd|limited|inc|llc|jsc|plc|corp|s\.?a\.?(?:\s+de\s+c\.?v)?|berhad)\.?$",
    re.IGNORECASE,
)
_SCOPE = re.compile(
    r"(?:,\s*|\s+)(and\s+(?:its\s+|their\s+)?(?:subordinate\s+and\s+affiliated\s+entities"
    r"|subordinates|subsidiaries(?:\s+and\s+joint\s+ventures)?))\s*\.?$",
    re.IGNORECASE,
)
_SUBSIDIARIES = re.compile(
    r"(?:,\s*|\s+)and\s+its\s+(?:(?P<count>[\w-]+)\s+)?(?:[\w-]+-based\s+)?subsidiar(?:y|ies)\b"
    r"(?:\s+from\s+[^,]+)?\s*,?\s*(?:which\s+include|including)?\s*:?\s*(?P<list>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_AKA = re.compile(r",?\s*\b(?:a/k/a|a\.k\.a\.?)\s+", re.IGNORECASE)
_ALIAS_GROUP = re.compile(
    r"^(?:(?:and|including)\s+(?P<count>[\w-]+)\s+alias(?:es)?\s*:"
    r"|(?:also|formerly)\s+known\s+as\b|a/k/a\b|a\.k\.a\.?)\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_KNOWN_AS = re.compile(r",?\s*(?:and\s+)?(?:formerly|also)\s+known\s+as\s+", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z]{3,}$")
_BOUNDARY = re.compile(r",\s*and\s+|,\s*|\s+and\s+", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedName:
    """One entity found in a listing's text.

    Attributes:
        name: the main name as printed.
        aliases: the other names given for it.
        note: its scope ("and its subsidiaries") or "subsidiary of ...".
    """

    name: str
    aliases: tuple[str, ...] = ()
    note: str = ""


def split_listing(text: str) -> list[ParsedName]:
    """The entities one list cell names, in order; none for an empty cell.

    Raises:
        ValueError: the brackets do not pair up, or nothing but aliases is in brackets; the
            message says which. The parsers then keep the text whole as one name.
    """
    text = " ".join(text.split()).strip(" ,;")
    found: list[ParsedName] = []
    for segment in _split_outside_brackets(text, re.compile(r"\s*;\s*")):
        if segment.strip(" ,."):
            found.extend(_split_segment(segment.strip(" ,")))
    return found


def _split_segment(segment: str) -> list[ParsedName]:
    note = ""
    scope = _SCOPE.search(segment)
    if scope and _balanced(segment[: scope.start()]):
        note = scope.group(1)
        segment = segment[: scope.start()]
    subsidiaries: list[str] = []
    listed = _SUBSIDIARIES.search(segment)
    if listed and _balanced(segment[: listed.start()]):
        subsidiaries = _split_list(listed.group("list"), _count(listed.group("count")))
        segment = segment[: listed.start()]
    names = _split_outside_brackets(segment, _AKA)
    if len(names) > 1:
        mains = [_with_aliases(names[0], tuple(names[1:]), note)]
    else:
        mains = [_with_aliases(name, (), note) for name in _split_after_legal_forms(segment)]
    parent = mains[-1].name
    return mains + [_with_aliases(sub, (), f"subsidiary of {parent}") for sub in subsidiaries]


def _with_aliases(text: str, aliases: tuple[str, ...], note: str) -> ParsedName:
    """The name with its bracketed alias groups taken out into aliases."""
    kept: list[str] = []
    found = list(aliases)
    for part, bracketed in _bracket_parts(text):
        if not bracketed:
            kept.append(part)
            continue
        group = _ALIAS_GROUP.match(part)
        if group:
            for known_as in _KNOWN_AS.split(group.group("rest")):
                found.extend(_split_list(known_as, _count(group.group("count"))))
            continue
        kept.append(f"({part})")
        if _ACRONYM.match(part):
            found.append(part)
    name = _tidy("".join(kept))
    if not name:
        raise ValueError(f"no name is left in {text!r} once its aliases are taken out")
    return ParsedName(name, tuple(dict.fromkeys(a for a in map(_tidy, found) if a)), note)


def _split_after_legal_forms(text: str) -> list[str]:
    """Entities joined by commas or "and", split only where a legal form ends one of them."""
    pieces = _split_outside_brackets(text, _BOUNDARY, keep=True)
    names = [pieces[0]]
    for separator, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        # "Co., Ltd. (including one alias: ...)": the legal form ends the previous name.
        legal_only = _LEGAL_ONLY.match(_without_brackets(piece).strip())
        starts_new = _LEGAL_END.search(names[-1]) and not legal_only and piece[:1].isupper()
        if starts_new:
            names.append(piece)
        else:
            names[-1] += separator + piece
    return names


def _split_list(text: str, expected: int | None) -> list[str]:
    """Items of an alias or subsidiary list: "A; B; and C", "A, B, and C" or "A and B"."""
    if _split_outside_brackets(text, re.compile(";"))[1:]:
        items = _split_outside_brackets(text, re.compile(r"\s*;\s*"))
    else:
        items = []
        for piece in _split_outside_brackets(text, re.compile(r"\s*,\s*")):
            if items and _LEGAL_ONLY.match(piece):
                items[-1] += ", " + piece
            else:
                items.append(piece)
    items = [re.sub(r"^and\s+", "", item.strip(), flags=re.IGNORECASE) for item in items]
    # "two aliases: A and B" has no other separator: the count says to split at "and".
    while expected and len(items) < expected:
        last = _split_outside_brackets(items[-1], re.compile(r"\s+and\s+", re.IGNORECASE))
        if len(last) < 2:
            break
        items[-1:] = [" and ".join(last[:-1]), last[-1]]
    return [item for item in items if item]


def _count(word: str | None) -> int | None:
    if not word:
        return None
    word = word.lower()
    return int(word) if word.isdigit() else _COUNTS.get(word)


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:")


def _bracket_parts(text: str) -> list[tuple[str, bool]]:
    """The text cut into (part, bracketed) pieces at top-level round brackets."""
    parts: list[tuple[str, bool]] = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char == "(":
            if depth == 0:
                parts.append((text[start:index], False))
                start = index + 1
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                raise ValueError(f"a closing bracket in {text!r} has no opening one")
            if depth == 0:
                parts.append((text[start:index], True))
                start = index + 1
    if depth:
        raise ValueError(f"a bracket in {text!r} is not closed")
    parts.append((text[start:], False))
    return [(part, bracketed) for part, bracketed in parts if part or bracketed]


def _without_brackets(text: str) -> str:
    return "".join(part for part, bracketed in _bracket_parts(text) if not bracketed)


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")")


def _split_outside_brackets(text: str, separator: re.Pattern[str], keep: bool = False) -> list[str]:
    """``text`` split at ``separator`` matches that are not inside brackets.

    With ``keep`` the separators stay in the list between the pieces.
    """
    pieces: list[str] = []
    start = 0
    for match in separator.finditer(text):
        if not _balanced(text[: match.start()]):
            continue
        pieces.append(text[start: match.start()])
        if keep:
            pieces.append(match.group())
        start = match.end()
    pieces.append(text[start:])
    return pieces
