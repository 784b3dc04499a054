"""Suggestions from a document's text: its type, reference numbers, dates and quantities.

Everything here is a guess with a confidence in [0, 1]; the window offers the guesses and the
user decides. Patterns cover what supplier paperwork prints: English labels, ISO 6346 container
numbers (whose check digit makes a match near certain), CBP entry numbers, and the date and
unit words of Chinese and Vietnamese documents.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import Final

from importer_app.intake.model import (
    DateSuggestion, QuantitySuggestion, ReferenceSuggestion, Suggestions, TypeSuggestion,
)

MAX_EACH: Final = 20
"""Suggestions kept per kind: a 40-line packing list should not flood the form."""
_TITLE_ZONE: Final = 200
"""Characters at the top of the text where a document's title is: matches there count more."""

# --- document types ----------------------------------------------------------------------


def suggest(text: str, name: str, type_keywords: Mapping[str, Sequence[str]]) -> Suggestions:
    """All suggestions for a document with this text and file name."""
    return Suggestions(
        document_types=suggest_types(text, name, type_keywords),
        references=suggest_references(text),
        dates=suggest_dates(text),
        quantities=suggest_quantities(text),
    )


def suggest_types(text: str, name: str, type_keywords: Mapping[str, Sequence[str]]) -> tuple[TypeSuggestion, ...]:
    """Document types whose keywords appear in the text or the file name, best first.

    A keyword scores 1 for appearing, up to 1 more for repeating, 2 more in the title zone
    and 2 more in the file name. The confidence grows with the score and shrinks as other
    types score too: ``(1 - e^(-score/3)) * score^2 / sum(scores^2)``, times 0.6 when a
    single keyword is all the evidence (generic words such as "address" appear everywhere).
    With nothing competing: one keyword in the body gives 0.17, in the title 0.38; a title
    and a second keyword 0.74.
    """
    # One space between words, so a keyword matches across line breaks with plain searches.
    body = " ".join(text.casefold().split())
    file_name = " ".join(re.sub(r"[_\-.]+", " ", PurePath(name).stem).casefold().split())
    scored: list[tuple[float, str, tuple[str, ...]]] = []
    for type_id, keywords in type_keywords.items():
        score = 0.0
        evidence = []
        for keyword in keywords:
            folded = " ".join(keyword.casefold().split())
            if not folded:
                continue
            positions = _occurrences(body, folded)
            in_name = bool(_occurrences(file_name, folded))
            if not positions and not in_name:
                continue
            evidence.append(keyword)
            if positions:
                score += 1 + min(len(positions) - 1, 2) * 0.5 + (2 if positions[0] < _TITLE_ZONE else 0)
            if in_name:
                score += 2
        if score:
            scored.append((score, type_id, tuple(evidence)))
    total = sum(score**2 for score, _, _ in scored)
    suggestions = [
        TypeSuggestion(
            type_id,
            round((1 - math.exp(-score / 3)) * score**2 / total * (0.6 if len(evidence) == 1 else 1.0), 2),
            evidence,
        )
        for score, type_id, evidence in sorted(scored, key=lambda entry: -entry[0])
    ]
    return tuple(s for s in suggestions if s.confidence >= 0.05)[:3]


def _occurrences(haystack: str, keyword: str, limit: int = 3) -> list[int]:
    """Where ``keyword`` stands as whole words in ``haystack`` (at most ``limit`` places).

    Latin words need edges ("awb" inside "awbxyz" is not a waybill); CJK is written without
    spaces, so a CJK keyword matches anywhere.
    """
    found: list[int] = []
    start = haystack.find(keyword)
    while start != -1 and len(found) < limit:
        end = start + len(keyword)
        before = haystack[start - 1] if start else " "
        after = haystack[end] if end < len(haystack) else " "
        if not (_latin_word_char(keyword[0]) and _latin_word_char(before)) and not (
            _latin_word_char(keyword[-1]) and _latin_word_char(after)
        ):
            found.append(start)
        start = haystack.find(keyword, start + 1)
    return found


