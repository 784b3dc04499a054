"""Tiers place raw material furthest from the importer, and respect tiers the user gave."""

from __future__ import annotations

import datetime as dt

from importer_app.core.model import Case, Entity, Link, Shipment
from importer_app.core.tiers import derive_tiers


def _case(entities: tuple[Entity, ...], links: tuple[Link, ...], shipment: Shipment) -> Case:
    return Case(shipment, entities, links)


def test_tiers_follow_the_longest_path_to_the_importer(shipment: Shipment) -> None:
    entities = (
        Entity("imp", "Importer", "importer", "US"),
        Entity("fac", "Factory", "manufacturer", "VN"),
        Entity("mill", "Mill", "processor", "VN"),
        Entity("farm", "Farm", "raw_material_producer", "US"),
        Entity("lonely", "Unconnected", "other", "VN"),
    )
    links = (
        Link("a", "fac", "imp", "shirts", 1, "pcs"),
        Link("b", "mill", "fac", "fabric", 1, "kg"),
        Link("c", "farm", "mill", "cotton", 1, "kg"),
        Link("d", "farm", "fac", "cotton", 1, "kg"),
    )
    tiers = derive_tiers(_case(entities, links, shipment))
    assert tiers == {"imp": 0, "fac": 1, "mill": 2, "farm": 3, "lonely": None}


def test_a_tier_given_by_the_user_wins(shipment: Shipment) -> None:
    entities = (Entity("imp", "Importer", "importer", "US"), Entity("fac", "Factory", "manufacturer", "VN", tier=2),
                Entity("mill", "Mill", "processor", "VN"))
    links = (Link("a", "fac", "imp", "shirts", 1, "pcs", shipped=dt.date(2026, 1, 1)),
             Link("b", "mill", "fac", "fabric", 1, "kg"))
    assert derive_tiers(_case(entities, links, shipment)) == {"imp": 0, "fac": 2, "mill": 3}


def test_without_an_importer_the_consignee_is_tier_0(shipment: Shipment) -> None:
    entities = (Entity("uc", "Consignee", "ultimate_consignee", "US"), Entity("fac", "Factory", "manufacturer", "VN"))
    links = (Link("a", "fac", "uc", "shirts", 1, "pcs"),)
    assert derive_tiers(_case(entities, links, shipment)) == {"uc": 0, "fac": 1}
