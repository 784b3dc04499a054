"""Which item each document counts for, when several items of a scope accept its type.

One document proves one thing: one announced audit report of a gin is the audit CBP asks for,
not also the evidence on each ILO indicator and the monitoring record, unless the catalog
says those rows share their documents (``shares_documents_with``, documented in the header of
``information_types.toml``, which also gives the rule this module follows).

The documents of a type are dealt out in case order to the ranked rows that accept it, so the
rows a type reaches depend only on how many documents of that type a scope holds: adding a
document never takes an item away from another.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence

from importer_app.core.caseindex import CaseIndex
from importer_app.core.catalog import InformationType
from importer_app.core.model import Case

Items = Callable[[InformationType, Case, CaseIndex], Iterable[tuple[str, Sequence[str]]]]


@dataclasses.dataclass(frozen=True)
class Claims:
    """What the dealing decided for the rows that compete for a document type.

    Attributes:
        items: row id to its (scope, paths) items, each holding only the documents that count
            for that row.
        taken: (row id, scope) to the paths of that scope which the row accepts but which count
            for other items, each with the titles of those items.
    """

    items: dict[str, list[tuple[str, tuple[str, ...]]]]
    taken: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]]


NO_CLAIMS = Claims({}, {})


def claim_documents(rows: Sequence[InformationType], case: Case, index: CaseIndex, items_of: Items) -> Claims:
    """Deal the documents of every type that several of ``rows`` (the applicable,
    document-satisfied, top-level rows) accept in the same scope."""
    ranked = _ranked_rows(rows)
    if not ranked:
        return NO_CLAIMS
    unreadable = index.untranslated
    contested_rows = {row.id: row for ranking in ranked.values() for row in ranking}
    # (row id, type) -> scope -> readable paths of that type which the row sees
    seen: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {}
    scopes: dict[str, list[str]] = {}
    for row in contested_rows.values():
        order = scopes.setdefault(row.id, [])
        for doc_type in row.documents:
            by_scope: dict[str, tuple[str, ...]] = {}
            for scope, paths in items_of(dataclasses.replace(row, documents=(doc_type,)), case, index):
                by_scope[scope] = tuple(paths)
                if scope not in order:
                    order.append(scope)
            seen[(row.id, doc_type)] = by_scope
    dealt: dict[tuple[str, str, str], list[str]] = {}  # (row, type, scope) -> paths
    taken: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = {}
    for (_, doc_type), ranking in ranked.items():
        for scope in dict.fromkeys(s for row in ranking for s in seen[(row.id, doc_type)]):
            _deal(doc_type, scope, ranking, seen, index, dealt, taken)
    items: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for row in contested_rows.values():
        found = items[row.id] = []
        for scope in scopes[row.id]:
            paths: list[str] = []
            for doc_type in row.documents:
                key = (row.id, doc_type, scope)
                visible = seen[(row.id, doc_type)].get(scope, ())
                if key in dealt:  # what it was dealt, and the unreadable ones for the engine to name
                    paths += dealt[key] + [path for path in visible if path in unreadable]
                else:
                    paths += visible
            found.append((scope, tuple(paths)))
    return Claims(items, taken)


def _ranked_rows(rows: Sequence[InformationType]) -> dict[tuple[str, str], list[InformationType]]:
    """(scope kind, type) -> the rows accepting it, best first, for types that several rows
    compete for (rows that all share with one another do not compete)."""
    accepting: dict[tuple[str, str], list[tuple[tuple[int, int, int], InformationType]]] = {}
    for number, row in enumerate(rows):
        for place, doc_type in enumerate(row.documents):
            accepting.setdefault((row.scope, doc_type), []).append(((place, len(row.documents), number), row))
    ranked: dict[tuple[str, str], list[InformationType]] = {}
    for key, candidates in accepting.items():
        ranking = [row for _, row in sorted(candidates, key=lambda pair: pair[0])]
        if any(b.id not in a.shares_documents_with for a, b in _pairs(ranking)):
            ranked[key] = ranking
    return ranked


def _pairs(rows: list[InformationType]) -> Iterator[tuple[InformationType, InformationType]]:
    for position, first in enumerate(rows):
        for second in rows[position + 1:]:
            yield first, second


def _deal(
    doc_type: str,
    scope: str,
    ranking: list[InformationType],
    seen: dict[tuple[str, str], dict[str, tuple[str, ...]]],
    index: CaseIndex,
    dealt: dict[tuple[str, str, str], list[str]],
    taken: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]],
) -> None:
    unreadable = index.untranslated
    visible = {row.id: [p for p in seen[(row.id, doc_type)].get(scope, ()) if p not in unreadable] for row in ranking}
    for row in ranking:
        dealt[(row.id, doc_type, scope)] = []
    # A translation and its original are one document: they go to the same row.
    units: dict[str, list[str]] = {}
    for row in ranking:
        for path in visible[row.id]:
            unit = units.setdefault(index.original_of(path), [])
            if path not in unit:
                unit.append(path)
    reached: set[str] = set()
    for unit in units.values():
        eligible = [row for row in ranking if any(path in visible[row.id] for path in unit)]
        first = next((row for row in eligible if row.id not in reached), eligible[0])
        members = [row for row in eligible if row is first or row.id in first.shares_documents_with]
        for row in members:
            dealt[(row.id, doc_type, scope)] += [path for path in unit if path in visible[row.id]]
        reached.update(row.id for row in members)
        titles = tuple(row.title for row in members)
        for row in eligible:
            if row not in members:
                taken.setdefault((row.id, scope), []).append((unit[0], titles))
