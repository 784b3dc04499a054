"""The producers and facilities an order names, matched against the case's entities with the
matcher the list screening uses, whether or not any list was imported."""

from __future__ import annotations

import dataclasses
import datetime as dt

from importer_app.core.catalog import load_catalog
from importer_app.core.engine import evaluate
from importer_app.core.model import Case, DetentionOrder, Entity, Shipment
from importer_app.screening.in_case import case_screening

TODAY = dt.date(2026, 10, 20)
SHIPMENT = Shipment("wro", "ABC-1234567-8", "MedSupply Imports LLC", "Nitrile gloves", 400000, "pcs", "MY",
                    dt.date(2026, 8, 3), order_reference="WRO-2026-0417")
ENTITIES = (
    Entity("glover", "SUNGAI NITRILE GLOVE SDN BHD", "manufacturer", "MY"),
    Entity("latex", "Chonburi Latex Co., Ltd.", "raw_material_producer", "TH"),
    Entity("medsup", "MedSupply Imports LLC", "importer", "US"),
)
ORDER = DetentionOrder("wro", dt.date(2026, 3, 2), producers=("Sungai Nitrile Glove Sdn. Bhd.",))


def test_a_case_entity_named_by_the_order_is_matched_without_any_list() -> None:
    case = Case(SHIPMENT, ENTITIES, order=ORDER)
    screening = case_screening(case, {}, frozenset(), TODAY)
    assert screening.state.freshness == "none"
    [match] = screening.state.order_matches
    assert (match.entity_id, match.list_id, match.list_title) == ("glover", "wro", "WRO-2026-0417")
    assert match.key == "wro|sungai nitrile glove|glover"
    report = evaluate(case, load_catalog(), TODAY, screening.state)
    [block] = [f for f in report.findings if f.scope == "entity:glover" and f.requirement == "ORG-02"]
    assert block.severity == "missing"
    assert block.message.startswith("SUNGAI NITRILE GLOVE SDN BHD (manufacturer, MY) may be a producer the Withhold "
                                    "Release Order WRO-2026-0417 names:")


def test_no_order_or_no_named_producer_matches_nothing() -> None:
    assert case_screening(Case(SHIPMENT, ENTITIES), {}, frozenset(), TODAY).state.order_matches == ()
    unnamed = dataclasses.replace(ORDER, producers=())
    assert case_screening(Case(SHIPMENT, ENTITIES, order=unnamed), {}, frozenset(), TODAY).state.order_matches == ()


def test_matches_are_reused_until_the_entities_or_the_order_change() -> None:
    case = Case(SHIPMENT, ENTITIES, order=ORDER)
    first = case_screening(case, {}, frozenset(), TODAY)
    again = case_screening(case, {}, frozenset(), TODAY, previous=first)
    assert again.state.order_matches is first.state.order_matches
    other = dataclasses.replace(case, order=dataclasses.replace(ORDER, producers=("Chonburi Latex Company",)))
    changed = case_screening(other, {}, frozenset(), TODAY, previous=first)
    assert [m.entity_id for m in changed.state.order_matches] == ["latex"]
