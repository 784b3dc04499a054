"""The shipment's commodity (its sector profile) in the case description: a located error
for a sector the catalog does not hold, and the round trip through a case file and back."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from importer_app.core.catalog import load_catalog
from importer_app.core.description import parse_description
from importer_app.core.description_writer import render_description
from importer_app.core.errors import DescriptionError
from importer_app.core.model import Case
from importer_app.store.casefile import CaseFile, write_new_case

TEXT = """\
format = "importer-app-case/1"

[shipment]
regime = "uflpa-applicability"
entry_number = "ABC-1234567-8"
importer_of_record = "Sunfield Power LLC"
merchandise = "Solar modules"
quantity = 840
unit = "pcs"
country_of_origin = "MY"
date_of_importation = 2026-10-02
hts = ["8541.43.0010"]
commodity = "polysilicon"
"""

SECTORS = load_catalog().sectors.keys()


def test_the_commodity_parses_into_the_shipment() -> None:
    spec = parse_description(TEXT, "case.toml", known_commodities=SECTORS)
    assert spec.shipment.commodity == "polysilicon"
    assert parse_description(TEXT.replace('commodity = "polysilicon"\n', ""), "case.toml").shipment.commodity == ""


@pytest.mark.parametrize(("value", "message"), [
    ("polysillicon", "'polysillicon' is not allowed; did you mean 'polysilicon'? allowed: aluminum, batteries, "
                     "caustic-soda, copper, cotton, lithium, polysilicon, pvc, red-dates, seafood, steel, tires, tomatoes"),
    ("rice", "'rice' is not allowed; allowed: aluminum, batteries, caustic-soda, copper, cotton, lithium, polysilicon, "
             "pvc, red-dates, seafood, steel, tires, tomatoes"),
])
def test_an_unknown_commodity_is_located_with_the_list(value: str, message: str) -> None:
    with pytest.raises(DescriptionError) as caught:
        parse_description(TEXT.replace('"polysilicon"', f'"{value}"'), "case.toml", known_commodities=SECTORS)
    assert [(p.line, p.key, p.message) for p in caught.value.problems] == [(13, "shipment.commodity", message)]


def test_describe_and_import_keep_the_commodity(tmp_path: Path) -> None:
    spec = parse_description(TEXT, "case.toml", known_commodities=SECTORS)
    write_new_case(tmp_path / "case.tcase", Case(spec.shipment), {}, source="test")
    with CaseFile.open(tmp_path / "case.tcase") as casefile:
        loaded = casefile.load()
        assert loaded.shipment.commodity == "polysilicon"
        casefile.set_shipment(dataclasses.replace(loaded.shipment, commodity=""))
        assert casefile.load().shipment.commodity == ""
    text = render_description(loaded)
    assert 'commodity = "polysilicon"' in text
    assert parse_description(text, "case.toml", known_commodities=SECTORS).shipment == spec.shipment
