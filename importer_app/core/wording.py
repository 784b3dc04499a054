"""Words that must not reach CBP, and where the importer's own text contains them.

The rules are data (``forms/wording/not_for_cbp.toml``): text written for the app's user, the
catalog's internal codes, file paths, dates not written the bundle's way. The test that renders
many bundles searches generated text with the same rules. Before export, the importer's own
words that the bundle prints as typed are searched too; they are never rewritten, each hit
becomes a note saying where the text is and what to change.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass

from importer_app.core.datafiles import forms_dir
from importer_app.core.errors import AppError
from importer_app.core.model import Case

RULES_FILE = ("wording", "not_for_cbp.toml")
KINDS = ("user", "code", "path", "style", "date")


@dataclass(frozen=True)
class WordingRule:
    """One pattern that must not reach CBP.

    Attributes:
        pattern: searched case-sensitively.
        kind: ``user``, ``code``, ``path``, ``style`` or ``date``.
        problem: what is wrong, completing "this text ...".
        advice: what to write instead.
    """

    pattern: re.Pattern[str]
    kind: str
    problem: str
    advice: str


@dataclass(frozen=True)
class WordingNote:
    """One place where the importer's text would read wrong to CBP.

    Attributes:
        field: which of the importer's texts, e.g. "Your explanation of a missing item".
        requirement: the catalog item the text is about ("" for none), for the caller to name.
        scope: ``case``, ``entity:ID``, ``link:ID`` or ``document:PATH`` ("" for none).
        found: the words found.
        problem: what is wrong with them.
        advice: what to write instead.
    """

    field: str
    requirement: str
    scope: str
    found: str
    problem: str
    advice: str


@functools.cache
def wording_rules() -> tuple[WordingRule, ...]:
    """The rules of ``forms/wording/not_for_cbp.toml``.

    Raises:
        AppError: the file is missing or a rule is malformed (the installation is damaged).
    """
    path = forms_dir().joinpath(*RULES_FILE)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        rules = tuple(WordingRule(re.compile(rule["pattern"]), rule["kind"], rule["problem"], rule["advice"])
                      for rule in data["rule"])
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, re.error) as exc:
        raise AppError(f"The list of words not for CBP in {path} cannot be read ({exc}); reinstall importer_app.") \
            from exc
    unknown = sorted({rule.kind for rule in rules} - set(KINDS))
    if unknown:
        raise AppError(f"The list of words not for CBP in {path} has an unknown kind {unknown[0]!r}; "
                       "reinstall importer_app.")
    return rules


def internal_ids(case: Case) -> frozenset[str]:
    """The case's ids of companies, transfers and inquiries that read as codes, not as words:
    ``gin-spinner`` or ``co2`` must not print, ``importer`` or ``garment`` may."""
    ids = [*(e.id for e in case.entities), *(link.id for link in case.links), *(i.id for i in case.inquiries)]
    return frozenset(i for i in ids if re.search(r"[-_\d]", i))


def find_in(text: str, ids: frozenset[str] = frozenset()) -> Iterator[tuple[str, WordingRule | None]]:
    """Each match in ``text``: the words found and the rule (None for one of ``ids``)."""
    for rule in wording_rules():
        for match in rule.pattern.finditer(text):
            yield match.group(0), rule
    for key in sorted(ids):
        if re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text):
            yield key, None


_ID_PROBLEM = "names a company, transfer or inquiry by the app's internal id"
_ID_ADVICE = "Use the company's name, or the goods and the two companies of the transfer."


def wording_notes(case: Case) -> tuple[WordingNote, ...]:
    """Every place where the importer's words that the bundle prints would read wrong to CBP."""
    ids = internal_ids(case)
    notes = []
    for field, requirement, scope, text in _importer_texts(case):
        for found, rule in find_in(text, ids):
            problem, advice = (rule.problem, rule.advice) if rule else (_ID_PROBLEM, _ID_ADVICE)
            notes.append(WordingNote(field, requirement, scope, found, problem, advice))
    return tuple(notes)


def _importer_texts(case: Case) -> Iterator[tuple[str, str, str, str]]:
    """(field, requirement, scope, text) for every text of the importer the bundle prints as
    typed: the evidence response's gaps and set-aside items, the screening record's decisions."""
    for gap in case.gap_explanations:
        yield "Your explanation of a missing item", gap.requirement, gap.scope, gap.explanation
        for request in gap.requests:
            yield "Whom you asked for a missing item", gap.requirement, gap.scope, request.to
            yield "The reply you recorded for a missing item", gap.requirement, gap.scope, request.reply
    for item in case.not_applicable:
        yield "Your reason for setting an item aside", item.requirement, item.scope, item.reason
    for decision in case.screening_decisions:
        yield "Your reason for a list match decision", "", f"entity:{decision.entity_id}", decision.reason
