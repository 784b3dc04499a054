"""The keys below the country and of the exception's conditions: an entity's region, CBP's
requests and the answers, the signed evidence statement; located errors and the round trip
through a case file and back."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from importer_app.core.description import parse_description
from importer_app.core.description_writer import render_description
from importer_app.core.errors import DescriptionError
from importer_app.core.model import Case, Document, EvidenceStatement, Inquiry
from importer_app.store.casefile import CaseFile, write_new_case

HEAD = """\
format = "importer-app-case/1"

[shipment]
regime = "uflpa-exception"
entry_number = "ABC-1234567-8"
importer_of_record = "Sunrise Solar Inc."
merchandise = "Solar modules"
quantity = 1200
unit = "pcs"
country_of_origin = "VN"
date_of_importation = 2026-10-02

[[entities]]
id = "smelter"
name = "Turpan Silicon Co., Ltd."
role = "raw_material_producer"
country = "CN"
subdivision = "CN-XJ"
address = "No. 8 Silicon Industrial Park, Shanshan County, Turpan, Xinjiang"

[[documents]]
path = "docs/answer.pdf"
type = "cbp_correspondence"
"""
GOOD = HEAD + """
[[inquiries]]
id = "cf28-1"
date = 2026-10-12
asked = "Quartzite sources of the silicon metal"
response_date = 2026-10-20
response_exhibits = ["docs/answer.pdf"]

[evidence_statement]
summary = "Each quartzite lot is traced to its mine; payroll and recruitment records cover each site."
signed_by = "Jane Roe, Compliance Manager"
signed_on = 2026-10-21
"""


def _problems(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(DescriptionError) as refused:
        parse_description(text, "case.toml")
    return [(p.line, p.key, p.message) for p in refused.value.problems]


def test_the_new_keys_parse_into_the_case() -> None:
    spec = parse_description(GOOD, "case.toml")
    assert spec.entities[0].subdivision == "CN-XJ"
    assert spec.inquiries == (Inquiry("cf28-1", dt.date(2026, 10, 12), "Quartzite sources of the silicon metal",
                                      dt.date(2026, 10, 20), ("docs/answer.pdf",)),)
    assert spec.evidence_statement == EvidenceStatement(
        "Each quartzite lot is traced to its mine; payroll and recruitment records cover each site.",
        "Jane Roe, Compliance Manager", dt.date(2026, 10, 21))


@pytest.mark.parametrize(("value", "message"), [
    ("Xinjiang", "'Xinjiang' is not a region code (ISO 3166-2: the country code, a hyphen and the region, like "
                 "CN-XJ or VN-SG)"),
    ("VN-SG", "'VN-SG' is not a region of CN, the entity's country; a region code starts with the country code "
              "(CN-...)"),
])
def test_a_wrong_region_is_located(value: str, message: str) -> None:
    text = GOOD.replace('subdivision = "CN-XJ"', f'subdivision = "{value}"')
    assert _problems(text) == [(18, "entities[1].subdivision", message)]


def test_inquiry_mistakes_are_located_all_at_once() -> None:
    text = HEAD + """
[[inquiries]]
id = "cf28-1"
date = 2026-10-12
asked = ""
response_date = 2026-10-01
response_exhibits = ["docs/answer.pdf", "docs/missing.pdf"]

[[inquiries]]
id = "cf28-1"
date = 2026-10-13
asked = "Payroll"
response_exhibits = ["docs/answer.pdf"]
"""
    assert _problems(text) == [
        (33, "inquiries[2].id", "'cf28-1' is used twice (also inquiries[1])"),
        (28, "inquiries[1].asked", "say in a few words what CBP asked for"),
        (29, "inquiries[1].response_date", "the answer (2026-10-01) cannot come before the request (2026-10-12)"),
        (30, "inquiries[1].response_exhibits",
         "names 'docs/missing.pdf', which is not the path of a [[documents]] entry"),
        (32, "inquiries[2].response_date", "give the date of the answer these documents were sent with"),
    ]


def test_an_evidence_statement_needs_who_signed_it() -> None:
    text = GOOD.replace('signed_by = "Jane Roe, Compliance Manager"\n', 'signed_by = ""\n')
    text = text.replace("signed_on = 2026-10-21\n", "")
    problems = _problems(text)
    assert problems == [
        (32, "evidence_statement", "the required key 'signed_on' is missing (the day it was signed off)"),
        (34, "evidence_statement.signed_by", "must not be empty"),
    ]


def test_describe_and_import_keep_every_new_field(tmp_path: Path) -> None:
    spec = parse_description(GOOD, "case.toml")
    digest = hashlib.sha256(b"pdf").hexdigest()
    document = Document(path="docs/answer.pdf", sha256=digest, type="cbp_correspondence", size=3)
    case = Case(spec.shipment, spec.entities, spec.links, (document,), spec.not_applicable, (), spec.inquiries,
                spec.evidence_statement)
    write_new_case(tmp_path / "case.tcase", case, {digest: b"pdf"}, source="test")
    with CaseFile.open(tmp_path / "case.tcase") as casefile:
        loaded = casefile.load()
    assert (loaded.entities, loaded.inquiries, loaded.evidence_statement) == (
        spec.entities, spec.inquiries, spec.evidence_statement)
    text = render_description(loaded, {"docs/answer.pdf": "exported/answer.pdf"})
    assert 'subdivision = "CN-XJ"' in text
    assert 'response_exhibits = ["exported/answer.pdf"]' in text
    again = parse_description(text.replace("exported/answer.pdf", "docs/answer.pdf"), "case.toml")
    assert (again.entities, again.inquiries, again.evidence_statement) == (
        spec.entities, spec.inquiries, spec.evidence_statement)

