"""The assertion ledger: which factual sentences the bundle may say to CBP about this case.

The claims, their conditions and the slots of each document are data
(``forms/templates/claims.toml``); the conditions are the functions of ``claim_conditions``.
A page asks the ledger for a slot and gets the sentence of the first claim that holds, or
nothing: no sentence reaches CBP that the case does not bear out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from importer_app.bundle.claim_conditions import CONDITIONS, ClaimFacts, Verdict
from importer_app.bundle.numbering import number_exhibits
from importer_app.bundle.pages.templates import Template, TemplateError, load_template
from importer_app.bundle.source import BundleSource
from importer_app.core.catalog import Catalog, load_catalog
from importer_app.core.engine import evaluate
from importer_app.screening.in_case import case_screening


@dataclass(frozen=True)
class Claim:
    """One sentence of the ledger and what must hold for it to be said."""

    id: str
    conditions: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Evaluated:
    """A claim judged on one case.

    Attributes:
        verdicts: each condition's answer, in the claim's order.
        holds: True only when every condition holds; None when none is false and one is unknown.
    """

    claim: Claim
    verdicts: tuple[tuple[str, Verdict], ...]

    @property
    def holds(self) -> bool | None:
        answers = [verdict.holds for _, verdict in self.verdicts]
        if False in answers:
            return False
        return None if None in answers else True


def load_claims() -> tuple[Template, dict[str, Claim], dict[str, dict[str, tuple[str, ...]]]]:
    """The ledger's template, its claims by id and its slots by document.

    Raises:
        TemplateError: a claim names an unknown condition or a slot an unknown claim.
    """
    words = load_template("claims")
    claims: dict[str, Claim] = {}
    for claim_id, entry in words.raw("claims").items():
        conditions = tuple(entry["conditions"])
        unknown = [name for name in conditions if name not in CONDITIONS]
        if unknown or not conditions:
            raise TemplateError(f"forms/templates/claims.toml, claims.{claim_id}: unknown or no conditions {unknown}")
        claims[claim_id] = Claim(claim_id, conditions, entry["text"])
    slots = {document: {slot: tuple(ids) for slot, ids in table.items()}
             for document, table in words.raw("slots").items()}
    for document, table in slots.items():
        for slot, ids in table.items():
            if not set(ids) <= set(claims):
                raise TemplateError(f"forms/templates/claims.toml, slots.{document}.{slot}: unknown claim")
    return words, claims, slots


class Ledger:
    """The claims of one case, each condition evaluated once."""

    def __init__(self, facts: ClaimFacts) -> None:
        self._words, self._claims, self._slots = load_claims()
        self._facts = facts
        self._verdicts: dict[str, Verdict] = {}

    def judge(self, claim_id: str) -> Evaluated:
        claim = self._claims[claim_id]
        return Evaluated(claim, tuple((name, self._verdict(name)) for name in claim.conditions))

    def say(self, document: str, slot: str, values: Mapping[str, str] | None = None) -> str:
        """The sentence of the first claim of the slot that holds, as paragraph markup; empty
        when none holds."""
        for claim_id in self._slots[document][slot]:
            judged = self.judge(claim_id)
            if judged.holds:
                quoted: dict[str, str] = {}
                for _, verdict in judged.verdicts:
                    quoted.update(verdict.values)
                quoted.update(values or {})
                return self._words.fill(judged.claim.text, quoted, path=("claims", claim_id), markup=True)
        return ""

    def explain(self) -> list[str]:
        """Every claim with the slots that use it, its conditions, their answers and evidence."""
        used: dict[str, list[str]] = {}
        for document, table in self._slots.items():
            for slot, ids in table.items():
                for claim_id in ids:
                    used.setdefault(claim_id, []).append(f"{document}.{slot}")
        lines = []
        for claim_id in self._claims:
            judged = self.judge(claim_id)
            lines.append(f"{claim_id}: {_ANSWER[judged.holds]}  (in {', '.join(used.get(claim_id, ['no slot']))})")
            lines.append(f"  says: {judged.claim.text}")
            for name, verdict in judged.verdicts:
                lines.append(f"  {name}: {_ANSWER[verdict.holds]}. {verdict.evidence}")
        return lines

    def _verdict(self, name: str) -> Verdict:
        if name not in self._verdicts:
            self._verdicts[name] = CONDITIONS[name](self._facts)
        return self._verdicts[name]


_ANSWER = {True: "true", False: "false", None: "unknown"}


def case_ledger(source: BundleSource, today: dt.date, catalog: Catalog | None = None) -> Ledger:
    """The ledger of a stored case as a bundle dated ``today`` would judge it."""
    case = source.case
    screening = case_screening(case, source.lists, source.lists_in_case, today)
    report = evaluate(case, catalog or load_catalog(), today, screening.state)
    return Ledger(ClaimFacts(case, report, number_exhibits(case), screening))
