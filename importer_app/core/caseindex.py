"""Look-up tables over a case, built once per check so that no rule scans the whole case.

The GUI re-checks on every edit of cases with thousands of entities and tens of thousands of
documents; every rule of the engine and of the consistency checks therefore reads these
indexes instead of looping over ``case.documents`` or ``case.links`` per item.

The case is taken to be well formed: the description loader and the store refuse links and
documents that name unknown entities or links. Look-ups still never raise on a dangling id;
the dangling reference simply finds nothing.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from importer_app.core import vocab
from importer_app.core.model import Case, Document, Entity, Link

_NOTHING: tuple[()] = ()


class _Paths(dict[str, tuple[str, ...]]):
    """Id to paths, with no paths for an id it does not hold."""

    def __missing__(self, key: str) -> tuple[str, ...]:
        return _NOTHING


_NO_IDS = _Paths()


def _paths_finder(index: Mapping[str, _Paths], types: Sequence[str]) -> Callable[[str], Sequence[str]]:
    if len(types) == 1:  # most rules accept one type: the table's own look-up, no call in Python
        return index.get(types[0], _NO_IDS).__getitem__
    tables = [index[doc_type] for doc_type in types if doc_type in index]

    def find(key: str) -> tuple[str, ...]:
        found: tuple[str, ...] = _NOTHING
        for table in tables:
            found += table[key]
        return found

    return find


def _crosses_border(source: Entity | None, target: Entity | None) -> bool:
    return source is not None and target is not None and source.country != target.country


def _same_owner(source: Entity | None, target: Entity | None) -> bool:
    if source is None or target is None or not source.owner or not target.owner:
        return False
    return " ".join(source.owner.casefold().split()) == " ".join(target.owner.casefold().split())


_Grouped = tuple[tuple[Link, ...], dict[str, tuple[int, int]]]
_NO_RANGE = (0, 0)
_NOWHERE: tuple[int, dict[str, int]] = (0, {})
_ID = operator.attrgetter("id")
_PATH = operator.attrgetter("path")
_ROLE = operator.attrgetter("role")


def _grouped(links: Sequence[Link], key: Callable[[Link], str]) -> _Grouped:
    """Links grouped by an entity id, each group in case order: the links sorted, and the
    (start, end) of each entity's group among them.

    One sorted tuple and a table of positions rather than a list per entity: thousands of
    lists that live through a check would each count towards the collector's next full
    collection, and one costs a large case as much as the rest of the check.
    """
    ordered = tuple(sorted(links, key=key))  # a stable sort keeps case order
    ranges: dict[str, tuple[int, int]] = {}
    start = 0
    # The groups follow one another in the sorted tuple, and a Counter lists its keys in the
    # order it first met them: each group's size gives the next group's start.
    for entity_id, size in Counter(map(key, ordered)).items():
        ranges[entity_id] = (start, start + size)
        start += size
    return ordered, ranges


class CaseIndex:
    """Entities, links and documents of one case, indexed by what the rules ask about.

    Attributes:
        case: the indexed case.
        entities: entity id to entity.
        links: link id to link.
        entity_scopes: the scope of each entity (``entity:ID``), in case order.
        link_scopes: the scope of each link (``link:ID``), in case order.
    """

    def __init__(self, case: Case) -> None:
        self.case = case
        # Tables from zip and map are built in C, several times faster than a comprehension.
        self.entities: Mapping[str, Entity] = dict(zip(map(_ID, case.entities), case.entities))
        self.links: Mapping[str, Link] = dict(zip(map(_ID, case.links), case.links))
        self.entity_ids: Sequence[str] = list(map(_ID, case.entities))
        self.entity_scopes: Sequence[str] = [f"entity:{entity.id}" for entity in case.entities]
        self.link_ids: Sequence[str] = [link.id for link in case.links]
        self.link_scopes: Sequence[str] = [f"link:{link.id}" for link in case.links]
        self._chosen: dict[tuple[frozenset[str], frozenset[str]], tuple[Sequence[str], Sequence[str]]] = {}
        self._chosen_links: dict[tuple[bool, str], tuple[list[str], list[str]]] = {}
        self._incoming, self._incoming_ranges = _grouped(case.links, operator.attrgetter("target"))
        self._outgoing, self._outgoing_ranges = _grouped(case.links, operator.attrgetter("source"))
        by_type: defaultdict[str, list[Document]] = defaultdict(list)
        # Paths by document type, then link or entity id: a rule asks "does this link have an
        # invoice" thousands of times per check. Tables per type rather than one keyed by
        # (id, type) pairs: the pairs would be tens of thousands of tuples that live through the
        # check, and each such object brings the garbage collector's next pass closer. Paths are
        # grown as tuples, not lists: tuples of strings drop out of the collector's sight.
        link_type: dict[str, _Paths] = {}
        entity_type: dict[str, _Paths] = {}
        translations: defaultdict[str, list[Document]] = defaultdict(list)
        foreign: list[Document] = []
        originals: dict[str, str] = {}
        english = vocab.ENGLISH
        for doc in case.documents:
            by_type[doc.type].append(doc)
            if doc.language != english:
                foreign.append(doc)
            path = doc.path
            if doc.links:
                table = link_type.get(doc.type) or link_type.setdefault(doc.type, _Paths())
                for link_id in doc.links:
                    found = table.get(link_id)
                    table[link_id] = (path,) if found is None else found + (path,)
            if doc.entities:
                table = entity_type.get(doc.type) or entity_type.setdefault(doc.type, _Paths())
                for entity_id in doc.entities:
                    found = table.get(entity_id)
                    table[entity_id] = (path,) if found is None else found + (path,)
            if doc.translation_of:
                translations[doc.translation_of].append(doc)
                originals[doc.path] = doc.translation_of
        self._by_type = by_type
        self.untranslated: frozenset[str] = frozenset(
            doc.path for doc in foreign
            if not any(t.language == vocab.ENGLISH for t in translations.get(doc.path, _NOTHING))
        )
        """Paths of the documents not in English that have no English translation in the case:
        CBP cannot read them, so they count for no item."""
        self.untranslated_types: frozenset[str] = frozenset(
            doc.type for doc in foreign if doc.path in self.untranslated
        )
        """The types of those documents: a rule accepting none of them need not look for them."""
        self._link_type, self._entity_type = link_type, entity_type
        self._translations = translations
        self._originals = originals
        self._phrases: dict[str, str] = {}
        self._tails: dict[str, str] = {}
        self.internal_links: frozenset[str] = frozenset(
            link.id for link in case.links if _same_owner(self.entities.get(link.source), self.entities.get(link.target))
        ) if any(entity.owner for entity in case.entities) else frozenset()
        """Ids of the links between two entities of the same owner: internal transfers."""

    def incoming_of(self, entity_id: str) -> Sequence[Link]:
        """The links that deliver to this entity."""
        start, end = self._incoming_ranges.get(entity_id, _NO_RANGE)
        return self._incoming[start:end]

    def outgoing_of(self, entity_id: str) -> Sequence[Link]:
        """The links this entity ships on."""
        start, end = self._outgoing_ranges.get(entity_id, _NO_RANGE)
        return self._outgoing[start:end]

    def entities_in(self, roles: frozenset[str], supplier_roles: frozenset[str]) -> tuple[Sequence[str], Sequence[str]]:
        """The ids and the scopes, in case order, of the entities whose role is one of ``roles``
        or that receive material from an entity whose role is one of ``supplier_roles``.

        Several rows ask for the same roles (the labor rows ask the producers): each set of
        roles is looked for once per check.
        """
        key = (roles, supplier_roles)
        chosen = self._chosen.get(key)
        if chosen is None:
            # Chosen in C: a flag per entity, then the ids and scopes it selects.
            wanted = map(roles.__contains__, map(_ROLE, self.case.entities))
            if supplier_roles:
                buyers = {
                    link.target for link in self.case.links
                    if (supplier := self.entities.get(link.source)) is not None and supplier.role in supplier_roles
                }
                wanted = map(operator.or_, wanted, map(buyers.__contains__, self.entity_ids))
            flags = list(wanted)
            chosen = self._chosen[key] = (list(itertools.compress(self.entity_ids, flags)),
                                          list(itertools.compress(self.entity_scopes, flags)))
        return chosen

    def links_in(self, cross_border: bool, owners: str) -> tuple[Sequence[str], Sequence[str]]:
        """The ids and the scopes, in case order, of the links that cross a border (when
        ``cross_border``) and that join entities of one owner (``owners == "same"``), of
        different ones (``"different"``) or either (``""``)."""
        if not self.internal_links and owners:  # no two entities of one owner: every link is a sale
            if owners == "same":
                return (), ()
            owners = ""
        if not cross_border and not owners:
            return self.link_ids, self.link_scopes
        key = (cross_border, owners)
        chosen = self._chosen_links.get(key)
        if chosen is None:
            internal, within, entities = self.internal_links, owners == "same", self.entities
            ids, scopes = [], []
            for link, scope in zip(self.case.links, self.link_scopes):
                if cross_border and not _crosses_border(entities.get(link.source), entities.get(link.target)):
                    continue
                if owners and (link.id in internal) != within:
                    continue
                ids.append(link.id)
                scopes.append(scope)
            chosen = self._chosen_links[key] = (ids, scopes)
        return chosen

    def documents_of_types(self, types: Iterable[str]) -> list[Document]:
        """The documents of these types, type by type, each type in case order."""
        return [doc for doc_type in types for doc in self._by_type.get(doc_type, _NOTHING)]

    def link_paths(self, types: Sequence[str]) -> Callable[[str], Sequence[str]]:
        """A function from a link id to the paths of its documents of these types."""
        return _paths_finder(self._link_type, types)

    def entity_paths(self, types: Sequence[str]) -> Callable[[str], Sequence[str]]:
        """A function from an entity id to the paths of its documents of these types."""
        return _paths_finder(self._entity_type, types)

    def translations_of(self, path: str) -> Sequence[Document]:
        """The documents that say they translate the document at ``path``."""
        return self._translations.get(path, _NOTHING)

    def original_of(self, path: str) -> str:
        """The path of the document this one translates, or its own path when it translates none."""
        return self._originals.get(path, path)

    @functools.cached_property
    def documents(self) -> Mapping[str, Document]:
        """Document path to document (built on first use: only findings need it)."""
        return dict(zip(map(_PATH, self.case.documents), self.case.documents))

    @functools.cached_property
    def _positions(self) -> dict[str, tuple[int, dict[str, int]]]:
        # Built when findings are sorted, once: scope kind to (first rank, key to position).
        case = self.case
        entities = dict(zip(map(_ID, case.entities), itertools.count()))
        links = dict(zip(map(_ID, case.links), itertools.count()))
        documents = dict(zip(map(_PATH, case.documents), itertools.count()))
        return {
            "case": (0, {"": 0}),
            "entity": (1, entities),
            "link": (1 + len(entities), links),
            "document": (1 + len(entities) + len(links), documents),
        }

    def scope_rank(self, scope: str) -> int:
        """Where a scope sorts in a report: the case, then entities, links, documents."""
        kind, _, key = scope.partition(":")
        first, positions = self._positions.get(kind, _NOWHERE)
        position = positions.get(key)
        if position is None:  # a scope naming nothing in the case sorts last
            return 1 + len(self.case.entities) + len(self.case.links) + len(self.case.documents)
        return first + position

    def entity_phrase(self, entity_id: str) -> str:
        """``Delta Spinning Co., Ltd. (processor, VN)``, for sentences about an entity."""
        phrase = self._phrases.get(entity_id)
        if phrase is None:  # an entity with many gaps is named in many sentences: write it once
            entity = self.entities.get(entity_id)
            if entity is None:
                phrase = f"entity {entity_id}"
            else:
                role = vocab.ROLE_LABELS.get(entity.role, entity.role).lower()
                phrase = f"{entity.name} ({role}, {entity.country})"
            self._phrases[entity_id] = phrase
        return phrase

    def entity_name(self, entity_id: str) -> str:
        """The entity's name, or its id when the case does not know it."""
        entity = self.entities.get(entity_id)
        return entity.name if entity is not None else entity_id

    def link_phrase(self, link_id: str) -> str:
        """``the transfer of raw cotton lint from Gin A to Delta Spinning (link gin-spinner)``."""
        link = self.links.get(link_id)
        if link is None:
            return f"link {link_id}"
        source, target = self.entity_name(link.source), self.entity_name(link.target)
        return f"the transfer of {link.material} from {source} to {target} (link {link.id})"

    def document_phrase(self, path: str) -> str:
        """``Purchase order PO-1001 (docs/po-1001.pdf)``, or the bare path without a title."""
        doc = self.documents.get(path)
        return f"{doc.title} ({path})" if doc is not None and doc.title else path

    def scope_tail(self, scope: str) -> str:
        """``, for Delta Spinning Co., Ltd. (processor, VN)``: what a sentence about a scope is
        about, as its tail (empty for the case and unknown kinds)."""
        tail = self._tails.get(scope)
        if tail is None:  # a scope lacking several items is named in several sentences: write it once
            kind, _, key = scope.partition(":")
            if kind == "entity":
                tail = f", for {self.entity_phrase(key)}"
            elif kind == "link":
                tail = f", for {self.link_phrase(key)}"
            elif kind == "document":
                tail = f", for {self.document_phrase(key)}"
            else:
                tail = ""
            self._tails[scope] = tail
        return tail

    def scope_label(self, scope: str) -> str:
        """A heading for the findings of one scope in a text report."""
        kind, _, key = scope.partition(":")
        if kind == "entity":
            return f"Entity {key}: {self.entity_phrase(key)}"
        if kind == "link":
            link = self.links.get(key)
            if link is None:
                return f"Link {key}"
            source, target = self.entity_name(link.source), self.entity_name(link.target)
            return f"Link {key}: {link.material}, {source} -> {target}"
        if kind == "document":
            return f"Document {self.document_phrase(key)}"
        return "The case as a whole"
