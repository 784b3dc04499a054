"""The screening of one case: which list versions it uses, and what the check is told.

A case keeps a copy of every list version it was screened against (the case file's
``screening_lists``), so a case mailed to a colleague who never imported the lists checks
the same there, and the bundle can always name the versions. The versions a check uses are,
for each list, the later-imported of the case's copy and the version in force on this
computer; ``adopt_lists`` copies the computer's into the case when they are later (the window
does it on opening a case and after an import; ``lists import --case`` and ``bundle`` too).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from importer_app.core.model import Case, Entity, ScreeningDecision
from importer_app.core.screening_state import NOT_SCREENED, ScreeningCandidate, ScreeningState
from importer_app.core.errors import ListStoreError
from importer_app.screening.facts import Freshness, ScreeningFacts, screening_facts
from importer_app.screening.match import screen
from importer_app.screening.model import LIST_IDS, LIST_TITLES, SOURCE_KINDS, ListedEntity, ScreeningResult, Snapshot
from importer_app.screening.snapshots import current_snapshots, snapshot_from_json, snapshot_to_json
from importer_app.store.casefile import CaseFile, Change


@dataclass(frozen=True)
class CaseScreening:
    """A case's entities screened against the list versions it uses.

    Attributes:
        snapshots: the versions used, by list id.
        in_case: the list ids whose version used is the case's own copy (the others come
            from this computer and are not in the case yet).
        result: every entity's names as compared, and its hits.
        facts: the ages of the versions and the hits, as ``screening_facts`` judges them.
        state: what the completeness check is told (``evaluate(..., screening=state)``).
        entities: the entities screened, as they were.
        order_producers: the producers the case's order names, as they were screened.
    """

    snapshots: Mapping[str, Snapshot]
    in_case: frozenset[str]
    entities: tuple[Entity, ...]
    result: ScreeningResult
    facts: ScreeningFacts
    state: ScreeningState
    order_producers: tuple[str, ...] = ()


def lists_in_case(casefile: CaseFile, *, skip_damaged: bool = False) -> dict[str, Snapshot]:
    """The list versions kept in the case file.

    Args:
        skip_damaged: leave out a kept version that cannot be read instead of raising (so
            that importing the list again can replace it).

    Raises:
        ListStoreError: a kept version cannot be read (a damaged or foreign case file).
    """
    kept = {}
    for list_id, text in casefile.screening_lists().items():
        try:
            kept[list_id] = snapshot_from_json(
                text, f"The {LIST_TITLES.get(list_id, list_id)} kept in {casefile.path.name}",
                "import the list again to replace it")
        except ListStoreError:
            if not skip_damaged:
                raise
    return kept


def lists_to_use(casefile: CaseFile, *, skip_damaged: bool = False) -> tuple[dict[str, Snapshot], frozenset[str]]:
    """For each list, the later-imported of the case's copy and this computer's version.

    Args:
        skip_damaged: as for ``lists_in_case``.

    Returns:
        The versions by list id, and the ids of those that are the case's own copy.

    Raises:
        ListStoreError: a version on this computer or in the case cannot be read.
    """
    kept = lists_in_case(casefile, skip_damaged=skip_damaged)
    here = current_snapshots()
    chosen: dict[str, Snapshot] = {}
    for list_id in LIST_IDS:
        candidates = [snapshot for snapshot in (kept.get(list_id), here.get(list_id)) if snapshot]
        if candidates:
            chosen[list_id] = max(candidates, key=lambda s: (s.confirmed_at, s is kept.get(list_id)))
    in_case = frozenset(list_id for list_id, snapshot in chosen.items() if snapshot is kept.get(list_id))
    return chosen, in_case


def adopt_lists(casefile: CaseFile) -> list[Change]:
    """Copy into the case each list version on this computer imported later than its copy, or
    in place of a copy that cannot be read.

    Returns:
        One change per list copied; none when the case was already up to date.

    Raises:
        ListStoreError: a version on this computer cannot be read.
        CaseFileError: the case cannot be written.
    """
    chosen, in_case = lists_to_use(casefile, skip_damaged=True)
    changes = []
    for list_id, snapshot in chosen.items():
        if list_id not in in_case:
            changes.append(casefile.put_screening_list(list_id, snapshot.id, snapshot.sha256,
                                                       snapshot.confirmed_at, snapshot_to_json(snapshot)))
    return changes


Lists = tuple[Mapping[str, Snapshot], frozenset[str]]
"""The versions to use and the ids of those kept in the case, as ``lists_to_use`` returns."""


def screen_case(casefile: CaseFile, case: Case, today: dt.date, *, lists: Lists | None = None,
                previous: CaseScreening | None = None) -> CaseScreening:
    """Screen the case's entities against ``lists`` (by default what ``lists_to_use`` picks)."""
    snapshots, in_case = lists if lists is not None else lists_to_use(casefile)
    return case_screening(case, snapshots, in_case, today, previous=previous)


