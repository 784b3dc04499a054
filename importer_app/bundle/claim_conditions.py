"""The conditions of the assertion ledger (``forms/templates/claims.toml``), each a small
function over the case, the completeness check's report, the list screening and the plan.

A condition answers True, False or None (the case cannot tell), with the evidence it rests
on in a sentence for the user (``bundle --explain-claims``) and the values its claim's
sentence quotes. Every one reads what the engine found rather than judging anew, so the
bundle never says what the check contradicts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final

from importer_app.bundle.pages.facts import exhibit_list, long_date
from importer_app.bundle.pages.words import counted, joined
from importer_app.bundle.plan import BundlePlan
from importer_app.core import vocab
from importer_app.core.mass_balance import mass_balance
from importer_app.core.model import Case
from importer_app.core.report import ItemStatus, Report
from importer_app.screening.in_case import CaseScreening
from importer_app.screening.model import LIST_IDS, LIST_TITLES

# Information types whose items the conditions read (forms/catalog/information_types.toml).
_LOCATION = "ORG-03"
_GUIDANCE = "REG-04"
_FORMS = ("REG-01", "REG-02", "REG-03")
_ENTITY_LIST = "uflpa"


@dataclass(frozen=True)
class ClaimFacts:
    """What the conditions read: one case as the bundle is built from it."""

    case: Case
    report: Report
    plan: BundlePlan
    screening: CaseScreening | None = None
    _statuses: dict[str, list[ItemStatus]] = field(default_factory=dict, repr=False, compare=False)

    def items(self, requirement: str) -> list[ItemStatus]:
        """The report's items of one information type."""
        if not self._statuses:
            for status in self.report.statuses:
                self._statuses.setdefault(status.requirement, []).append(status)
            self._statuses.setdefault("", [])
        return self._statuses.get(requirement, [])

    def exhibits(self, paths: tuple[str, ...] | list[str]) -> str:
        wanted = set(paths)
        return exhibit_list(e.id for e in self.plan.exhibits if e.document.path in wanted)

    def name(self, scope: str) -> str:
        try:
            return self.case.entity(scope.removeprefix("entity:")).name
        except KeyError:
            return scope


@dataclass(frozen=True)
class Verdict:
    """A condition's answer.

    Attributes:
        holds: True, False, or None when the case cannot tell.
        evidence: what it rests on, one or two sentences for the user.
        values: what the claim's sentence may quote.
    """

    holds: bool | None
    evidence: str
    values: Mapping[str, str] = field(default_factory=dict)


Condition = Callable[[ClaimFacts], Verdict]


def no_xuar_entity(facts: ClaimFacts) -> Verdict:
    items = facts.items(_LOCATION)
    if not items:
        return Verdict(None, f"The location check ({_LOCATION}) does not run for this case.")
    inside = [facts.name(i.scope) for i in items if i.scope != "case" and i.state in ("provided", "missing")]
    if inside:
        return Verdict(False, f"In, or with an address naming a place in, the XUAR: {joined(inside)}.")
    explained = [i for i in items if i.state == "not_applicable"]
    note = "".join(f" The address of {facts.name(i.scope)} names a place in the region; {i.note}"
                   for i in explained)
    evidence = "No entity's region is CN-XJ and no address names a place of the XUAR"
    evidence += (", apart from those the importer explained: " + joined([facts.name(i.scope) for i in explained])
                 if explained else "") + "."
    return Verdict(True, evidence, {"xuar_note": note})


def chain_traced_to_raw_material(facts: ClaimFacts) -> Verdict:
    breaks = [finding.message for finding in facts.report.findings if finding.kind == "structure"]
    if breaks:
        return Verdict(False, " ".join(breaks))
    if not facts.case.links:
        return Verdict(None, "The case records no transfer of material.")
    return Verdict(True, "Every chain of transfers runs from a raw material producer to the importer.")


def entity_list_clear(facts: ClaimFacts) -> Verdict:
    return _screened(facts, (_ENTITY_LIST,))


def screened_no_confirmed_hit(facts: ClaimFacts) -> Verdict:
    return _screened(facts, LIST_IDS)


def _screened(facts: ClaimFacts, lists: tuple[str, ...]) -> Verdict:
    screening = facts.screening
    titles = [LIST_TITLES[list_id] for list_id in lists]
    if screening is None or any(list_id not in screening.snapshots for list_id in lists):
        return Verdict(None, f"Not screened against the {joined(titles)}: import the list into the case.")
    if screening.state.unscreenable:
        names = joined([facts.name(entity_id) for entity_id in screening.state.unscreenable])
        return Verdict(None, f"Names too generic to screen: {names}.")
    decided = {d.key: d.decision for d in facts.case.screening_decisions}
    hits = [c for c in screening.state.candidates if c.list_id in lists]
    verdicts = [decided.get(hit.key, "open") for hit in hits]
    confirmed = [facts.name(h.entity_id) for h, v in zip(hits, verdicts, strict=True) if v == "confirmed"]
    if confirmed:
        return Verdict(False, f"Confirmed on a list: {joined(confirmed)}.")
    if "open" in verdicts:
        return Verdict(None, f"{counted(verdicts.count('open'), 'possible match')} not decided yet.")
    dates = [screening.snapshots[list_id].confirmed_at.astimezone(dt.UTC).date() for list_id in lists]
    matches = (f"{counted(len(hits), 'possible match', 'possible matches')}, each dismissed with a reason."
               if hits else "no possible match.")
    evidence = f"Screened against the {joined(titles)} (imported {joined([long_date(d) for d in dates])}); {matches}"
    return Verdict(True, evidence, {"list_date": long_date(max(dates)), "lists": joined(titles, "or the"),
                                    "lists_and": joined(titles, "and the"),
                                    "dismissed": str(len(hits))})


