"""Where items are asked for: countries, suppliers of raw material, borders, foreign
documents; and how the user's not-applicable reasons, case data and the bundle count."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from importer_app.core.catalog import Catalog
from importer_app.core.engine import evaluate
from importer_app.core.model import Case
from importer_app.core.report import Report
from importer_app.core.screening_state import NOT_SCREENED

if TYPE_CHECKING:
    from case_kit import CaseKit

Check = Callable[[Case], Report]


def with_chinese_mill(kit: CaseKit, case: Case, *, ships_abroad: bool = True) -> Case:
    """A Chinese yarn mill supplying the Vietnamese garment maker (or a Chinese trader)."""
    mill = kit.entity("cnmill", "processor", "CN", "Jiangnan Yarn Mill")
    trader = kit.entity("cntrader", "processor", "CN", "Ningbo Yarn Trading")
    links = [
        kit.link("farm-cnmill", "farm", "cnmill", 5000, "kg", yield_=1.0),
        kit.link("cnmill-garment" if ships_abroad else "cnmill-cntrader", "cnmill", "garment" if ships_abroad else "cntrader", 100, "kg"),
    ]  # fmt: skip
    return kit.replacing(case, entities=(*case.entities, trader, mill), links=(*case.links, *links))


# ---------------------------------------------------------------- REG-01 and REG-02: countries


def test_reg_02_asks_for_a_certificate_for_each_other_country_of_production(kit: CaseKit, check: Check) -> None:
    case = with_chinese_mill(kit, kit.complete("wro"))
    report = check(case)
    [finding] = kit.of(report, requirement="REG-02")
    assert (finding.scope, finding.severity) == ("entity:cnmill", "missing")
    assert finding.message.startswith(
        "Missing: Additional certificate of origin (19 CFR 12.43(a)) for another country of production, "
        "for production in CN, where Jiangnan Yarn Mill is the last owner or seller. "
    )
    certificate = kit.doc("cn/certificate.pdf", "certificate_of_origin_1243", entities=("cntrader",))
    report = check(kit.adding(case, certificate))
    assert kit.state(report, "REG-02", "entity:cnmill") == "satisfied"


def test_reg_02_falls_back_to_the_first_producer_when_none_ships_abroad(kit: CaseKit, check: Check) -> None:
    report = check(with_chinese_mill(kit, kit.complete("wro"), ships_abroad=False))
    [finding] = kit.of(report, requirement="REG-02")
    assert finding.scope == "entity:cntrader"


def test_reg_02_is_asked_once_per_country_raw_material_countries_included(kit: CaseKit, check: Check) -> None:
    case = with_chinese_mill(kit, kit.complete("wro"))  # the US farm grew the cotton: the US certificate
    report = check(kit.not_applicable(case, "REG-02", "entity:cnmill", "Mill certificate requested."))
    statuses = [(s.scope, s.state, s.note) for s in report.statuses if s.requirement == "REG-02"]
    assert statuses == [("entity:farm", "satisfied", ""),
                        ("entity:cnmill", "not_applicable", "Mill certificate requested.")]


def test_reg_01_needs_a_certificate_from_the_country_of_exportation(kit: CaseKit, check: Check) -> None:
    case = with_chinese_mill(kit, kit.without_types(kit.complete("wro"), "certificate_of_origin_1243"))
    chinese = kit.doc("cn/certificate.pdf", "certificate_of_origin_1243", entities=("cnmill", "ghost"))
    report = check(kit.adding(case, chinese))
    assert kit.state(report, "REG-01") == "missing"  # the Chinese one is REG-02's
    assert kit.state(report, "REG-02", "entity:cnmill") == "satisfied"


@pytest.mark.parametrize(
    ("entities", "why"),
    [
        ((), "a certificate tied to no entity"),
        (("garment",), "signed in Vietnam, the country of exportation"),
        (("hkseller",), "signed by the seller, wherever it sits"),
    ],
)
def test_reg_01_accepts_the_seller_s_certificate(kit: CaseKit, check: Check, entities: tuple[str, ...], why: str) -> None:
    case = kit.without_types(kit.complete("wro"), "certificate_of_origin_1243")
    case = kit.replacing(case, entities=(*case.entities, kit.entity("hkseller", "seller", "HK")))
    report = check(kit.adding(case, kit.doc("c.pdf", "certificate_of_origin_1243", entities=entities)))
    assert kit.state(report, "REG-01") == "satisfied", why


def test_the_country_of_exportation_defaults_to_the_country_of_origin(kit: CaseKit, check: Check) -> None:
    case = kit.complete("wro", country_of_origin="CN", country_of_exportation="VN")
    report = check(with_chinese_mill(kit, case))
    assert [f.scope for f in kit.of(report, requirement="REG-02")] == ["entity:cnmill"]
    report = check(with_chinese_mill(kit, kit.complete("wro", country_of_origin="CN")))
    assert sorted(f.scope for f in kit.of(report, requirement="REG-02")) == ["entity:garment"]


# ---------------------------------------------------------------- SCT-10, PKG-05 (SCT-12: test_engine_lot_tracing)


def test_sct_10_is_asked_only_for_cross_border_links(kit: CaseKit, check: Check) -> None:
    case = kit.complete("wro")
    case = kit.replacing(case, links=(*case.links, kit.link("ghost-acme", "ghost", "acme", 1, "pcs")))
    report = check(case)
    scopes = [s.scope for s in report.statuses if s.requirement == "SCT-10"]
    assert scopes == ["link:farm-spinner", "link:garment-acme"]  # VN to VN and an unknown supplier: no border


def test_a_foreign_language_document_needs_an_english_translation(kit: CaseKit, check: Check) -> None:
    invoice = kit.doc("vi/invoice.pdf", "commercial_invoice", language="vi", title="Hoa don 17")
    report = check(kit.adding(kit.complete("wro"), invoice))
    [finding] = kit.of(report, requirement="PKG-05")
    assert (finding.kind, finding.scope, finding.severity) == ("translation", "document:vi/invoice.pdf", "missing")
    assert finding.message.startswith("Missing: English translation, for Hoa don 17 (vi/invoice.pdf). ")
    assert report.scope_labels["document:vi/invoice.pdf"] == "Document Hoa don 17 (vi/invoice.pdf)"


def test_an_english_translation_satisfies_pkg_05_and_another_language_does_not(kit: CaseKit, check: Check) -> None:
    invoice = kit.doc("vi/invoice.pdf", "commercial_invoice", language="vi")
    french = kit.doc("fr/invoice.pdf", "commercial_invoice", language="fr", translation_of="vi/invoice.pdf")
    report = check(kit.adding(kit.complete("wro"), invoice, french))
    assert kit.state(report, "PKG-05", "document:vi/invoice.pdf") == "missing"
    english = kit.doc("en/invoice.pdf", "other", translation_of="vi/invoice.pdf")
    report = check(kit.adding(kit.complete("wro"), invoice, english))
    assert kit.state(report, "PKG-05", "document:vi/invoice.pdf") == "satisfied"


# ---------------------------------------------------------------- not applicable, case data, bundle


def test_the_user_s_not_applicable_reason_replaces_the_gap(kit: CaseKit, check: Check) -> None:
    case = kit.without(kit.complete("wro"), lambda d: d.type == "equipment_list" and "spinner" in d.entities)
    case = kit.not_applicable(case, "SCT-15", "entity:spinner", "Machines are leased; lease attached.")
    report = check(case)
    assert kit.of(report, requirement="SCT-15") == []
    [status] = [s for s in report.statuses if s.requirement == "SCT-15" and s.scope == "entity:spinner"]
    assert (status.state, status.note) == ("not_applicable", "Machines are leased; lease attached.")
    assert report.scope_labels["entity:spinner"] == "Entity spinner: Delta Spinning Co., Ltd. (processor, VN)"


def test_a_not_applicable_reason_for_another_scope_does_not_hide_a_gap(kit: CaseKit, check: Check) -> None:
    case = kit.without(kit.complete("wro"), lambda d: d.type == "equipment_list" and "spinner" in d.entities)
    report = check(kit.not_applicable(case, "SCT-15", "entity:garment"))
    assert [f.scope for f in kit.of(report, requirement="SCT-15")] == ["entity:spinner"]


def test_documents_win_over_a_not_applicable_reason(kit: CaseKit, check: Check) -> None:
    report = check(kit.not_applicable(kit.complete("wro"), "SCT-15", "entity:spinner"))
    assert kit.state(report, "SCT-15", "entity:spinner") == "satisfied"


def test_case_identifiers_come_from_the_shipment(kit: CaseKit, check: Check) -> None:
    report = check(kit.complete("wro"))
    [status] = [s for s in report.statuses if s.requirement == "PKG-01"]
    assert (status.state, status.note) == ("provided", "The app writes this from the case data.")


def test_empty_case_identifiers_are_a_warning_naming_the_fields(kit: CaseKit, check: Check) -> None:
    report = check(kit.complete("wro", detention_number="", port_name="", entry_lines=()))
    [finding] = kit.of(report, requirement="PKG-01")
    assert finding.severity == "warning"
    assert finding.message.startswith(
        "Recommended: Case identifiers, to be filled in on the Shipment page: detention number, port name, entry lines. "
    )
    assert kit.state(report, "PKG-01") == "missing"


def test_empty_case_identifiers_can_be_set_aside(kit: CaseKit, check: Check) -> None:
    case = kit.not_applicable(kit.complete("wro", detention_number=""), "PKG-01", "case", "No number on the notice.")
    report = check(case)
    assert kit.state(report, "PKG-01") == "not_applicable"
    assert kit.of(report, requirement="PKG-01") == []


@pytest.mark.parametrize(
    ("row", "regime", "state"),
    [
        ("PKG-02", "wro", "provided"),
        ("SCT-01", "wro", "provided"),  # the structure checks say when the entity list falls short
        ("SCT-02", "finding", "provided"),
        ("SCT-16", "uflpa-exception", "provided"),  # the quantity check says when it does not reconcile
        ("PKG-03", "wro", "provided"),
        ("PKG-04", "uflpa-applicability", "provided"),
        ("ORG-01", "uflpa-applicability", "provided"),
        ("PKG-06", "wro", "advice"),
        ("PKG-07", "uflpa-exception", "advice"),
    ],
)
def test_what_the_app_or_the_bundle_writes_is_never_missing(kit: CaseKit, check: Check, row: str, regime: str, state: str) -> None:
    empty = kit.without(kit.complete(regime), lambda d: True)
    report = check(kit.replacing(empty, entities=(), links=()))
    assert kit.state(report, row) == state
    assert kit.of(report, kind="requirement", requirement=row) == []


def test_the_bundle_item_says_who_writes_it(kit: CaseKit, check: Check) -> None:
    report = check(kit.complete("uflpa-applicability"))
    [status] = [s for s in report.statuses if s.requirement == "ORG-01"]
    assert status.note == "The submission bundle writes this."
    [advice] = [s for s in report.statuses if s.requirement == "PKG-07"]
    assert advice.note.startswith("If CBP already admitted goods with this exact supply chain")


# ---------------------------------------------------------------- the report as a whole


def test_findings_are_sorted_by_severity_then_case_entities_links_documents(kit: CaseKit, check: Check) -> None:
    case = kit.without(
        kit.complete("wro"),
        lambda d: d.type in ("proof_of_payment", "equipment_list", "lab_test_report", "bill_of_materials"),
    )
    report = check(kit.adding(case, kit.doc("vi/po.pdf", "purchase_order", language="vi")))
    order = [(f.severity, f.scope, f.requirement) for f in report.findings if f.kind != "deadline"]
    assert order == [
        ("missing", "case", "SCT-13"),
        ("missing", "link:farm-spinner", "SCT-06"),
        ("missing", "link:spinner-garment", "SCT-06"),
        ("missing", "link:garment-acme", "SCT-06"),
        ("missing", "document:vi/po.pdf", "PKG-05"),
        ("warning", "entity:spinner", "SCT-15"),
        ("warning", "entity:garment", "SCT-15"),
        ("info", "case", "SCT-19"),
    ]


def test_every_finding_scope_has_a_heading(kit: CaseKit, check: Check) -> None:
    report = check(kit.without(kit.complete("wro"), lambda d: d.type in ("proof_of_payment", "equipment_list")))
    assert set(report.scope_labels) == {f.scope for f in report.findings}
    assert report.titles["SCT-06"] == "Proof of payment"
    assert report.scope_labels["link:farm-spinner"] == "Link farm-spinner: raw cotton lint, Lone Star Cotton Farm -> Delta Spinning Co., Ltd."
    assert report.scope_labels["entity:garment"] == "Entity garment: Saigon Garment JSC (manufacturer, VN)"
    assert report.scope_labels["case"] == "The case as a whole"


def test_the_report_carries_the_case_and_catalog_identity(kit: CaseKit, catalog: Catalog) -> None:
    case = kit.complete("finding", title="Acme - shirts")
    report = evaluate(case, catalog, dt.date(2026, 10, 21), NOT_SCREENED)
    assert (report.title, report.entry_number, report.regime) == ("Acme - shirts", "ABC-1234567-8", "finding")
    assert (report.catalog_version, report.catalog_as_of, report.today) == (catalog.version, catalog.as_of, dt.date(2026, 10, 21))
    assert report.deadlines[0].days_left == -8


def test_evaluate_leaves_the_case_as_it_was(kit: CaseKit, check: Check) -> None:
    case = kit.complete("wro")
    before = dataclasses.astuple(case)
    check(case)
    assert dataclasses.astuple(case) == before
