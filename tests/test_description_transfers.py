"""The keys of a transfer's nature: an entity's owner, a link's material class and payment
terms; located errors and the round trip through a case file and back."""

from __future__ import annotations

from pathlib import Path

import pytest

from importer_app.core.description import parse_description
from importer_app.core.description_writer import render_description
from importer_app.core.errors import DescriptionError
from importer_app.core.model import Case
from importer_app.store.casefile import CaseFile, write_new_case

GOOD = """\
format = "importer-app-case/1"

[shipment]
regime = "wro"
entry_number = "ABC-1234567-8"
importer_of_record = "Atlantic Sweeteners Inc."
merchandise = "Raw cane sugar"
quantity = 9000
unit = "t"
country_of_origin = "BR"
date_of_importation = 2026-10-02

[[entities]]
id = "fields"
name = "Usina Boa Vista cane fields"
role = "raw_material_producer"
country = "BR"
owner = "Grupo Boa Vista"

[[entities]]
id = "mill"
name = "Usina Boa Vista mill"
role = "processor"
country = "BR"
owner = "Grupo Boa Vista"

[[entities]]
id = "buyer"
name = "Atlantic Sweeteners Inc."
role = "importer"
country = "US"

[[links]]
id = "fields-mill"
from = "fields"
to = "mill"
material = "sugar cane"
quantity = 80000
unit = "t"
material_class = "raw"

[[links]]
id = "mill-buyer"
from = "mill"
to = "buyer"
material = "raw cane sugar"
quantity = 9000
unit = "t"
material_class = "raw"
payment_terms = "consignment"
"""


def _problems(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(DescriptionError) as refused:
        parse_description(text, "case.toml")
    return [(p.line, p.key, p.message) for p in refused.value.problems]


def test_the_transfer_keys_parse_into_the_case() -> None:
    spec = parse_description(GOOD, "case.toml")
    assert [e.owner for e in spec.entities] == ["Grupo Boa Vista", "Grupo Boa Vista", ""]
    assert [(l.material_class, l.payment_terms) for l in spec.links] == [("raw", ""), ("raw", "consignment")]


@pytest.mark.parametrize("terms", ["prepaid", "on delivery", "consignment", "net 0", "net 120"])
def test_every_kind_of_payment_terms_is_accepted(terms: str) -> None:
    spec = parse_description(GOOD.replace('"consignment"', f'"{terms}"'), "case.toml")
    assert spec.links[1].payment_terms == terms


def test_wrong_transfer_keys_are_located_all_at_once() -> None:
    text = GOOD.replace('material_class = "raw"\npayment_terms = "consignment"',
                        'material_class = "packaging"\npayment_terms = "net sixty"')
    assert _problems(text) == [
        (49, "links[2].material_class", "'packaging' is not allowed; allowed: raw, auxiliary"),
        (50, "links[2].payment_terms", "'net sixty' is not payment terms the check knows: write prepaid, on delivery,"
                                       " consignment or net N (N days after shipment, like net 60)"),
    ]


def test_describe_and_import_keep_owner_class_and_terms(tmp_path: Path) -> None:
    spec = parse_description(GOOD, "case.toml")
    case = Case(spec.shipment, spec.entities, spec.links)
    write_new_case(tmp_path / "case.tcase", case, {}, source="test")
    with CaseFile.open(tmp_path / "case.tcase") as casefile:
        loaded = casefile.load()
    assert (loaded.entities, loaded.links) == (spec.entities, spec.links)
    text = render_description(loaded)
    assert 'owner = "Grupo Boa Vista"' in text and 'payment_terms = "consignment"' in text
    again = parse_description(text, "case.toml")
    assert (again.entities, again.links) == (spec.entities, spec.links)
