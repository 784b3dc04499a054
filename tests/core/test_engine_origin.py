"""Below the country: an entity in the XUAR, one whose address names a place there, and what
that does to each UFLPA route; a confirmed UFLPA Entity List entity closes the applicability route
and, in an exception request, says what the request must show without blocking it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

import pytest

from importer_app.core.catalog import Catalog
from importer_app.core.engine import evaluate
from importer_app.core.model import Case, Entity, ScreeningDecision
from importer_app.core.report import Report
from importer_app.core.screening_state import NOT_SCREENED, ScreeningCandidate, ScreeningState

if TYPE_CHECKING:
    from case_kit import CaseKit

TODAY = dt.date(2026, 10, 20)
SHANSHAN = "No. 8 Silicon Industrial Park, Shanshan County, Turpan, Xinjiang"
ROUTES = ("An applicability review is only for goods not produced wholly or in part in the XUAR or by an "
          "entity on the UFLPA Entity List, so this route cannot succeed. The routes left: request an exception")


def _with_smelter(kit: CaseKit, regime: str, **smelter: str) -> Case:
    """The complete case plus a Chinese silicon smelter supplying the spinner."""
    case = kit.complete(regime)
    entity = Entity("smelter", "Turpan Silicon Co., Ltd.", "raw_material_producer", "CN", **smelter)
    link = kit.link("smelter-spinner", "smelter", "spinner", 10, "kg")
    return kit.replacing(case, entities=(*case.entities, entity), links=(*case.links, link))


def _origin(report: Report, kit: CaseKit) -> list[tuple[str, str, str]]:
    return [(f.requirement, f.severity, f.scope) for f in report.findings if f.requirement in ("ORG-01", "ORG-03")]


def test_an_address_in_shanshan_county_is_detected_and_blocks_until_settled(kit: CaseKit, catalog: Catalog) -> None:
    report = evaluate(_with_smelter(kit, "uflpa-applicability", address=SHANSHAN), catalog, TODAY, NOT_SCREENED)
    [finding] = kit.of(report, requirement="ORG-03")
    assert (finding.severity, finding.scope) == ("missing", "entity:smelter")
    assert finding.message == (
        "Missing: Location of each supply-chain entity outside the XUAR, for Turpan Silicon Co., Ltd. (raw "
        "material producer, CN): its address names Shanshan County (鄯善县, Turpan); Turpan City (吐鲁番市); Xinjiang Uyghur "
        "Autonomous Region, in the Xinjiang Uyghur Autonomous Region. Set its region to CN-XJ if it is there. If it "
        "is not (a street or a firm named after the place), mark this item not applicable for it with the reason "
        "CBP will read, and set its real region.")
    assert kit.state(report, "ORG-03", "entity:smelter") == "missing"
    assert kit.state(report, "ORG-01") == "missing"  # the bundle may not say "outside the XUAR"
    assert not report.complete


def test_an_address_in_chinese_script_is_detected(kit: CaseKit, catalog: Catalog) -> None:
    case = _with_smelter(kit, "uflpa-applicability", address="新疆吐鲁番市鄯善县工业园区8号")
    [finding] = kit.of(evaluate(case, catalog, TODAY, NOT_SCREENED), requirement="ORG-03")
    assert "Xinjiang Uyghur Autonomous Region; Turpan City (吐鲁番市); Shanshan County (鄯善县, Turpan)" in finding.message


@pytest.mark.parametrize(("country", "address"), [
    ("CN", "18 Yiwu Avenue, Yiwu, Zhejiang"),  # Yiwu County is in Xinjiang; the city of Yiwu is not
    ("CN", "1 Tianshan Road, Changning, Shanghai"),
    ("KZ", "Khorgos Gateway, Almaty Region"),  # Khorgos has a Kazakh side: only Chinese entities count
    ("CN", ""),
])
def test_places_elsewhere_are_not_detected(kit: CaseKit, catalog: Catalog, country: str, address: str) -> None:
    case = _with_smelter(kit, "uflpa-applicability", address=address)
    smelter = dataclasses.replace(case.entity("smelter"), country=country)
    report = evaluate(kit.replacing(case, entities=(*case.entities[:-1], smelter)), catalog, TODAY, NOT_SCREENED)
    assert _origin(report, kit) == []
    assert kit.state(report, "ORG-03") == "provided"
    assert kit.state(report, "ORG-01") == "provided"


def test_a_street_named_after_xinjiang_is_settled_with_a_reason(kit: CaseKit, catalog: Catalog) -> None:
    case = _with_smelter(kit, "uflpa-applicability", address="88 Xinjiang Road, Shibei, Qingdao", subdivision="CN-SD")
    reason = "Xinjiang Road is a street of Qingdao, Shandong; business licence attached."
    report = evaluate(kit.not_applicable(case, "ORG-03", "entity:smelter", reason), catalog, TODAY, NOT_SCREENED)
    assert _origin(report, kit) == []
    assert kit.state(report, "ORG-03", "entity:smelter") == "not_applicable"
    assert kit.state(report, "ORG-01") == "provided"


@pytest.mark.parametrize("address", [SHANSHAN, ""])
def test_under_applicability_an_entity_in_the_xuar_closes_the_route_and_names_the_routes_left(
        kit: CaseKit, catalog: Catalog, address: str) -> None:
    case = _with_smelter(kit, "uflpa-applicability", address=address, subdivision="CN-XJ")
    report = evaluate(case, catalog, TODAY, NOT_SCREENED)
    assert _origin(report, kit) == [("ORG-01", "missing", "entity:smelter")]
    [finding] = kit.of(report, requirement="ORG-01")
    assert finding.message.startswith(
        "Turpan Silicon Co., Ltd. (raw material producer, CN) is in the Xinjiang Uyghur Autonomous Region (region "
        "CN-XJ). " + ROUTES)
    assert "or export the goods before CBP's decision" in finding.message
    assert "Uyghur Forced Labor Prevention Act, Public Law 117-78" in finding.citation
    assert "CBP, Frequently Asked Questions: UFLPA Enforcement [S60]" in finding.citation
    assert kit.state(report, "ORG-03", "entity:smelter") == "provided"
    assert not report.complete


@pytest.mark.parametrize("regime", ["uflpa-exception", "wro"])
def test_other_routes_record_an_entity_in_the_xuar_without_closing_anything(
        kit: CaseKit, catalog: Catalog, regime: str) -> None:
    case = _with_smelter(kit, regime, address=SHANSHAN, subdivision="CN-XJ")
    report = evaluate(case, catalog, TODAY, NOT_SCREENED)
    assert _origin(report, kit) == []
    assert kit.state(report, "ORG-03", "entity:smelter") == "provided"


def test_an_unsettled_detection_is_a_warning_under_a_wro(kit: CaseKit, catalog: Catalog) -> None:
    report = evaluate(_with_smelter(kit, "wro", address=SHANSHAN), catalog, TODAY, NOT_SCREENED)
    assert _origin(report, kit) == [("ORG-03", "warning", "entity:smelter")]


# ---------------------------------------------------------------- confirmed list entities

ENTITY_LIST_HIT = ScreeningCandidate("uflpa|hoshine silicon|spinner", "spinner", "Its name matches.",
                                     "UFLPA Entity List", "uflpa")
WRO_HIT = ScreeningCandidate("wro|hoshine silicon|spinner", "spinner", "Its name matches.",
                             "Withhold Release Orders and Findings list", "wro")
DECIDED = dt.datetime(2026, 10, 19, 8, 30, tzinfo=dt.UTC)


def _confirmed(kit: CaseKit, catalog: Catalog, regime: str, hit: ScreeningCandidate) -> Report:
    case = dataclasses.replace(kit.complete(regime), screening_decisions=(
        ScreeningDecision(hit.key, "spinner", "confirmed", "Same registration number.", DECIDED),))
    return evaluate(case, catalog, TODAY, ScreeningState("current", used="both lists", candidates=(hit,)))


def test_a_confirmed_entity_list_entity_closes_the_applicability_route(kit: CaseKit, catalog: Catalog) -> None:
    report = _confirmed(kit, catalog, "uflpa-applicability", ENTITY_LIST_HIT)
    [finding] = kit.of(report, kind="screening")
    assert (finding.severity, finding.scope, finding.requirement) == ("missing", "entity:spinner", "ORG-02")
    assert finding.message.startswith("You confirmed that Delta Spinning Co., Ltd. (processor, VN) is listed on the "
                                      "UFLPA Entity List (2026-10-19): Its name matches. " + ROUTES)
    assert finding.message.endswith("Same registration number.")
    assert "[S60]" in finding.citation
    assert kit.state(report, "ORG-01") == "missing"
    assert not report.complete


def test_a_confirmed_entity_list_entity_does_not_block_an_exception_request(kit: CaseKit, catalog: Catalog) -> None:
    """The exception of UFLPA section 3(b) is the route for a listed entity's goods: the finding
    names the entity and what the request must show, without blocking it."""
    report = _confirmed(kit, catalog, "uflpa-exception", ENTITY_LIST_HIT)
    [finding] = kit.of(report, kind="screening")
    assert (finding.severity, finding.scope, finding.requirement) == ("warning", "entity:spinner", "ORG-02")
    assert finding.message.startswith("You confirmed that Delta Spinning Co., Ltd. (processor, VN) is listed on the "
                                      "UFLPA Entity List (2026-10-19): Its name matches. ")
    assert ("Required: the request must show by clear and convincing evidence that the goods were not mined, produced,"
            " or manufactured wholly or in part by forced labor, the goods this entity made included" in finding.message)
    assert "Public Law 117-78" in finding.citation
    assert kit.blocking(report) == []
    assert report.complete


@pytest.mark.parametrize(("regime", "hit"), [("wro", ENTITY_LIST_HIT), ("uflpa-applicability", WRO_HIT)])
def test_other_confirmed_hits_stay_warnings(kit: CaseKit, catalog: Catalog, regime: str,
                                           hit: ScreeningCandidate) -> None:
    report = _confirmed(kit, catalog, regime, hit)
    [finding] = kit.of(report, kind="screening")
    assert finding.severity == "warning"
    assert "The submission must address this connection" in finding.message
    assert report.complete