def all_inquiries_answered(facts: ClaimFacts) -> Verdict:
    inquiries = facts.case.inquiries
    if not inquiries:
        return Verdict(False, "No request for information from CBP is recorded.")
    open_ = [i.id for i in inquiries if not i.answered]
    if open_:
        return Verdict(False, f"Without a recorded answer (date and documents sent): {joined(open_)}.")
    last = max(i.response_date for i in inquiries if i.response_date is not None)
    sent = [path for i in inquiries for path in i.response_exhibits]
    exhibits = facts.exhibits(sent)
    if not exhibits:
        return Verdict(False, "The documents sent in answer are not among the exhibits of the bundle.")
    phrase = ("the request for information" if len(inquiries) == 1
              else f"each of the {counted(len(inquiries), 'request')} for information")
    return Verdict(True, f"{counted(len(inquiries), 'request')} recorded, each answered; the last answer on {last}.",
                   {"inquiries": phrase, "last_answer": long_date(last), "answer_exhibits": exhibits})


def no_inquiry_recorded(facts: ClaimFacts) -> Verdict:
    count = len(facts.case.inquiries)
    return Verdict(count == 0, f"{counted(count, 'request')} for information from CBP recorded in the case.")


def evidence_statement_signed(facts: ClaimFacts) -> Verdict:
    statement = facts.case.evidence_statement
    if statement is None:
        return Verdict(False, "No signed statement of the evidence is recorded.")
    return Verdict(True, f"Signed by {statement.signed_by} on {statement.signed_on}.", {
        "signed_by": statement.signed_by, "signed_on": long_date(statement.signed_on), "summary": statement.summary})


def due_diligence_documented(facts: ClaimFacts) -> Verdict:
    items = facts.items(_GUIDANCE)
    if not items:
        return Verdict(None, f"The guidance item ({_GUIDANCE}) does not apply to this regime.")
    if any(item.state != "satisfied" for item in items):
        return Verdict(False, f"The documents of {_GUIDANCE} are not all in the case.")
    exhibits = facts.exhibits([path for item in items for path in item.documents])
    return Verdict(True, f"{_GUIDANCE} satisfied by Exhibits {exhibits}.", {"dd_exhibits": exhibits})


def quantities_reconcile(facts: ClaimFacts) -> Verdict:
    balances = mass_balance(facts.case)
    if not balances:
        return Verdict(None, "No company both receives and ships material: there is nothing to reconcile.")
    flagged = [f.message for f in facts.report.findings if f.kind == "quantity"]
    unknown = [b.entity.name for b in balances if b.reconciles is None]
    over = [b.entity.name for b in balances if b.reconciles is False]
    if over or flagged:
        return Verdict(False, " ".join(flagged) or f"Output exceeds input at: {joined(over)}")
    if unknown:
        return Verdict(None, f"Units that do not convert at {joined(unknown)}.")
    steps = counted(len(balances), "processing step")
    return Verdict(True, f"{steps} balanced within the tolerance.", {"steps": steps})


def quantities_do_not_reconcile(facts: ClaimFacts) -> Verdict:
    # The check's quantity findings that block: the balance as the check counts it, with the inputs
    # from the XUAR or from a producer the order names left out.
    over = list(dict.fromkeys(facts.name(f.scope) for f in facts.report.findings
                              if f.kind == "quantity" and f.severity == "missing"))
    if not over:
        return Verdict(False, "No company ships more than its recorded inputs allow.")
    return Verdict(True, f"Output exceeds input at: {joined(over)}", {"entities_over": joined(over)})


def no_missing_items(facts: ClaimFacts) -> Verdict:
    count = facts.report.counts["missing"]
    return Verdict(count == 0, f"The completeness check finds {counted(count, 'item')} missing.")


def items_missing(facts: ClaimFacts) -> Verdict:
    count = facts.report.counts["missing"]
    return Verdict(count > 0, f"The completeness check finds {counted(count, 'item')} missing.",
                   {"missing": counted(count, "item")})


def signed_forms_enclosed(facts: ClaimFacts) -> Verdict:
    if facts.case.shipment.regime not in vocab.SECTION_307_REGIMES:
        return Verdict(None, "No 12.43 form is needed outside a Section 307 case.")
    items = [item for requirement in _FORMS for item in facts.items(requirement)]
    if not items or any(item.state not in ("satisfied", "not_applicable") for item in items):
        return Verdict(False, "The signed 12.43 forms are not all among the documents.")
    exhibits = facts.exhibits([path for item in items for path in item.documents])
    return Verdict(True, f"Signed forms: Exhibits {exhibits}.", {"form_exhibits": exhibits})


def forms_unsigned(facts: ClaimFacts) -> Verdict:
    signed = signed_forms_enclosed(facts)
    if signed.holds is None:
        return Verdict(None, signed.evidence)
    return Verdict(not signed.holds, signed.evidence)


CONDITIONS: Final[Mapping[str, Condition]] = {
    function.__name__: function
    for function in (
        no_xuar_entity, chain_traced_to_raw_material, entity_list_clear, screened_no_confirmed_hit,
        all_inquiries_answered, no_inquiry_recorded, evidence_statement_signed, due_diligence_documented,
        quantities_reconcile, quantities_do_not_reconcile, no_missing_items, items_missing,
        signed_forms_enclosed, forms_unsigned,
    )
}
"""Every condition the ledger's data may name."""