def _latin_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


# --- reference numbers -------------------------------------------------------------------
# One pass per pattern over the text: each alternative is a named group saying the kind.

_LABELS: Final = {
    "purchase_order": r"purchase\s+order|p\.?\s?o\.?(?!\s*box)",
    "invoice": r"(?:commercial\s+)?(?:invoice|inv\.?)",
    "bill_of_lading": r"bill\s+of\s+lading|b/l|[hm]?bl|sea\s+waybill|air\s+waybill|awb",
    "entry": r"entry",
}
_LABELLED: Final = re.compile(
    r"(?i)\b(?:" + "|".join(f"(?P<{kind}>{label})" for kind, label in _LABELS.items()) + ")"
    r"(?:\s*(?:no\.?|number|nr\.?|num\.?|#|ref\.?))?\s*[:#.]?\s*"
    # the reference as printed: letters, digits and separators, with at least one digit
    r"(?P<value>(?=[A-Z0-9\-/.]*\d)[A-Z0-9][A-Z0-9\-/.]{2,30})"
)
_BARE: Final = re.compile(
    r"\b(?:(?P<purchase_order>PO[-#]?\d{3,}(?:[-/]\d+)*)|(?P<invoice>INV[-#]?\d{3,}(?:[-/]\d+)*)"
    r"|(?P<entry>[A-Z0-9]{3}-\d{7}-\d))\b"
)
_SEPARATORS: Final = str.maketrans("", "", " \t\n-/.")
"""Removed before comparing references: PO-1001 and PO 1001 are one number."""
_ENTRY_NUMBER: Final = re.compile(r"[A-Z0-9]{3}-?\d{7}-?\d")
_CONTAINER: Final = re.compile(r"\b(?P<owner>[A-Z]{3}[UJZ])[\s-]?(?P<serial>\d{6})[\s-]?(?P<check>\d)\b")
_LETTER_VALUES: Final = {
    letter: value
    for letter, value in zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [v for v in range(10, 39) if v % 11],  # ISO 6346 skips multiples of 11
        strict=True,
    )
}


def suggest_references(text: str) -> tuple[ReferenceSuggestion, ...]:
    """Purchase order, invoice, bill of lading, container and entry numbers, best first.

    A number after its label ("Invoice No.:") scores 0.8 (an entry number, whose shape is
    fixed, 0.9); a bare ``PO-1001`` or entry number 0.6; a container number whose ISO 6346
    check digit is right 0.95.
    """
    found: list[tuple[float, int, str, str]] = []
    for match in _LABELLED.finditer(text):
        kind = next(kind for kind in _LABELS if match.group(kind))
        value = match.group("value").rstrip(".-/")
        if kind != "entry":
            found.append((0.8, match.start(), kind, value))
        elif _ENTRY_NUMBER.fullmatch(value):
            found.append((0.9, match.start(), kind, value))
    for match in _BARE.finditer(text):
        kind = match.lastgroup or ""
        found.append((0.6, match.start(), kind, match.group(kind)))
    for match in _CONTAINER.finditer(text):
        number = match.group("owner") + match.group("serial")
        if container_check_digit(number) == int(match.group("check")):
            found.append((0.95, match.start(), "container", number + match.group("check")))
    best: dict[tuple[str, str], tuple[float, int, str, str]] = {}
    for entry in found:
        key = (entry[2], entry[3].translate(_SEPARATORS).upper())
        if key not in best or entry[0] > best[key][0]:
            best[key] = entry
    ranked = sorted(best.values(), key=lambda e: (-e[0], e[1]))
    return tuple(ReferenceSuggestion(kind, value, confidence) for confidence, _, kind, value in ranked[:MAX_EACH])


def container_check_digit(owner_and_serial: str) -> int:
    """The ISO 6346 check digit of a container number's first ten characters."""
    total = 0
    for position, char in enumerate(owner_and_serial):
        value = _LETTER_VALUES[char] if char.isalpha() else int(char)
        total += value * 2**position
    return total % 11 % 10


