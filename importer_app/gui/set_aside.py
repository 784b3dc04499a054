"""What the user has set aside: items marked not applicable and decided list matches.

The check no longer reports these as missing, so without this list they would be out of
sight for good, including a decision on a list match whose list entry is gone from the list
versions in use. Each one can be reopened (an undoable edit).
"""

from __future__ import annotations

from dataclasses import dataclass

from importer_app.core.model import NotApplicable, ScreeningDecision
from importer_app.gui.labels import entity_label, scope_label
from importer_app.gui.session import CaseSession
from importer_app.screening import LIST_TITLES
from importer_app.screening.model import HitKey


@dataclass(frozen=True)
class SetAside:
    """One set-aside item as the Review page shows it.

    Attributes:
        heading: one line for the tree.
        explanation: what was decided and what it means now, in sentences.
        reason: the user's reason, as CBP reads it.
        decision: the stored decision, for reopening.
    """

    heading: str
    explanation: str
    reason: str
    decision: NotApplicable | ScreeningDecision


def set_aside_items(session: CaseSession, entity_id: str = "") -> list[SetAside]:
    """Every not-applicable item and decided list match, those about ``entity_id`` only when given."""
    case = session.case
    links_of_entity = {k.id for k in case.links if entity_id in (k.source, k.target)}
    items = []
    for decision in case.not_applicable:
        kind, _, key = decision.scope.partition(":")
        if entity_id and not ((kind == "entity" and key == entity_id) or (kind == "link" and key in links_of_entity)):
            continue
        title = session.report.titles.get(decision.requirement, "An item CBP asks for")
        where = scope_label(case, decision.scope)
        items.append(SetAside(
            f"Not applicable: {title} ({where})",
            f"You marked \u201c{title}\u201d as not applicable to {where}. The bundle prints your reason;"
            " reopen it if CBP should find it among what is missing again.",
            decision.reason, decision))
    current = {candidate.key: candidate for candidate in session.screening.state.candidates}
    for decision in case.screening_decisions:
        if entity_id and decision.entity_id != entity_id:
            continue
        name = entity_label(case, decision.entity_id)
        candidate = current.get(decision.key)
        list_title, listed = _listed(decision.key)
        verb = "confirmed" if decision.decision == "confirmed" else "dismissed"
        if candidate is not None:
            now = f"The match still occurs: {candidate.why}"
        else:
            now = (f"The {list_title} versions in use no longer name this match, so the check does not"
                   " show it; your decision stays in the case.")
        what = "It is the listed entity" if decision.decision == "confirmed" else "It is not the listed entity"
        items.append(SetAside(
            f"List match {verb}: {name} and \u201c{listed}\u201d on the {list_title}",
            f"{what} (decided {decision.decided_at:%Y-%m-%d}). {now}",
            decision.reason, decision))
    return items


def _listed(key: str) -> tuple[str, str]:
    """The list's title and the listed name (in the folded form matching uses) of a decision's key."""
    try:
        hit = HitKey.from_text(key)
    except ValueError:  # a key from a case file written by something else
        return "official list", "an entry"
    return LIST_TITLES.get(hit.list_id, "official list"), hit.listed
