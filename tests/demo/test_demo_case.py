"""The demo case: a complete-looking fictional detention whose only gaps are the deliberate ones."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from importer_app.core import vocab
from importer_app.core.catalog import load_catalog
from importer_app.core.description import parse_description
from importer_app.core.engine import evaluate
from importer_app.core.model import Case, Document
from importer_app.core.screening_state import NOT_SCREENED
from importer_app.demo import write_demo

TODAY = dt.date(2026, 11, 28)

# design.md, Appendix A: every key of the format, in the documented order.
SHIPMENT_KEYS = (
    "regime", "entry_number", "importer_of_record", "merchandise", "quantity", "unit", "country_of_origin",
    "date_of_importation", "title", "entry_lines", "detention_number", "port_code", "port_name", "importer_address",
    "ultimate_consignee", "hts", "value_usd", "country_of_exportation", "order_reference", "class_of_labor",
    "date_presented", "date_of_detention", "date_of_notice", "date_of_exclusion_notice", "date_of_protest",
    "date_of_seizure_notice", "date_exception_granted",
)
ENTITY_KEYS = ("id", "name", "role", "country", "address", "name_local", "tier", "aliases")
LINK_KEYS = ("id", "from", "to", "material", "quantity", "unit", "yield", "shipped", "references")
DOCUMENT_KEYS = ("path", "type", "title", "date", "entities", "links", "references", "language", "translation_of",
                 "password")
ORDER = {"purchase_order", "sales_contract"}
LOGISTICS = {"packing_list", "bill_of_lading", "transport_document"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("demo")
    toml_path = write_demo(folder, today=TODAY)
    return toml_path, tomllib.loads(toml_path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def wro_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    toml_path = write_demo(tmp_path_factory.mktemp("wro"), regime="wro", today=TODAY)
    return toml_path, tomllib.loads(toml_path.read_text(encoding="utf-8"))


def _load_case(toml_path: Path) -> Case:
    """The case as the importer would build it: the description parsed, the documents hashed."""
    spec = parse_description(toml_path.read_text(encoding="utf-8"), str(toml_path),
                             file_exists=lambda rel: (toml_path.parent / rel).is_file())
    documents = []
    for d in spec.documents:
        data = (toml_path.parent / d.path).read_bytes()
        documents.append(Document(
            path=d.path, sha256=hashlib.sha256(data).hexdigest(), type=d.type, size=len(data), title=d.title,
            date=d.date, entities=d.entities, links=d.links, references=d.references, language=d.language,
            translation_of=d.translation_of, page_count=len(PdfReader(toml_path.parent / d.path).pages),
        ))
    return Case(spec.shipment, spec.entities, spec.links, tuple(documents), spec.not_applicable)


def _blocking(toml_path: Path) -> set[tuple[str, str, str]]:
    report = evaluate(_load_case(toml_path), load_catalog(), TODAY, NOT_SCREENED)
    return {(f.kind, f.requirement, f.scope) for f in report.findings if f.severity == "missing"}


def _findings(toml_path: Path, today: dt.date) -> set[tuple[str, str, str, str]]:
    """Every finding but the deadlines, as (severity, kind, requirement, scope)."""
    report = evaluate(_load_case(toml_path), load_catalog(), today, NOT_SCREENED)
    return {(f.severity, f.kind, f.requirement, f.scope) for f in report.findings if f.kind != "deadline"}


DELIBERATE_GAPS = {
    ("requirement", "SCT-06", "link:gin-spinner"),
    ("requirement", "SCT-09", "link:spinner-knitter"),
    ("quantity", "SCT-16", "entity:knitter"),
}


def _docs_for(case: dict[str, Any], key: str, ident: str) -> list[dict[str, Any]]:
    return [d for d in case["documents"] if ident in d.get(key, ())]


def _ordered_subset(keys: list[str], allowed: tuple[str, ...]) -> bool:
    return all(k in allowed for k in keys) and keys == sorted(keys, key=allowed.index)


def test_writes_case_toml_in_the_given_folder(demo: tuple[Path, dict[str, Any]]) -> None:
    toml_path, case = demo
    assert toml_path.name == "case.toml"
    assert case["format"] == "importer-app-case/1"


def test_every_document_is_a_pdf_that_opens_and_has_pages(demo: tuple[Path, dict[str, Any]]) -> None:
    toml_path, case = demo
    paths = [d["path"] for d in case["documents"]]
    assert len(paths) >= 25
    assert len(set(paths)) == len(paths)
    for rel in paths:
        assert rel.startswith("docs/") and rel.endswith(".pdf")
        assert len(PdfReader(toml_path.parent / rel).pages) >= 1
    on_disk = {p.relative_to(toml_path.parent).as_posix() for p in (toml_path.parent / "docs").iterdir()}
    assert on_disk == set(paths)


def test_keys_are_those_of_appendix_a_in_its_order(demo: tuple[Path, dict[str, Any]]) -> None:
    _, case = demo
    assert list(case) == ["format", "shipment", "entities", "links", "documents", "not_applicable", "gap_explanations"]
    assert _ordered_subset(list(case["shipment"]), SHIPMENT_KEYS)
    for table, keys in (("entities", ENTITY_KEYS), ("links", LINK_KEYS), ("documents", DOCUMENT_KEYS)):
        for row in case[table]:
            assert _ordered_subset(list(row), keys), row


def test_values_come_from_the_closed_vocabularies(demo: tuple[Path, dict[str, Any]]) -> None:
    _, case = demo
    entity_ids = {e["id"] for e in case["entities"]}
    link_ids = {link["id"] for link in case["links"]}
    paths = {d["path"] for d in case["documents"]}
    assert case["shipment"]["regime"] in vocab.REGIMES
    for entity in case["entities"]:
        assert re.match(vocab.ID_PATTERN, entity["id"])
        assert entity["role"] in vocab.ROLES
        assert re.match(vocab.COUNTRY_PATTERN, entity["country"])
    for link in case["links"]:
        assert re.match(vocab.ID_PATTERN, link["id"])
        assert link["from"] in entity_ids and link["to"] in entity_ids
    for doc in case["documents"]:
        assert doc["type"] in vocab.DOCUMENT_TYPES
        assert set(doc.get("entities", ())) <= entity_ids
        assert set(doc.get("links", ())) <= link_ids
        assert doc.get("entities") or doc.get("links")
        assert re.match(vocab.LANGUAGE_PATTERN, doc.get("language", "en"))
        if "translation_of" in doc:
            assert doc["translation_of"] in paths


def test_chain_has_six_tiers_from_grower_to_importer(demo: tuple[Path, dict[str, Any]]) -> None:
    _, case = demo
    tiers = {e["id"]: e["tier"] for e in case["entities"]}
    roles = {e["id"]: e["role"] for e in case["entities"]}
    assert len(tiers) >= 6 and len(case["links"]) >= 5
    assert sorted(tiers.values()) == [0, 1, 2, 3, 4, 5]
    assert roles["importer"] == "importer" and roles["grower"] == "raw_material_producer"
    for link in case["links"]:
        assert tiers[link["from"]] == tiers[link["to"]] + 1
    assert sum(1 for e in case["entities"] if e.get("name_local")) == 1


def test_dates_are_relative_to_today(demo: tuple[Path, dict[str, Any]]) -> None:
    _, case = demo
    s = case["shipment"]
    imported = s["date_of_importation"]
    assert imported == TODAY - dt.timedelta(days=20)
    assert s["date_presented"] == imported + dt.timedelta(days=2)
    assert s["date_of_detention"] == s["date_presented"] + dt.timedelta(days=4)
    assert s["date_of_notice"] == s["date_of_detention"] + dt.timedelta(days=3)
    assert "date_of_exclusion_notice" not in s
    assert all(d["date"] <= imported for d in case["documents"])


def test_shipments_follow_each_other_up_the_chain(demo: tuple[Path, dict[str, Any]]) -> None:
    _, case = demo
    inbound = {link["to"]: link for link in case["links"]}
    for link in case["links"]:
        supplier_input = inbound.get(link["from"])
        if supplier_input is not None:
            assert link["shipped"] > supplier_input["shipped"], link["id"]
    assert case["links"][-1]["shipped"] < case["shipment"]["date_of_importation"]


def test_link_references_appear_on_the_documents_tied_to_the_link(demo: tuple[Path, dict[str, Any]]) -> None:
    _, case = demo
    for link in case["links"]:
        docs = _docs_for(case, "links", link["id"])
        assert set(link["references"]) <= {ref for d in docs for ref in d["references"]}, link["id"]
        for doc in docs:
            assert set(doc["references"]) <= set(link["references"]), doc["path"]


def test_only_the_deliberate_document_gaps_are_missing(demo: tuple[Path, dict[str, Any]]) -> None:
    _, case = demo
    missing = set()
    for link in case["links"]:
        types = {d["type"] for d in _docs_for(case, "links", link["id"])}
        for kind, wanted in (("order", ORDER), ("invoice", {"commercial_invoice"}), ("payment", {"proof_of_payment"}),
                             ("logistics", LOGISTICS)):
            if not types & wanted:
                missing.add((link["id"], kind))
    roles = {e["id"]: e["role"] for e in case["entities"]}
    for entity, role in roles.items():
        types = {d["type"] for d in _docs_for(case, "entities", entity)}
        if role in ("manufacturer", "processor") and "production_record" not in types:
            missing.add((entity, "production"))
    for link in case["links"]:
        if roles[link["from"]] == "raw_material_producer":
            types = {d["type"] for d in _docs_for(case, "entities", link["to"])}
            if "raw_material_receipt" not in types:
                missing.add((link["to"], "receipt"))
    assert missing == {("gin-spinner", "payment"), ("spinner-knitter", "logistics")}
    types = {d["type"] for d in case["documents"]}
    assert {"audit_report", "bill_of_materials", "process_description"} <= types
    assert "audit_report" in {d["type"] for d in _docs_for(case, "entities", "garment")}


def test_only_the_deliberate_quantity_gap_fails_to_reconcile(demo: tuple[Path, dict[str, Any]]) -> None:
    _, case = demo
    inputs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    outputs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for link in case["links"]:
        inputs[link["to"]].append(link)
        outputs[link["from"]].append(link)
    over = {}
    for entity, shipped in outputs.items():
        if not inputs[entity]:
            continue
        assert {link["unit"] for link in shipped} == {link["unit"] for link in shipped[:1]}
        capacity = sum(link["quantity"] * link["yield"] for link in inputs[entity])
        out = sum(link["quantity"] for link in shipped)
        if out > capacity * 1.02:
            over[entity] = out / capacity
    assert list(over) == ["knitter"]
    assert over["knitter"] == pytest.approx(1.10, abs=0.01)
    assert case["shipment"]["quantity"] == case["links"][-1]["quantity"]


def test_vietnamese_document_prints_vietnamese_and_has_a_translation(demo: tuple[Path, dict[str, Any]]) -> None:
    toml_path, case = demo
    (original,) = [d for d in case["documents"] if d.get("language", "en") == "vi"]
    (translation,) = [d for d in case["documents"] if d.get("translation_of") == original["path"]]
    assert translation.get("language", "en") == "en"
    text = "".join(page.extract_text() for page in PdfReader(toml_path.parent / original["path"]).pages)
    assert "Công đoạn dệt" in text
    assert "DỆT KIM LAM THỦY" in text


def test_two_runs_with_the_same_date_are_byte_identical(demo: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    first = demo[0].parent
    second = write_demo(tmp_path, today=TODAY).parent
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_wro_variant_names_the_order_and_class_of_labor(wro_demo: tuple[Path, dict[str, Any]]) -> None:
    _, case = wro_demo
    shipment = case["shipment"]
    assert shipment["regime"] == "wro"
    assert shipment["order_reference"]
    assert shipment["class_of_labor"] in vocab.CLASSES_OF_LABOR
    assert _ordered_subset(list(shipment), SHIPMENT_KEYS)


def test_wro_variant_has_labor_records_at_every_producer(wro_demo: tuple[Path, dict[str, Any]]) -> None:
    _, case = wro_demo
    for entity in case["entities"]:
        types = {d["type"] for d in _docs_for(case, "entities", entity["id"])}
        if entity["role"] in ("raw_material_producer", "processor", "manufacturer"):
            assert {"employee_list", "timecard", "payroll_record", "recruitment_record"} <= types, entity["id"]


def test_completeness_engine_finds_only_the_deliberate_gaps(demo: tuple[Path, dict[str, Any]]) -> None:
    assert _blocking(demo[0]) == DELIBERATE_GAPS


def test_wro_demo_also_lacks_the_12_43_forms_the_app_drafts(wro_demo: tuple[Path, dict[str, Any]]) -> None:
    assert _blocking(wro_demo[0]) == DELIBERATE_GAPS | {
        ("requirement", "REG-01", "case"),
        ("requirement", "REG-02", "entity:gin"),
        ("requirement", "REG-03", "case"),
    }


@pytest.mark.parametrize("regime", ["uflpa-applicability", "wro"])
@pytest.mark.parametrize("today", [TODAY, dt.date(2027, 1, 9), dt.date(2028, 3, 1)])
def test_the_demo_shows_its_deliberate_gaps_and_nothing_else(regime: str, today: dt.date, tmp_path: Path) -> None:
    # No warning, no note: every recommended and supporting item is in the case or set aside with
    # a reason; only the deadlines are left besides the deliberate gaps (and, for a WRO, the
    # 12.43 forms the app drafts on its Forms page).
    expected = {("missing", *gap) for gap in DELIBERATE_GAPS}
    if regime == "wro":
        expected |= {("missing", "requirement", "REG-01", "case"), ("missing", "requirement", "REG-02", "entity:gin"),
                     ("missing", "requirement", "REG-03", "case")}
    assert _findings(write_demo(tmp_path, regime=regime, today=today), today) == expected


def test_the_demo_sets_aside_only_the_cbp_request_item_with_its_reason(demo: tuple[Path, dict[str, Any]]) -> None:
    _, case = demo
    (decision,) = case["not_applicable"]
    assert (decision["requirement"], decision["scope"]) == ("REG-05", "case")
    notice = case["shipment"]["date_of_notice"]
    # The bundle prints the reason as typed, so its date is written the bundle's way.
    assert "no request for information" in decision["reason"]
    assert f"{notice:%B} {notice.day}, {notice.year}" in decision["reason"]


def test_the_supporting_evidence_is_tied_where_the_catalog_looks_for_it(demo: tuple[Path, dict[str, Any]]) -> None:
    _, case = demo
    countries = {e["id"]: e["country"] for e in case["entities"]}
    roles = {e["id"]: e["role"] for e in case["entities"]}
    for entity, role in roles.items():
        if role in ("processor", "manufacturer"):
            assert "equipment_list" in {d["type"] for d in _docs_for(case, "entities", entity)}, entity
    for link in case["links"]:
        types = {d["type"] for d in _docs_for(case, "links", link["id"])}
        assert ("export_declaration" in types) == (countries[link["from"]] != countries[link["to"]]), link["id"]
    visited = {e for d in case["documents"] if d["type"] in ("facility_visit_record", "affidavit") for e in d["entities"]}
    assert visited == {e for e, role in roles.items() if role != "importer"}
    types = {d["type"] for d in case["documents"]}
    assert {"facility_location", "inventory_record", "origin_certificate", "lab_test_report",
            "remediation_plan"} <= types


def test_uflpa_variant_names_no_order(demo: tuple[Path, dict[str, Any]]) -> None:
    _, case = demo
    assert "order_reference" not in case["shipment"] and "class_of_labor" not in case["shipment"]


def test_unknown_regime_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="finding"):
        write_demo(tmp_path, regime="finding", today=TODAY)


def test_the_case_description_loader_accepts_the_demo(demo: tuple[Path, dict[str, Any]]) -> None:
    toml_path, _ = demo
    spec = parse_description(toml_path.read_text(encoding="utf-8"), str(toml_path),
                             file_exists=lambda rel: (toml_path.parent / rel).is_file())
    assert len(spec.documents) >= 25
    assert spec.shipment.date_of_importation == TODAY - dt.timedelta(days=20)
