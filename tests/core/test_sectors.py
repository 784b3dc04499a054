"""Sector profiles: a shipment's commodity adds its sector's evidence items to the check.

The sectors and their items are data (forms/catalog/sectors.toml), loaded with the same
strictness as the other rows; a case without a commodity is checked exactly as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from importer_app.core.catalog import Catalog, CatalogError, load_catalog
from importer_app.core.model import Case, Entity, Link
from importer_app.core.report import Report, format_report_text, report_to_json

if TYPE_CHECKING:
    from case_kit import CaseKit

Check = Callable[[Case], Report]
Breaker = Callable[[str, str, str], Path]

SECTORS = ("cotton", "polysilicon", "tomatoes", "aluminum", "pvc", "steel", "batteries", "tires", "seafood",
           "caustic-soda", "copper", "lithium", "red-dates")


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        load_catalog(folder)
    return [str(problem) for problem in caught.value.problems]


def sector_findings(report: Report) -> list[tuple[str, str, str]]:
    return [(f.requirement, f.scope, f.severity) for f in report.findings if f.requirement.startswith("SEC-")]


# ---------------------------------------------------------------- the data


def test_every_sector_of_domain_md_section_d_has_items_hts_codes_and_sources(catalog: Catalog) -> None:
    assert tuple(catalog.sectors) == SECTORS
    for sector in catalog.sectors.values():
        assert sector.name and sector.description and sector.hts and sector.citation
        rows = [catalog.information_type(item) for item in sector.items]
        assert rows, sector.id
        for row in rows:
            assert row.commodity == sector.id and row.id.startswith("SEC-")
            assert row.to_cbp and row.guidance and row.to_cbp != row.guidance and row.citation


def test_sectors_without_a_cbp_list_never_block(catalog: Catalog) -> None:
    # domain.md found no CBP document list for these: their items are the project's own.
    for sector in ("steel", "tires", "seafood", "caustic-soda", "copper", "lithium", "red-dates"):
        levels = {catalog.information_type(item).level for item in catalog.sectors[sector].items}
        assert levels <= {"recommended", "supporting"}, sector


@pytest.mark.parametrize(
    ("hts", "expected"),
    [
        (("8541.43.0010",), "polysilicon"),
        (("6105.10.0010", "6109.10.0012"), "cotton"),
        (("2002.10.0000",), "tomatoes"),
        (("7604.21.0000",), "aluminum"),
        (("3918.10.3100",), "pvc"),
        (("8507.60.0020",), "batteries"),
        (("4011.10.1010",), "tires"),
        (("0306.17.0040",), "seafood"),
        (("0813.40.3000",), "red-dates"),
        (("2836.91.0000",), "lithium"),
        (("9403.60.8081",), ""),
        ((), ""),
        # One line of yarn and two of aluminum: most lines win.
        (("5205.11.1000", "7606.12.3090", "7604.29.1000"), "aluminum"),
    ],
)
def test_the_hts_numbers_suggest_a_sector(catalog: Catalog, hts: tuple[str, ...], expected: str) -> None:
    assert catalog.suggest_commodity(hts) == expected


def test_a_heading_wins_over_its_chapter(catalog: Catalog) -> None:
    # 6302 (bed linen) is cotton's heading; nothing else holds chapter 63, so 6301 suggests none.
    assert catalog.suggest_commodity(["6302.21.9020"]) == "cotton"
    assert catalog.suggest_commodity(["6301.30.0010"]) == ""


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('id = "SEC-COT-01"', 'id = "COT-01"', "sectors.toml, COT-01: a sector item's `id` starts with SEC-, e.g. SEC-PSI-01"),
        ('id = "SEC-COT-02"', 'id = "SEC-COT-01"',
         "sectors.toml, SEC-COT-01: duplicate id 'SEC-COT-01' (ids are unique across information_types.toml and sectors.toml)"),
        ('id = "SEC-COT-01"', 'id = "SCT-04"',
         "sectors.toml, SCT-04: duplicate id 'SCT-04' (ids are unique across information_types.toml and sectors.toml)"),
        ('hts = ["52", "61", "62", "6302"]', 'hts = ["52", "610"]',
         "sectors.toml, cotton: HTS code '610' in `hts` must be a chapter (2 digits) or a heading (4 digits)"),
        ('hts = ["76"]', 'hts = ["76", "52"]', "sectors.toml, aluminum: HTS code '52' is already in sector 'cotton'"),
        ('id = "cotton"', 'id = "Cotton"', "sectors.toml, Cotton: `id` must be lower-case letters, digits and hyphens, e.g. polysilicon"),
        ('documents = ["timecard", "payroll_record"]', 'documents = ["timecards"]',
         "sectors.toml, SEC-COT-04: unknown value 'timecards' in `documents` (did you mean 'timecard'?)"),
        ('level = "expected"\ndocuments = ["production_record", "inventory_record"]',
         'levle = "expected"\ndocuments = ["production_record", "inventory_record"]',
         "sectors.toml, SEC-COT-02: `level` must be a non-empty string"),
        ('citation = ["S24"]', 'citation = ["S99"]', "sectors.toml, batteries: citation 'S99' does not resolve: no source S99 in sources.toml"),
    ],
)
def test_broken_sector_data_is_located(break_catalog: Breaker, old: str, new: str, message: str) -> None:
    assert message in problems_of(break_catalog("sectors.toml", old, new))


def test_a_sector_item_is_satisfied_by_documents_of_its_own_sector(break_catalog: Breaker) -> None:
    folder = break_catalog("sectors.toml", 'documents = ["timecard", "payroll_record"]', 'satisfied_by = "bundle"')
    assert "sectors.toml, SEC-COT-04: a sector item is satisfied by documents (`satisfied_by` = documents)" in problems_of(folder)
    folder = break_catalog("sectors.toml", 'documents = ["equipment_list"]', 'documents = ["equipment_list"]\npart_of = "SEC-COT-01"')
    assert "sectors.toml, SEC-BAT-03: `part_of` 'SEC-COT-01' must be an item of the same sector" in problems_of(folder)


def test_an_unknown_key_of_a_sector_item_is_refused_with_a_hint(break_catalog: Breaker) -> None:
    folder = break_catalog("sectors.toml", 'guidance = "Add the grower', 'guidence = "x"\nguidance = "Add the grower')
    assert problems_of(folder) == ["sectors.toml, SEC-COT-01: unknown key `guidence` (did you mean 'guidance'?)"]


def test_a_sector_without_items_is_refused(catalog_copy: Path) -> None:
    with (catalog_copy / "sectors.toml").open("a", encoding="utf-8") as stream:
        stream.write('\n[[sector]]\nid = "rice"\nname = "Rice"\ndescription = "Rice."\nhts = ["1006"]\ncitation = ["S48"]\n')
    folder = catalog_copy
    assert "sectors.toml, rice: a sector needs at least one [[sector.item]]" in problems_of(folder)


def test_the_catalog_says_which_guidance_its_rows_rest_on(break_catalog: Breaker, catalog: Catalog) -> None:
    assert "Pub. 1793-0522" in catalog.basis and "Pub. 5560-0526" in catalog.basis
    folder = break_catalog("catalog.toml", "basis = ", "basis_ = ")
    assert "catalog.toml: `basis` must say, in a sentence, which CBP guidance the rows rest on" in problems_of(folder)


# ---------------------------------------------------------------- the check


def test_a_case_without_commodity_is_checked_as_before(kit: CaseKit, check: Check, catalog: Catalog) -> None:
    for regime in ("wro", "uflpa-applicability", "uflpa-exception"):
        plain = check(kit.complete(regime))
        assert not [s for s in plain.statuses if s.requirement.startswith("SEC-")]
        with_cotton = check(kit.complete(regime, commodity="cotton"))
        # The sector adds its own rows and nothing else changes.
        assert [f for f in with_cotton.findings if not f.requirement.startswith("SEC-")] == list(plain.findings)
        assert [s for s in with_cotton.statuses if not s.requirement.startswith("SEC-")] == list(plain.statuses)


def test_a_cotton_case_asks_for_the_bale_level_trace_and_the_pickers_records(kit: CaseKit, check: Check) -> None:
    case = kit.complete("wro", commodity="cotton", hts=("6105.10.0010",))
    report = check(case)
    # The kit's spinner files production records and its farm timecards and payroll; the
    # farm's bale-level origin records and the raw cotton's transport are not in the case.
    assert sector_findings(report) == [
        ("SEC-COT-01", "entity:farm", "missing"),
        ("SEC-COT-03", "entity:farm", "missing"),
    ]
    assert kit.state(report, "SEC-COT-02", "entity:spinner") == "satisfied"
    assert kit.state(report, "SEC-COT-04", "entity:farm") == "satisfied"
    [bale] = kit.of(report, requirement="SEC-COT-01")
    assert bale.message.startswith("Missing: Bale-level origin of the raw cotton, for Lone Star Cotton Farm")
    assert "HQ H318182" in bale.citation

    fixed = kit.adding(
        case,
        kit.doc("entities/farm/bales.pdf", "origin_certificate", entities=("farm",)),
        kit.doc("entities/farm/truck.pdf", "transport_document", entities=("farm",)),
    )
    assert sector_findings(check(fixed)) == []
    assert not kit.blocking(check(fixed))


def test_labor_records_of_the_pickers_are_not_asked_in_an_applicability_review(kit: CaseKit, check: Check) -> None:
    report = check(kit.complete("uflpa-applicability", commodity="cotton"))
    assert not [s for s in report.statuses if s.requirement == "SEC-COT-04"]


def _polysilicon_case(kit: CaseKit) -> Case:
    """Quartzite mined and smelted in Norway, polysilicon made in Germany, wafers to modules in
    Malaysia, modules imported into the US and held for a UFLPA applicability review."""
    entities = (
        Entity("mine", "Nordic Quartz AS", "raw_material_producer", "NO", address="Drag, Tysfjord"),
        Entity("smelter", "Fjord Silicon Metal AS", "processor", "NO"),
        Entity("poly", "Rhein Polysilicon GmbH", "processor", "DE"),
        Entity("modules", "Penang Solar Sdn. Bhd.", "manufacturer", "MY"),
        Entity("importer", "Sunfield Power LLC", "importer", "US"),
    )
    links = (
        Link("mine-smelter", "mine", "smelter", "quartzite", 5200, "kg", yield_=0.38, shipped=dt.date(2026, 1, 10)),
        Link("smelter-poly", "smelter", "poly", "metallurgical-grade silicon", 1900, "kg", yield_=0.9,
             shipped=dt.date(2026, 3, 2)),
        Link("poly-modules", "poly", "modules", "polysilicon", 1700, "kg", yield_=0.5, shipped=dt.date(2026, 5, 4)),
        Link("modules-importer", "modules", "importer", "solar modules", 840, "pcs", shipped=dt.date(2026, 9, 1)),
    )
    docs = []
    for link in links:
        for doc_type in ("purchase_order", "commercial_invoice", "proof_of_payment", "packing_list", "export_declaration"):
            docs.append(kit.doc(f"links/{link.id}/{doc_type}.pdf", doc_type, links=(link.id,)))
    for entity in ("smelter", "poly", "modules"):
        for doc_type in ("production_record", "equipment_list"):
            docs.append(kit.doc(f"entities/{entity}/{doc_type}.pdf", doc_type, entities=(entity,), date=dt.date(2026, 4, 1)))
    docs.append(kit.doc("entities/smelter/receipts.pdf", "raw_material_receipt", entities=("smelter",)))
    return Case(
        shipment=kit.shipment(regime="uflpa-applicability", importer_of_record="Sunfield Power LLC",
                              merchandise="Monocrystalline solar modules", quantity=840, unit="pcs",
                              country_of_origin="MY", hts=("8541.43.0010",), commodity="polysilicon"),
        entities=entities, links=links, documents=tuple(docs),
    )


def test_a_polysilicon_case_asks_for_the_source_of_the_quartz(kit: CaseKit, check: Check, catalog: Catalog) -> None:
    case = _polysilicon_case(kit)
    assert catalog.suggest_commodity(case.shipment.hts) == "polysilicon"
    report = check(case)
    assert sector_findings(report) == [
        ("SEC-PSI-01", "entity:mine", "missing"),
        ("SEC-PSI-04", "entity:mine", "warning"),
        ("SEC-PSI-03", "entity:smelter", "warning"),
        ("SEC-PSI-04", "entity:smelter", "warning"),
        ("SEC-PSI-03", "entity:poly", "warning"),
        ("SEC-PSI-04", "entity:poly", "warning"),
        ("SEC-PSI-03", "entity:modules", "warning"),
        ("SEC-PSI-04", "entity:modules", "warning"),
    ]
    # The smelter's receiving and production records tie its silicon to the quartzite.
    assert kit.state(report, "SEC-PSI-02", "entity:smelter") == "satisfied"
    [quartz] = kit.of(report, requirement="SEC-PSI-01")
    assert quartz.message.startswith("Missing: Source of the quartz (quartzite mine), for Nordic Quartz AS")

    mined = kit.adding(case, kit.doc("entities/mine/extraction.pdf", "production_record", entities=("mine",)))
    assert kit.state(check(mined), "SEC-PSI-01", "entity:mine") == "satisfied"
    assert not [f for f in kit.blocking(check(mined)) if f.requirement.startswith("SEC-")]


def test_a_sector_item_set_aside_carries_the_reason(kit: CaseKit, check: Check) -> None:
    case = kit.not_applicable(_polysilicon_case(kit), "SEC-PSI-01", "entity:mine", "The mine's records are the smelter's.")
    assert kit.state(check(case), "SEC-PSI-01", "entity:mine") == "not_applicable"


def test_the_text_report_names_the_sector_used_or_suggested(kit: CaseKit, check: Check) -> None:
    chosen = " ".join(format_report_text(check(_polysilicon_case(kit))).split())
    assert "Sector profile: Polysilicon, silicon and solar products (polysilicon); its evidence items are checked." in chosen
    case = kit.complete("wro", hts=("6105.10.0010",))
    suggested = " ".join(format_report_text(check(case)).split())
    assert ("Sector profile: none chosen. The HTS numbers suggest Cotton, yarn, fabric and apparel (cotton); "
            "choose it as the shipment's commodity to check its evidence items.") in suggested
    assert "Sector profile" not in format_report_text(check(kit.complete("wro")))
    unknown = " ".join(format_report_text(check(kit.complete("wro", commodity="rice"))).split())
    assert "Sector profile: 'rice' is not a sector of this catalog; no sector items are checked." in unknown
    assert report_to_json(check(_polysilicon_case(kit)), _polysilicon_case(kit))["case"]["commodity"] == "polysilicon"


def test_the_evidence_of_a_sector_is_only_asked_in_its_regimes(kit: CaseKit, check: Check) -> None:
    # Aluminum's items come from UFLPA detention notices: a WRO case of aluminum has none.
    wro = check(kit.complete("wro", commodity="aluminum"))
    assert not [s for s in wro.statuses if s.requirement.startswith("SEC-")]
    uflpa = check(kit.complete("uflpa-applicability", commodity="aluminum"))
    assert {s.requirement for s in uflpa.statuses if s.requirement.startswith("SEC-")} == {
        "SEC-ALU-01", "SEC-ALU-02", "SEC-ALU-03"}

