"""What the completeness check needs to know about a screening, without catalog knowledge.

The engine maps these facts to findings. The mapping (ORG-02):

- ``ScreeningFacts.freshness`` is ``NONE``: missing (no list was ever imported);
- ``CURRENT`` and no ``missing_lists``: satisfied (every entity screened against every list,
  each version no older than ``MAX_AGE_DAYS``);
- otherwise (``STALE``, or a list never imported): warning.

Each ``Hit`` in ``hits`` becomes a screening finding; a decision stored under
``hit.key.as_text()`` closes it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass

from importer_app.screening.model import LIST_IDS, Hit, ScreeningResult, Snapshot

#: A list version confirmed longer ago than this is stale (ORG-02).
MAX_AGE_DAYS = 30


class Freshness(enum.StrEnum):
    """How current a screening is."""

    CURRENT = "current"
    """Screened against the version in force of every imported list, none older than
    ``MAX_AGE_DAYS``."""
    STALE = "stale"
    """A version is older than ``MAX_AGE_DAYS``, or was replaced (or a list imported) after
    the screening."""
    NONE = "none"
    """No list was ever imported: nothing was screened."""


@dataclass(frozen=True)
class ListStatus:
    """One list's version in force.

    Attributes:
        list_id: ``"uflpa"`` or ``"wro"``.
        snapshot: the version in force; None when the list was never imported.
        age_days: whole days from the version's ``confirmed_at`` (UTC date) to today.
        freshness: ``NONE`` when never imported.
    """

    list_id: str
    snapshot: Snapshot | None
    age_days: int | None
    freshness: Freshness


@dataclass(frozen=True)
class EntityStatus:
    """How one case entity was screened.

    Attributes:
        entity_id: the case entity's id.
        lists: the list ids it was screened against.
        snapshot_ids: the list versions it was screened against.
        oldest_age_days: the age of the oldest of those versions; None when none.
        freshness: how current its screening is.
        screenable: at least one of its names had something distinctive to compare; false
            for a name that is a single generic word ("Textile"), which nothing can match.
        hits: its candidate hits, best first.
    """

    entity_id: str
    lists: tuple[str, ...]
    snapshot_ids: tuple[str, ...]
    oldest_age_days: int | None
    freshness: Freshness
    screenable: bool
    hits: tuple[Hit, ...]


@dataclass(frozen=True)
class ScreeningFacts:
    """The screening as the check sees it.

    Attributes:
        lists: one status per known list (``LIST_IDS``), imported or not.
        missing_lists: the list ids never imported.
        entities: one status per screened entity, in the case's order.
        freshness: the least current of the entities (``NONE`` when no list was imported).
        hits: every candidate hit.
    """

    lists: tuple[ListStatus, ...]
    missing_lists: tuple[str, ...]
    entities: tuple[EntityStatus, ...]
    freshness: Freshness
    hits: tuple[Hit, ...]


def screening_facts(result: ScreeningResult, snapshots: Mapping[str, Snapshot],
                    today: dt.date) -> ScreeningFacts:
    """The facts of a screening, judged against the versions in force today.

    Args:
        result: the output of ``screen`` for the case's current entities.
        snapshots: the versions in force (``current_snapshots()``); their ``confirmed_at``
            dates the screening, so re-importing an unchanged list makes it current again.
        today: the check's date.
    """
    lists = tuple(_list_status(list_id, snapshots.get(list_id), today) for list_id in LIST_IDS)
    used = result.snapshots
    ages = [_age(_in_force_copy(s, snapshots), today) for s in used]
    superseded = any(_replaced(s, snapshots) for s in used)
    unscreened = set(snapshots) - {s.list_id for s in used}
    if not snapshots:
        freshness = Freshness.NONE
    elif superseded or unscreened or any(age > MAX_AGE_DAYS for age in ages):
        freshness = Freshness.STALE
    else:
        freshness = Freshness.CURRENT
    entities = tuple(
        EntityStatus(
            entity_id=record.entity_id, lists=tuple(s.list_id for s in used),
            snapshot_ids=tuple(s.id for s in used), oldest_age_days=max(ages, default=None),
            freshness=freshness, screenable=any(name.screenable for name in record.names),
            hits=record.hits,
        )
        for record in result.entities
    )
    return ScreeningFacts(
        lists=lists,
        missing_lists=tuple(status.list_id for status in lists if status.snapshot is None),
        entities=entities, freshness=freshness, hits=result.hits,
    )


def _replaced(used: Snapshot, snapshots: Mapping[str, Snapshot]) -> bool:
    """The version in force of ``used``'s list has other bytes (or there is none)."""
    current = snapshots.get(used.list_id)
    return current is None or current.sha256 != used.sha256


def _in_force_copy(used: Snapshot, snapshots: Mapping[str, Snapshot]) -> Snapshot:
    """The version in force when it has ``used``'s bytes (it may have been confirmed
    since), else ``used`` itself."""
    return used if _replaced(used, snapshots) else snapshots[used.list_id]


def _age(snapshot: Snapshot, today: dt.date) -> int:
    return max(0, (today - snapshot.confirmed_at.astimezone(dt.UTC).date()).days)


def _list_status(list_id: str, snapshot: Snapshot | None, today: dt.date) -> ListStatus:
    if snapshot is None:
        return ListStatus(list_id, None, None, Freshness.NONE)
    age = _age(snapshot, today)
    return ListStatus(list_id, snapshot, age,
                      Freshness.CURRENT if age <= MAX_AGE_DAYS else Freshness.STALE)
