"""The case index and the checks built on it find exactly what a plain scan of the case finds.

The index trades simple loops for tables built once per check, so that the engine stays fast
on cases of tens of thousands of documents. The scans below are the simple loops it replaces,
kept as the reference: on many generated cases, every look-up of the index must agree with
them, in the same order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from importer_app.core import vocab
from importer_app.core.caseindex import CaseIndex
from importer_app.core.catalog import Catalog
from importer_app.core.consistency import _cycles, _strong_components, check_consistency
from importer_app.core.model import Case, Document, Entity, Link, Shipment

_IDS = ("a", "b", "c", "d", "ghost")
_TYPES = ("purchase_order", "commercial_invoice", "timecard", "audit_report")


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """Small cases whose documents name links and entities (some unknown), in several types
    and languages, some translating others."""
    entities = tuple(
        Entity(entity_id, f"Company {entity_id}", draw(st.sampled_from(vocab.ROLES)), draw(st.sampled_from(("US", "VN"))),
               owner=draw(st.sampled_from(("", "Group", " group "))))
        for entity_id in _IDS[:4]
    )  # fmt: skip
    links = tuple(
        Link(f"l{n}", draw(st.sampled_from(_IDS)), draw(st.sampled_from(_IDS)), "goods", 1.0, "kg")
        for n in range(draw(st.integers(0, 6)))
    )
    link_ids = [link.id for link in links] + ["ghost"]
    documents: list[Document] = []
    for n in range(draw(st.integers(0, 25))):
        path = f"docs/{n}.pdf"
        documents.append(Document(
            path, hashlib.sha256(path.encode()).hexdigest(), draw(st.sampled_from(_TYPES)), 1000,
            links=tuple(draw(st.lists(st.sampled_from(link_ids), max_size=2, unique=True))),
            entities=tuple(draw(st.lists(st.sampled_from(_IDS), max_size=2, unique=True))),
            language=draw(st.sampled_from(("en", "en", "vi"))),
            translation_of=draw(st.sampled_from(["", ""] + [d.path for d in documents[-3:]])),
        ))  # fmt: skip
    shipment = Shipment("wro", "ABC-1234567-8", "Importer", "goods", 1.0, "kg", "VN", dt.date(2026, 10, 1))
    return Case(shipment, entities, links, tuple(documents))


def _paths_by_scan(case: Case, attribute: str, key: str, types: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(doc.path for doc_type in types for doc in case.documents
                 if doc.type == doc_type and key in getattr(doc, attribute))  # fmt: skip


_TYPE_CHOICES = st.lists(st.sampled_from((*_TYPES, "no_such_type")), min_size=1, max_size=3, unique=True).map(tuple)


@settings(max_examples=300, deadline=None)
@given(case=cases(), types=_TYPE_CHOICES)
def test_paths_by_link_and_entity_are_those_a_scan_finds(case: Case, types: tuple[str, ...]) -> None:
    index = CaseIndex(case)
    of_link, of_entity = index.link_paths(types), index.entity_paths(types)
    for key in (*(link.id for link in case.links), *_IDS):
        assert tuple(of_link(key)) == _paths_by_scan(case, "links", key, types)
        assert tuple(of_entity(key)) == _paths_by_scan(case, "entities", key, types)


@settings(max_examples=300, deadline=None)
@given(case=cases())
def test_neighbours_translations_and_unreadable_documents_are_those_a_scan_finds(case: Case) -> None:
    index = CaseIndex(case)
    for entity_id in _IDS:
        assert list(index.incoming_of(entity_id)) == [link for link in case.links if link.target == entity_id]
        assert list(index.outgoing_of(entity_id)) == [link for link in case.links if link.source == entity_id]
    for doc in case.documents:
        translations = [other for other in case.documents if other.translation_of == doc.path]
        assert list(index.translations_of(doc.path)) == translations
    unreadable = {doc.path for doc in case.documents if doc.language != vocab.ENGLISH and not any(
        other.translation_of == doc.path and other.language == vocab.ENGLISH for other in case.documents)}
    assert index.untranslated == unreadable
    assert index.untranslated_types == {doc.type for doc in case.documents if doc.path in unreadable}
    assert [doc.path for doc in index.documents_of_types(_TYPES)] == [
        doc.path for doc_type in _TYPES for doc in case.documents if doc.type == doc_type]


def _reference_mismatches_by_scan(case: Case) -> list[tuple[str, str]]:
    """The reference check as first written: every document against every link it names,
    each number normalised, with no shortcut for the usual case of identical numbers."""

    def normalised(references: tuple[str, ...]) -> set[str]:
        return {key for ref in references if (key := re.sub(r"[^0-9A-Z]", "", ref.upper()))}

    links = {link.id: link for link in case.links}
    found = []
    for doc in case.documents:
        for link_id in doc.links:
            link = links.get(link_id)
            if not doc.references or link is None or not link.references:
                continue
            if set(doc.references) & set(link.references):
                continue
            if not normalised(doc.references) & normalised(link.references):
                found.append((f"document:{doc.path}", link.id))
    return found


_NUMBERS = st.lists(st.sampled_from(("PO-1", "po 1", "PO1", "PO-2", "INV 7", "-", "")), max_size=3).map(tuple)


@settings(max_examples=300, deadline=None)
@given(case=cases(), numbers=st.data())
def test_reference_mismatches_are_those_the_plain_comparison_finds(case: Case, numbers: st.DataObject, catalog: Catalog) -> None:
    case = dataclasses.replace(
        case,
        links=tuple(dataclasses.replace(link, references=numbers.draw(_NUMBERS)) for link in case.links),
        documents=tuple(dataclasses.replace(doc, references=numbers.draw(_NUMBERS)) for doc in case.documents),
    )
    found = [f for f in check_consistency(case, catalog, CaseIndex(case)) if f.kind == "reference"]
    expected = _reference_mismatches_by_scan(case)
    assert [f.scope for f in found] == [scope for scope, _ in expected]
    assert all(f" tied to link {link_id} " in f.message for f, (_, link_id) in zip(found, expected))


def _entities_by_scan(case: Case, roles: frozenset[str], supplier_roles: frozenset[str]) -> list[str]:
    """The entity items' choice as first written: each entity's role, then each of its inputs."""
    entities = {entity.id: entity for entity in case.entities}

    def buys_from_one_of(entity_id: str) -> bool:
        return any(link.target == entity_id and link.source in entities and entities[link.source].role in supplier_roles
                   for link in case.links)  # fmt: skip

    return [entity.id for entity in case.entities if entity.role in roles or (supplier_roles and buys_from_one_of(entity.id))]


_ROLE_SETS = st.frozensets(st.sampled_from(vocab.ROLES), max_size=3)


@settings(max_examples=300, deadline=None)
@given(case=cases(), roles=_ROLE_SETS, supplier_roles=_ROLE_SETS)
def test_entities_asked_are_those_whose_role_or_supplier_the_row_names(
    case: Case, roles: frozenset[str], supplier_roles: frozenset[str]
) -> None:
    index = CaseIndex(case)
    ids, scopes = index.entities_in(roles, supplier_roles)
    assert ids == _entities_by_scan(case, roles, supplier_roles)
    assert scopes == [f"entity:{entity_id}" for entity_id in ids]
    assert index.entities_in(roles, supplier_roles) == (ids, scopes)


def _links_by_scan(case: Case, cross_border: bool, owners: str) -> list[str]:
    """The link items' choice as first written: each link's two ends, looked up one by one."""
    entities = {entity.id: entity for entity in case.entities}

    def owner(entity_id: str) -> str:
        entity = entities.get(entity_id)
        return " ".join(entity.owner.casefold().split()) if entity is not None else ""

    chosen = []
    for link in case.links:
        source, target = entities.get(link.source), entities.get(link.target)
        if cross_border and (source is None or target is None or source.country == target.country):
            continue
        internal = bool(owner(link.source)) and owner(link.source) == owner(link.target)
        if owners and internal != (owners == "same"):
            continue
        chosen.append(link.id)
    return chosen


@settings(max_examples=300, deadline=None)
@given(case=cases(), cross_border=st.booleans(), owners=st.sampled_from(("", "same", "different")))
def test_links_asked_are_those_across_a_border_or_between_the_owners_the_row_names(
    case: Case, cross_border: bool, owners: str
) -> None:
    index = CaseIndex(case)
    ids, scopes = index.links_in(cross_border, owners)
    assert list(ids) == _links_by_scan(case, cross_border, owners)
    assert list(scopes) == [f"link:{link_id}" for link_id in ids]


def _cycles_by_components(case: Case, index: CaseIndex) -> list[list[str]]:
    """The cycles as first found: Tarjan's groups for every case, with no test for a chain
    that has none."""
    component = _strong_components(case, index)
    groups: dict[int, list[str]] = {}
    for link in case.links:
        group = component.get(link.source)
        if group is not None and group == component.get(link.target):
            groups.setdefault(group, []).append(link.id)
    return list(groups.values())


def _reaches(case: Case, start: str, goal: str) -> bool:
    seen, stack = {start}, [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for link in case.links:
            if link.source == node and link.target not in seen:
                seen.add(link.target)
                stack.append(link.target)
    return False


@settings(max_examples=400, deadline=None)
@given(case=cases())
def test_cycles_are_the_groups_tarjan_finds_and_only_links_that_lead_back(case: Case) -> None:
    index = CaseIndex(case)
    cycles = [[link.id for link in cycle] for cycle in _cycles(case, index)]
    assert cycles == _cycles_by_components(case, index)
    assert {link_id for cycle in cycles for link_id in cycle} == {
        link.id for link in case.links if _reaches(case, link.target, link.source)}


def test_a_chain_deeper_than_the_quick_test_reaches_is_still_judged_exactly() -> None:
    """A chain of 40 transfers, one after the other: no cycle; closing it back makes one."""
    shipment = Shipment("wro", "ABC-1234567-8", "Importer", "goods", 1.0, "kg", "VN", dt.date(2026, 10, 1))
    entities = tuple(Entity(f"e{n}", f"Company {n}", "processor", "VN") for n in range(41))
    chain = tuple(Link(f"l{n}", f"e{n}", f"e{n + 1}", "goods", 1.0, "kg") for n in range(40))
    straight = Case(shipment, entities, chain, ())
    assert list(_cycles(straight, CaseIndex(straight))) == []
    closed = dataclasses.replace(straight, links=(*chain, Link("back", "e40", "e0", "goods", 1.0, "kg")))
    assert [[link.id for link in cycle] for cycle in _cycles(closed, CaseIndex(closed))] == [
        [*(link.id for link in chain), "back"]]
