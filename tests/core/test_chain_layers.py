"""The supply chain as layers: the columns and rows both maps place their boxes in."""

from __future__ import annotations

from importer_app.core.chain_layers import chain_layers


def test_tiers_become_columns_and_buyers_sit_level_with_their_suppliers() -> None:
    # Listed out of the chain's order: the case's order only breaks ties.
    ids = ["f3", "importer", "f1", "m2", "m1", "f2", "stray"]
    tiers = {"importer": 0, "m1": 1, "m2": 1, "f1": 2, "f2": 2, "f3": 2, "stray": None}
    pairs = [("m1", "importer"), ("m2", "importer"), ("f1", "m1"), ("f2", "m1"), ("f3", "m2")]
    suppliers = {e: [s for s, t in pairs if t == e] for e in ids}
    buyers = {e: [t for s, t in pairs if s == e] for e in ids}
    layers = chain_layers(ids, tiers, suppliers, buyers)
    # A company not linked to the importer stands in a column of its own, before the raw material.
    assert layers.column_tiers == (None, 2, 1, 0)
    assert {e: layers.columns[e] for e in ids} == {"stray": 0, "f1": 1, "f2": 1, "f3": 1, "m1": 2, "m2": 2,
                                                  "importer": 3}
    rows = layers.rows
    assert rows["f3"] < rows["f1"] < rows["f2"]  # M2 comes first in the case, so its farm goes on top
    assert rows["m2"] == rows["f3"] and rows["m1"] == round((rows["f1"] + rows["f2"]) / 2 + 0.01)
    assert rows["m2"] < rows["m1"]
    assert len({(layers.columns[e], rows[e]) for e in ids}) == len(ids), "no two companies share a slot"


def test_a_supplier_outside_the_companies_placed_is_ignored() -> None:
    layers = chain_layers(["mill", "importer"], {"mill": 1, "importer": 0, "farm": 2},
                          {"mill": ["farm"], "importer": ["mill"]}, {"mill": ["importer"], "importer": []})
    assert layers.column_tiers == (1, 0)
    assert layers.rows == {"mill": 0, "importer": 0}