# --- dates ---------------------------------------------------------------------------------

_MONTHS: Final = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAME: Final = "(?:" + "|".join(_MONTHS) + r")[a-z]*\.?"
_DATES: Final = re.compile(
    r"(?i)\b(?:(?P<iso_y>\d{4})[-/.](?P<iso_m>\d{1,2})[-/.](?P<iso_d>\d{1,2})"
    r"|(?P<dmy_d>\d{1,2})(?:st|nd|rd|th)?[\s\-]+(?P<dmy_m>" + _MONTH_NAME + r")[\s,\-]+(?P<dmy_y>\d{4})"
    r"|(?P<mdy_m>" + _MONTH_NAME + r")\s+(?P<mdy_d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>\d{4})"
    r"|(?P<num_a>\d{1,2})[/.](?P<num_b>\d{1,2})[/.](?P<num_y>\d{4}))\b"
    r"|(?P<cjk_y>\d{4})\s*年\s*(?P<cjk_m>\d{1,2})\s*月\s*(?P<cjk_d>\d{1,2})\s*日"
    r"|ngày\s+(?P<vi_d>\d{1,2})\s+tháng\s+(?P<vi_m>\d{1,2})\s+năm\s+(?P<vi_y>\d{4})"
)
"""ISO, 12 Feb 2026, February 12, 2026, 12/02/2026, 2026年2月12日, ngày 12 tháng 2 năm 2026."""
_DATE_LABEL: Final = re.compile(r"(?i)(?:date|dated|日期|ngày)\W{0,3}$")


def suggest_dates(text: str) -> tuple[DateSuggestion, ...]:
    """Calendar dates, best first; ``03/04/2026`` gives both readings at low confidence."""
    found: list[tuple[float, int, dt.date, str]] = []
    for match in _DATES.finditer(text):
        form = (match.lastgroup or "").split("_")[0]  # which alternative matched: iso, dmy ...
        year = int(match.group(f"{form}_y"))
        if form != "num":
            month = match.group(f"{form}_m")
            number = _MONTHS.index(month[:3].lower()) + 1 if month[0].isalpha() else int(month)
            _add_date(found, text, match, year, number, int(match.group(f"{form}_d")), 0.8)
            continue
        a, b = int(match.group("num_a")), int(match.group("num_b"))
        if a > 12 or a == b:
            _add_date(found, text, match, year, b, a, 0.6)
        elif b > 12:
            _add_date(found, text, match, year, a, b, 0.6)
        else:
            # Day first (most of the world) and month first (the US): the user picks.
            _add_date(found, text, match, year, b, a, 0.3)
            _add_date(found, text, match, year, a, b, 0.3)
    best: dict[dt.date, tuple[float, int, dt.date, str]] = {}
    for entry in found:
        if entry[2] not in best or entry[0] > best[entry[2]][0]:
            best[entry[2]] = entry
    ranked = sorted(best.values(), key=lambda e: (-e[0], e[1]))
    return tuple(DateSuggestion(value, written, confidence) for confidence, _, value, written in ranked[:MAX_EACH])


def _add_date(found: list[tuple[float, int, dt.date, str]], text: str, match: re.Match[str],
              year: int, month: int, day: int, confidence: float) -> None:
    if not 1990 <= year <= 2100:
        return
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return
    if _DATE_LABEL.search(text, max(0, match.start() - 12), match.start()):
        confidence += 0.1
    found.append((round(confidence, 2), match.start(), value, match.group(0)))


# --- quantities ----------------------------------------------------------------------------