def case_screening(case: Case, snapshots: Mapping[str, Snapshot], in_case: frozenset[str],
                   today: dt.date, *, previous: CaseScreening | None = None) -> CaseScreening:
    """Screen the case's entities against the given versions, judged on ``today``.

    ``previous`` is a screening of the same case; its matches are reused when neither the
    entities nor the versions changed (the window checks again after every edit).
    """
    same_entities = previous is not None and previous.entities == case.entities
    if previous is not None and same_entities and _same(previous.snapshots, snapshots):
        result = previous.result
    else:
        result = screen(case.entities, snapshots)
    facts = screening_facts(result, snapshots, today)
    producers = case.order.producers if case.order is not None else ()
    if previous is not None and same_entities and previous.order_producers == producers:
        matches = previous.state.order_matches
    else:
        matches = order_matches(case, producers, today)
    state = dataclasses.replace(_state(facts), order_matches=matches)
    return CaseScreening(snapshots, in_case, case.entities, result, facts, state, producers)


def order_matches(case: Case, producers: tuple[str, ...], today: dt.date) -> tuple[ScreeningCandidate, ...]:
    """The case entities whose names match a producer or facility the order names.

    The names go through the same matcher as the official lists, as a list of their own:
    their keys are WRO-list keys, so a decision on the CBP list's entry of the same name
    applies to them too.
    """
    if not producers:
        return ()
    reference = case.shipment.order_reference or "the order"
    listed = tuple(ListedEntity("wro", name, section="order", source=reference) for name in producers)
    moment = dt.datetime.combine(today, dt.time(), dt.UTC)
    snapshot = Snapshot(id="order", list_id="wro", source_kind=SOURCE_KINDS["wro"], file_name=reference,
                        sha256="", imported_at=moment, confirmed_at=moment, entities=listed)
    result = screen(case.entities, {"wro": snapshot})
    return tuple(ScreeningCandidate(hit.key.as_text(), hit.entity_id, hit.why, reference, "wro")
                 for hit in result.hits)


def _same(before: Mapping[str, Snapshot], now: Mapping[str, Snapshot]) -> bool:
    return {k: (s.id, s.sha256) for k, s in before.items()} == {k: (s.id, s.sha256) for k, s in now.items()}


def entity_outcomes(screening: CaseScreening, decisions: tuple[ScreeningDecision, ...]) -> dict[str, str]:
    """Each entity's screening in one word, for a badge on the map.

    ``open`` (a hit awaits a decision), ``listed`` (a hit was confirmed), ``dismissed`` (every
    hit was dismissed), ``clear`` (no hit), ``unscreenable`` (nothing distinctive in its
    names), ``unscreened`` (no list imported).
    """
    decided = {decision.key: decision.decision for decision in decisions}
    outcomes = {}
    for status in screening.facts.entities:
        verdicts = {decided.get(hit.key.as_text(), "open") for hit in status.hits}
        if status.freshness is Freshness.NONE:
            outcomes[status.entity_id] = "unscreened"
        elif "open" in verdicts:
            outcomes[status.entity_id] = "open"
        elif "confirmed" in verdicts:
            outcomes[status.entity_id] = "listed"
        elif verdicts:
            outcomes[status.entity_id] = "dismissed"
        elif not status.screenable:
            outcomes[status.entity_id] = "unscreenable"
        else:
            outcomes[status.entity_id] = "clear"
    return outcomes


def _state(facts: ScreeningFacts) -> ScreeningState:
    if facts.freshness is Freshness.NONE:
        return NOT_SCREENED
    problems = []
    used = []
    for status in facts.lists:
        title = LIST_TITLES[status.list_id]
        if status.snapshot is None:
            problems.append(f"The {title} was never imported, so no entity was screened against it.")
            continue
        day = status.snapshot.confirmed_at.astimezone(dt.UTC).date()
        used.append(f"the {title} imported on {day} ({status.snapshot.file_name}, "
                    f"SHA-256 {status.snapshot.sha256[:12]})")
        if status.freshness is Freshness.STALE:
            problems.append(f"The {title} in use was imported {status.age_days} days ago ({day}); "
                            "download the current file and import it.")
    return ScreeningState(
        freshness="stale" if problems else "current",
        used="; ".join(used),
        problems=tuple(problems),
        unscreenable=tuple(entity.entity_id for entity in facts.entities if not entity.screenable),
        candidates=tuple(
            ScreeningCandidate(hit.key.as_text(), hit.entity_id, hit.why, LIST_TITLES[hit.list_id], hit.list_id)
            for hit in facts.hits
        ),
    )
