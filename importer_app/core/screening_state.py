"""What the completeness check is told about the list screening of a case.

The screening itself (parsing the official lists, matching names) lives in
``importer_app.screening``, which builds a ``ScreeningState`` for the engine; core imports
nothing outside core, so the engine sees only these plain facts. The engine turns them into
the ORG-02 item and one ``screening`` finding per candidate hit, and applies the user's
decisions (``Case.screening_decisions``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

FRESHNESS: Final[tuple[str, ...]] = ("current", "stale", "none")


@dataclass(frozen=True)
class ScreeningCandidate:
    """A listed entity one case entity may be, for the user to confirm or dismiss.

    Attributes:
        key: the stable key a decision is stored under.
        entity_id: the case entity.
        why: what matched, as a sentence ("Its name "X" matches the listed alias "Y" ...").
        list_title: the list's title, e.g. "UFLPA Entity List".
        list_id: ``uflpa`` (the UFLPA Entity List) or ``wro`` (CBP's WROs and Findings).
    """

    key: str
    entity_id: str
    why: str
    list_title: str
    list_id: str = ""


@dataclass(frozen=True)
class ScreeningState:
    """How current the screening of a case is, and what it found.

    Attributes:
        freshness: ``current`` (every entity screened against both lists, none older than the
            age limit), ``stale`` (a list is older, or was never imported) or ``none`` (no
            list was ever imported).
        used: the list versions screened against, as one phrase for the ORG-02 note
            ("UFLPA Entity List of 2026-11-20 (sha256 1a2b...)").
        problems: why the screening is not current, one sentence each.
        unscreenable: ids of entities whose names hold nothing distinctive to compare (a
            single generic word such as "Textile").
        candidates: every candidate hit.
        order_matches: case entities whose names match a producer or facility the case's
            order names (``list_id`` ``wro``; a decision on the same key applies).
    """

    freshness: str
    used: str = ""
    problems: tuple[str, ...] = ()
    unscreenable: tuple[str, ...] = ()
    candidates: tuple[ScreeningCandidate, ...] = ()
    order_matches: tuple[ScreeningCandidate, ...] = ()


NOT_SCREENED: Final = ScreeningState(
    "none", problems=("No forced-labor list was imported on this computer or into this case.",)
)