_UNITS: Final[dict[str, tuple[str, ...]]] = {
    "kg": ("kilograms", "kilogram", "kilos", "kilo", "kgs", "kg", "公斤", "千克"),
    "g": ("grams", "gram"),
    "t": ("metric tons", "metric ton", "tonnes", "tonne", "mt", "吨"),
    "lb": ("pounds", "pound", "lbs", "lb"),
    "m": ("meters", "metres", "meter", "metre", "m", "米"),
    "yd": ("yards", "yard", "yds", "yd"),
    "m2": ("square meters", "square metres", "sqm", "m2", "m²"),
    "pcs": ("pieces", "piece", "pcs", "pce", "pc", "件", "个", "chiếc", "cái"),
    "dozen": ("dozens", "dozen", "doz", "dz"),
    "pairs": ("pairs", "pair", "prs", "双", "đôi"),
    "sets": ("sets", "set", "套", "bộ"),
    "cartons": ("cartons", "carton", "ctns", "ctn", "箱", "thùng"),
    "bales": ("bales", "bale"),
    "rolls": ("rolls", "roll", "卷"),
    "bags": ("bags", "bag", "袋"),
}
"""Unit words as printed, by the name used in a case (``core.units`` converts the measures)."""
_ALIAS: Final = {alias: unit for unit, aliases in _UNITS.items() for alias in aliases}
_QUANTITY: Final = re.compile(
    r"(?<![\w.,])(?P<number>\d{1,3}(?:[,.\u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)[ \u00a0]?"
    r"(?P<word>[^\W\d_]+(?: [^\W\d_]+)?)"
)
"""A number and the word or two after it; the words are looked up in ``_ALIAS`` (a regex
alternation of every unit, case-insensitive, is ten times slower)."""
_QUANTITY_LABEL: Final = re.compile(r"(?i)(?:qty|quantity|total|net\s+weight|gross\s+weight|数量|số\s+lượng)\W{0,20}$")


def suggest_quantities(text: str) -> tuple[QuantitySuggestion, ...]:
    """Numbers followed by a unit of quantity, best first."""
    found: dict[tuple[float, str], tuple[float, int, QuantitySuggestion]] = {}
    for match in _QUANTITY.finditer(text):
        written_unit = _unit_word(match.group("word"))
        # A capital M is a million far more often than a metre.
        if written_unit is None or written_unit == "M":
            continue
        parsed = _number(match.group("number"))
        if parsed is None:
            continue
        value, certain = parsed
        unit = _ALIAS[written_unit.lower()]
        confidence = 0.6 if certain else 0.4
        if _QUANTITY_LABEL.search(text, max(0, match.start() - 30), match.start()):
            confidence += 0.2
        key = (value, unit)
        if key not in found or confidence > found[key][0]:
            written = text[match.start():match.start("word") + len(written_unit)]
            found[key] = (confidence, match.start(), QuantitySuggestion(value, unit, written, round(confidence, 2)))
    ranked = sorted(found.values(), key=lambda e: (-e[0], e[1]))
    return tuple(entry[2] for entry in ranked[:MAX_EACH])


def _unit_word(words: str) -> str | None:
    """The unit the words after a number start with, as written; None if they are no unit."""
    first = words.split(" ")[0]
    candidates = [words, first]
    if not first.isascii():
        candidates += [first[:2], first[:1]]  # CJK units written without a space: 500件商品
    return next((candidate for candidate in candidates if candidate.lower() in _ALIAS), None)


def _number(written: str) -> tuple[float, bool] | None:
    """The value of ``12,000.50``, ``12.000,50``, ``12\u202f000`` or ``1.5``, and whether it is sure.

    ``12,000`` is twelve thousand. ``25.480`` could be 25.48 (tonnes to three decimals) or
    25480 (European thousands): it is read the English way and marked unsure.
    """
    compact = written.replace("\u00a0", "").replace("\u202f", "")
    separators = [c for c in compact if c in ",."]
    certain = True
    if not separators:
        number = compact
    elif len(set(separators)) == 2:
        decimal = separators[-1]
        number = compact.replace("," if decimal == "." else ".", "").replace(decimal, ".")
    elif len(separators) > 1:
        number = compact.replace(separators[0], "")
    else:
        integer, fraction = re.split(r"[,.]", compact)
        if len(fraction) == 3 and separators[0] == ",":
            number = integer + fraction
        else:
            number, certain = f"{integer}.{fraction}", len(fraction) != 3
    try:
        return float(number), certain
    except ValueError:
        return None
