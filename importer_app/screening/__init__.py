"""Screening case entities against the official forced-labor lists, offline.

The user downloads the lists; the app never goes online. Headless, no Qt.

Integration, by caller:

``importer-app lists import FILE``
    ``import_list(path, now)`` -> ``ImportResult``: ``.snapshot`` is the version now in
    force, ``.already_imported`` says the same bytes were imported before (only its
    ``confirmed_at`` moved). It raises ``ListFileError`` (``.location`` is ``line 14`` or
    ``table 2, row 5 (line 120)``) for a malformed file, leaving the lists in force as they
    were, and ``ListStoreError`` when the data folder cannot be written. Show
    ``snapshot.notes`` (e.g. "read as Windows-1252") after a successful import.

``importer-app lists show``
    ``current_snapshots()`` -> ``{list_id: Snapshot}`` (versions in force, ``LIST_IDS``
    order); ``list_snapshots()`` -> every version ever imported, the one in force last.
    Each has ``title``, ``file_name``, ``sha256``, ``imported_at``, ``confirmed_at`` (UTC),
    ``entity_count``.

A case (``in_case``)
    A case keeps a copy of the list versions it was screened against; ``lists_to_use``
    picks, per list, the later-imported of that copy and this computer's version, and
    ``adopt_lists`` copies the computer's into the case. ``case_screening`` /
    ``screen_case`` screen its entities and build the ``core.screening_state`` facts the
    engine turns into ORG-02 and one ``screening`` finding per hit;
    ``importer_app.case.check.check_case`` does load, screen and evaluate in one call for
    ``check``, the bundle and the window. Decisions on hits are ``Case.screening_decisions``,
    stored under ``hit.key.as_text()``.

The bundle's screening record page (``bundle/pages/screening_record.py``)
    ``facts.lists`` (title, file name, SHA-256, dates), ``result.entities`` (each entity's
    ``names`` as compared, romanised where Chinese, and its hits with ``why``).

The window
    List status and "Import list..." on the Review page (``import_list`` on a worker, then
    ``CaseSession.lists_changed``); a badge per entity on the map from ``entity_outcomes``.
"""

from __future__ import annotations

from importer_app.screening.facts import (
    MAX_AGE_DAYS,
    EntityStatus,
    Freshness,
    ListStatus,
    ScreeningFacts,
    screening_facts,
)
from importer_app.screening.match import NAME_MIN, WORD_MIN, screen
from importer_app.screening.model import (
    LIST_IDS,
    LIST_TITLES,
    EntityScreening,
    Hit,
    HitKey,
    ImportResult,
    ListedEntity,
    ParsedList,
    ScreenedName,
    ScreeningResult,
    Snapshot,
)
from importer_app.screening.snapshots import (
    current_snapshots,
    import_list,
    list_snapshots,
)
from importer_app.screening.sources import parse_list_file

__all__ = [
    "LIST_IDS",
    "LIST_TITLES",
    "MAX_AGE_DAYS",
    "NAME_MIN",
    "WORD_MIN",
    "EntityScreening",
    "EntityStatus",
    "Freshness",
    "Hit",
    "HitKey",
    "ImportResult",
    "ListStatus",
    "ListedEntity",
    "ParsedList",
    "ScreenedName",
    "ScreeningFacts",
    "ScreeningResult",
    "Snapshot",
    "current_snapshots",
    "import_list",
    "list_snapshots",
    "parse_list_file",
    "screen",
    "screening_facts",
]
