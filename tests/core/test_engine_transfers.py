"""Realistic chains whose transfers are not all ordinary sales of ingredients: raw sugar that
has no components, a company's own fields delivering to its own mill, packaging film at a
flooring plant, a consignment sale and a sale on net terms.

Each case is documented in full by ``documented`` and then loses what the story says it
lacks; each test asserts every finding that follows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable

import pytest
from case_kit import CASE_TYPES, SALE_TYPES, CaseKit

from importer_app.core.catalog import Catalog
from importer_app.core.engine import evaluate
from importer_app.core.mass_balance import mass_balance
from importer_app.core.model import Case, DetentionOrder, Document, Entity, Link, RecipeRow, ScreeningDecision
from importer_app.core.report import Report
from importer_app.core.screening_state import NOT_SCREENED, ScreeningCandidate

Check = Callable[[Case], Report]
D = dt.date

_INTERNAL = ("internal_transfer_record", "packing_list")
_LABOR = ("employee_list", "timecard", "payroll_record", "recruitment_record")


def documented(kit: CaseKit, regime: str, entities: tuple[Entity, ...], links: tuple[Link, ...],
               *, leave_out: Iterable[str] = (), **shipment: object) -> Case:
    """A case with a document for every item of the chain, less the case documents of the
    types in ``leave_out``."""
    owner = {e.id: " ".join(e.owner.casefold().split()) for e in entities}
    by_id = {e.id: e for e in entities}
    docs: list[Document] = []
    for link in links:
        internal = owner[link.source] and owner[link.source] == owner[link.target]
        for doc_type in _INTERNAL if internal else SALE_TYPES:
            docs.append(kit.doc(f"links/{link.id}/{doc_type}.pdf", doc_type, links=(link.id,)))
        if by_id[link.source].country != by_id[link.target].country:
            docs.append(kit.doc(f"links/{link.id}/export.pdf", "export_declaration", links=(link.id,)))
    for entity in entities:
        types: list[str] = []
        if entity.role in ("raw_material_producer", "processor", "manufacturer"):
            types += _LABOR
        if entity.role in ("processor", "manufacturer"):
            types += ["production_record", "equipment_list", "raw_material_receipt"]
        types.append("certificate_of_origin_1243")
        docs += [kit.doc(f"entities/{entity.id}/{t}.pdf", t, entities=(entity.id,), date=D(2026, 4, 1)) for t in types]
    docs += [kit.doc(f"case/{t}.pdf", t) for t in CASE_TYPES if t not in leave_out]
    docs.append(kit.doc("case/ilo-indicator-audit.pdf", "audit_report"))
    return Case(shipment=kit.shipment(regime=regime, **shipment), entities=entities, links=links,
                documents=tuple(docs), inquiries=(kit.inquiry(),))


def problems(kit: CaseKit, report: Report) -> list[tuple[str, str, str]]:
    return [(f.requirement, f.scope, f.severity) for f in kit.problems(report)]


def owned(entity: Entity, owner: str) -> Entity:
    return dataclasses.replace(entity, owner=owner)


# ---------------------------------------------------------------- raw sugar: no bill of materials


def sugar_chain(kit: CaseKit, sugar_class: str) -> tuple[tuple[Entity, ...], tuple[Link, ...]]:
    entities = (
        kit.entity("cane", "raw_material_producer", "DO", "Batey Norte Cane Growers"),
        kit.entity("mill", "processor", "DO", "Central Azucarero del Este"),
        kit.entity("refiner", "importer", "US", "Gulf Coast Sugar Refining LLC"),
    )
    links = (
        kit.link("cane-mill", "cane", "mill", 100000, "t", material="sugar cane", yield_=0.11,
                 shipped=D(2026, 2, 10), material_class="raw"),
        kit.link("mill-refiner", "mill", "refiner", 10500, "t", material="raw cane sugar",
                 shipped=D(2026, 8, 20), material_class=sugar_class),
    )  # fmt: skip
    return entities, links


def test_raw_sugar_under_a_modified_wro_needs_no_bill_of_materials(kit: CaseKit, check: Check) -> None:
    entities, links = sugar_chain(kit, "raw")
    case = documented(kit, "wro", entities, links, leave_out=["bill_of_materials"], merchandise="Raw cane sugar",
                      quantity=10500, unit="t", country_of_origin="DO")
    report = check(case)
    assert problems(kit, report) == []
    assert [s for s in report.statuses if s.requirement == "SCT-13"] == []
    assert report.complete


def test_sugar_not_stated_to_be_a_raw_commodity_still_needs_its_bill_of_materials(kit: CaseKit, check: Check) -> None:
    entities, links = sugar_chain(kit, "")
    case = documented(kit, "wro", entities, links, leave_out=["bill_of_materials"], merchandise="Raw cane sugar",
                      quantity=10500, unit="t", country_of_origin="DO")
    assert problems(kit, check(case)) == [("SCT-13", "case", "missing")]


def test_one_ingredient_among_others_does_not_make_the_goods_raw(kit: CaseKit, check: Check) -> None:
    entities, links = sugar_chain(kit, "raw")
    entities = (*entities, kit.entity("bags", "manufacturer", "DO", "Sacos Dominicanos"))
    bags = kit.link("bags-refiner", "bags", "refiner", 10500, "t", material="jute sacks", shipped=D(2026, 8, 1))
    case = documented(kit, "wro", entities, (*links, bags), leave_out=["bill_of_materials"],
                      merchandise="Raw cane sugar", quantity=10500, unit="t", country_of_origin="DO")
    report = check(case)
    assert ("SCT-13", "case", "missing") in problems(kit, report)


# ---------------------------------------------------------------- one owner: internal transfers


def estate_chain(kit: CaseKit) -> tuple[tuple[Entity, ...], tuple[Link, ...]]:
    entities = (
        owned(kit.entity("fields", "raw_material_producer", "BR", "Usina Boa Vista cane fields"), "Grupo Boa Vista"),
        owned(kit.entity("mill", "processor", "BR", "Usina Boa Vista mill"), "grupo  boa vista"),
        kit.entity("buyer", "importer", "US", "Atlantic Sweeteners Inc."),
    )
    links = (
        kit.link("fields-mill", "fields", "mill", 80000, "t", material="sugar cane", yield_=0.12,
                 shipped=D(2026, 3, 1), material_class="raw"),
        kit.link("mill-buyer", "mill", "buyer", 9000, "t", material="raw cane sugar",
                 shipped=D(2026, 8, 1), material_class="raw"),
    )  # fmt: skip
    return entities, links


def test_a_company_s_own_fields_delivering_to_its_own_mill_need_transfer_records_not_sale_papers(
    kit: CaseKit, check: Check
) -> None:
    entities, links = estate_chain(kit)
    case = documented(kit, "wro", entities, links, merchandise="Raw cane sugar", quantity=9000, unit="t",
                      country_of_origin="BR")
    report = check(case)
    assert problems(kit, report) == []
    asked = {(s.requirement, s.scope) for s in report.statuses if s.scope.startswith("link:")}
    assert {("SCT-04", "link:fields-mill"), ("SCT-05", "link:fields-mill"), ("SCT-06", "link:fields-mill")}.isdisjoint(asked)
    assert ("SCT-21", "link:fields-mill") in asked
    assert {("SCT-04", "link:mill-buyer"), ("SCT-06", "link:mill-buyer")} <= asked
    assert ("SCT-21", "link:mill-buyer") not in asked


def test_an_internal_transfer_without_its_transfer_record_is_a_gap(kit: CaseKit, check: Check) -> None:
    entities, links = estate_chain(kit)
    case = documented(kit, "wro", entities, links, merchandise="Raw cane sugar", quantity=9000, unit="t",
                      country_of_origin="BR")
    case = kit.without(case, lambda d: d.type == "internal_transfer_record")
    report = check(case)
    assert problems(kit, report) == [("SCT-21", "link:fields-mill", "missing")]
    [finding] = kit.of(report, requirement="SCT-21")
    assert finding.message.startswith(
        "Missing: Internal transfer records, for the transfer of sugar cane from Usina Boa Vista cane fields to "
        "Usina Boa Vista mill (link fields-mill). Ask the owner for the stock transfer order")


def test_entities_of_different_owners_still_trade_by_sale(kit: CaseKit, check: Check) -> None:
    entities, links = estate_chain(kit)
    entities = (owned(entities[0], "Fazenda Independente"), *entities[1:])
    case = documented(kit, "wro", entities, links, merchandise="Raw cane sugar", quantity=9000, unit="t",
                      country_of_origin="BR")
    report = check(case)
    assert problems(kit, report) == []
    assert kit.state(report, "SCT-06", "link:fields-mill") == "satisfied"


# ---------------------------------------------------------------- packaging film is not resin


def flooring_chain(kit: CaseKit, film_class: str) -> Case:
    entities = (
        kit.entity("resin", "raw_material_producer", "KR", "Hanil PVC Resin Co."),
        kit.entity("film", "manufacturer", "VN", "Saigon Packaging Film JSC"),
        kit.entity("plant", "manufacturer", "VN", "Mekong Vinyl Flooring Co."),
        kit.entity("acme", "importer", "US", "Acme Floors Inc."),
    )
    links = (
        kit.link("resin-plant", "resin", "plant", 500, "t", material="PVC resin", yield_=40.0, shipped=D(2026, 5, 2)),
        kit.link("film-plant", "film", "plant", 30, "t", material="packaging film", yield_=40.0, shipped=D(2026, 5, 3),
                 material_class=film_class),
        kit.link("plant-acme", "plant", "acme", 20500, "m2", material="vinyl plank flooring", shipped=D(2026, 9, 1)),
    )  # fmt: skip
    entities_with_inputs = (*entities, kit.entity("film-raw", "raw_material_producer", "VN", "Dong Nai Polymers"))
    feed = kit.link("filmraw-film", "film-raw", "film", 31, "t", material="polyethylene", shipped=D(2026, 4, 1))
    return documented(kit, "wro", entities_with_inputs, (*links, feed), merchandise="Vinyl plank flooring",
                      quantity=20500, unit="m2", country_of_origin="VN")


def test_packaging_film_does_not_count_toward_the_flooring_yield(kit: CaseKit, check: Check) -> None:
    report = check(flooring_chain(kit, "auxiliary"))
    assert problems(kit, report) == [("SCT-16", "entity:plant", "missing")]
    [finding] = kit.of(report, kind="quantity")
    assert finding.message.startswith(
        "Quantities do not reconcile at Mekong Vinyl Flooring Co. (manufacturer, VN): its links ship 20,500 m2, but "
        "its inputs allow at most 20,000 m2 (500 t x yield 40 on link resin-plant).")


def test_counted_as_an_ingredient_the_film_would_hide_the_shortfall(kit: CaseKit, check: Check) -> None:
    assert problems(kit, check(flooring_chain(kit, ""))) == []


def test_the_balance_lists_the_film_apart_and_does_not_count_it(kit: CaseKit) -> None:
    from importer_app.core.mass_balance import mass_balance

    [plant] = [b for b in mass_balance(flooring_chain(kit, "auxiliary")) if b.entity.id == "plant"]
    assert [i.link.id for i in plant.inputs] == ["resin-plant"]
    assert [link.id for link in plant.auxiliary] == ["film-plant"]
    assert (plant.expected, plant.shipped, plant.reconciles) == (20000.0, 20500.0, False)


def test_an_entity_receiving_only_packaging_has_nothing_to_reconcile(kit: CaseKit, check: Check) -> None:
    from importer_app.core.mass_balance import mass_balance

    case = flooring_chain(kit, "auxiliary")
    case = kit.replacing(case, links=tuple(
        dataclasses.replace(link, material_class="auxiliary") if link.id == "filmraw-film" else link
        for link in case.links))
    assert "film" not in {b.entity.id for b in mass_balance(case)}
    assert problems(kit, check(case)) == [("SCT-16", "entity:plant", "missing")]


# ---------------------------------------------------------------- payment terms


def terms_case(kit: CaseKit, terms: str, shipped: dt.date = D(2026, 9, 1)) -> Case:
    case = kit.without(kit.complete("wro"), lambda d: d.type == "proof_of_payment" and "garment-acme" in d.links)
    links = tuple(dataclasses.replace(link, payment_terms=terms, shipped=shipped) if link.id == "garment-acme" else link
                  for link in case.links)
    return kit.replacing(case, links=links)


def test_a_consignment_sale_whose_payment_is_not_due_is_not_blocked(kit: CaseKit, check: Check) -> None:
    report = check(terms_case(kit, "consignment"))
    assert problems(kit, report) == [("SCT-06", "link:garment-acme", "info")]
    assert report.complete
    [status] = [s for s in report.statuses if s.requirement == "SCT-06" and s.scope == "link:garment-acme"]
    assert (status.state, status.note) == ("not_applicable", (
        "The goods were delivered on consignment: Acme Apparel Inc. pays for them when it sells them, so no payment"
        " was due for this transfer."))
    [finding] = kit.of(report, requirement="SCT-06")
    assert finding.message == (
        "Not due yet: Proof of payment, for the transfer of knit shirts from Saigon Garment JSC to Acme Apparel Inc. "
        "(link garment-acme). The payment falls due when Acme Apparel Inc. sells the goods; add the payment record then.")


def test_net_terms_not_yet_run_out_are_not_a_gap_and_say_when_payment_falls_due(kit: CaseKit, check: Check) -> None:
    report = check(terms_case(kit, "net 60"))  # shipped 2026-09-01, checked 2026-10-20
    assert problems(kit, report) == [("SCT-06", "link:garment-acme", "info")]
    [finding] = kit.of(report, requirement="SCT-06")
    assert "The payment falls due on 2026-10-31 (net 60 days from shipment on 2026-09-01);" in finding.message
    report = check(terms_case(kit, "net 49"))  # due on the check day itself: not late yet
    assert problems(kit, report) == [("SCT-06", "link:garment-acme", "info")]


def test_net_terms_run_out_make_the_missing_payment_a_gap(kit: CaseKit, check: Check) -> None:
    assert problems(kit, check(terms_case(kit, "net 30"))) == [("SCT-06", "link:garment-acme", "missing")]


def test_net_terms_without_a_shipment_date_cannot_be_counted(kit: CaseKit, check: Check) -> None:
    case = terms_case(kit, "net 60")
    case = kit.replacing(case, links=tuple(dataclasses.replace(link, shipped=None) if link.id == "garment-acme"
                                           else link for link in case.links))
    assert ("SCT-06", "link:garment-acme", "missing") in problems(kit, check(case))


def test_prepaid_and_cash_on_delivery_payments_were_due_already(kit: CaseKit, check: Check) -> None:
    for terms in ("prepaid", "on delivery", ""):
        assert problems(kit, check(terms_case(kit, terms))) == [("SCT-06", "link:garment-acme", "missing")], terms


def test_a_payment_set_aside_by_the_user_keeps_the_user_s_reason(kit: CaseKit, check: Check) -> None:
    case = kit.not_applicable(terms_case(kit, "consignment"), "SCT-06", "link:garment-acme", "Paid in kind.")
    report = check(case)
    assert problems(kit, report) == []
    [status] = [s for s in report.statuses if s.requirement == "SCT-06" and s.scope == "link:garment-acme"]
    assert status.note == "Paid in kind."


# ---------------------------------------------------------------- a packing house mixing growers


def packing_house(kit: CaseKit, second_region: str) -> Case:
    entities = (
        kit.entity("grower-a", "raw_material_producer", "CN", "Hebei Tomato Farm"),
        dataclasses.replace(kit.entity("grower-b", "raw_material_producer", "CN", "Changji Tomato Farm"),
                            subdivision=second_region),
        kit.entity("packer", "processor", "CN", "Tianjin Tomato Packing Co."),
        kit.entity("acme", "importer", "US", "Acme Foods Inc."),
    )
    links = (
        kit.link("a-packer", "grower-a", "packer", 600, "t", material="fresh tomatoes", yield_=0.2, shipped=D(2026, 7, 1)),
        kit.link("b-packer", "grower-b", "packer", 400, "t", material="fresh tomatoes", yield_=0.2, shipped=D(2026, 7, 2)),
        kit.link("packer-acme", "packer", "acme", 190, "t", material="tomato paste", shipped=D(2026, 8, 1)),
    )  # fmt: skip
    return documented(kit, "wro", entities, links, merchandise="Tomato paste", quantity=190, unit="t",
                      country_of_origin="CN")


def test_a_packing_house_mixing_growers_reconciles_on_all_of_them(kit: CaseKit, check: Check) -> None:
    assert problems(kit, check(packing_house(kit, "CN-HE"))) == []


def test_tomatoes_from_a_grower_in_the_xuar_do_not_count_toward_the_paste(kit: CaseKit, check: Check,
                                                                          catalog: Catalog) -> None:
    from importer_app.core.mass_balance import mass_balance

    case = packing_house(kit, "CN-XJ")
    report = check(case)
    assert problems(kit, report) == [("SCT-16", "entity:packer", "missing")]
    [finding] = kit.of(report, kind="quantity")
    assert finding.message.startswith(
        "Quantities do not reconcile at Tianjin Tomato Packing Co. (processor, CN): its links ship 190 t, but its inputs"
        " allow at most 120 t (600 t x yield 0.2 on link a-packer). Not counted, because material from the Xinjiang"
        " Uyghur Autonomous Region cannot go into goods admitted under the order: 400 t from Changji Tomato Farm on"
        " link b-packer.")
    [packer] = [b for b in mass_balance(case, catalog.regions) if b.entity.id == "packer"]
    assert ([link.id for link in packer.inadmissible], packer.expected, packer.reconciles) == (["b-packer"], 120.0, False)
    [unlocated] = [b for b in mass_balance(case) if b.entity.id == "packer"]
    assert (unlocated.inadmissible, unlocated.expected) == ((), 200.0)


# ---------------------------------------------------------------- a grower the order names


NAMED_GROWER = "Shouguang Golden Field Tomato Cooperative"


def three_growers(kit: CaseKit, *, status: str = "active") -> Case:
    """A packing house buys fresh tomatoes from three growers and ships 280 t of paste (yield
    0.2: 1,500 t of tomatoes allow 300 t). A WRO names the third grower: without its 500 t, the
    other 1,000 t allow 200 t, and 280 t exceeds that by 80 t, 76 t over the 2% tolerance."""
    entities = (
        kit.entity("grower-a", "raw_material_producer", "CN", "Hebei Tomato Farm"),
        kit.entity("grower-b", "raw_material_producer", "CN", "Tianjin Sunrise Tomato Growers"),
        kit.entity("grower-c", "raw_material_producer", "CN", NAMED_GROWER),
        kit.entity("packer", "processor", "CN", "Tianjin Tomato Packing Co."),
        kit.entity("acme", "importer", "US", "Acme Foods Inc."),
    )
    links = (
        kit.link("a-packer", "grower-a", "packer", 600, "t", material="fresh tomatoes", yield_=0.2, shipped=D(2026, 7, 1)),
        kit.link("b-packer", "grower-b", "packer", 400, "t", material="fresh tomatoes", yield_=0.2, shipped=D(2026, 7, 2)),
        kit.link("c-packer", "grower-c", "packer", 500, "t", material="fresh tomatoes", yield_=0.2, shipped=D(2026, 7, 3)),
        kit.link("packer-acme", "packer", "acme", 280, "t", material="tomato paste", shipped=D(2026, 8, 1)),
    )  # fmt: skip
    case = documented(kit, "wro", entities, links, merchandise="Tomato paste", quantity=280, unit="t",
                      country_of_origin="CN", order_reference="WRO-2026-0309")
    order = DetentionOrder(kind="wro", issued=D(2026, 3, 9), status=status, status_changed=None if status == "active"
                           else D(2026, 10, 1), scope="Tomatoes and tomato products", producers=(NAMED_GROWER,))
    return kit.replacing(case, order=order)


GROWER_MATCH = ScreeningCandidate("wro|shouguang golden field tomato cooperative|grower-c", "grower-c",
                                  f"Its name \"{NAMED_GROWER}\" is the name the order gives.", "WRO-2026-0309", "wro")


def _checked(case: Case, catalog: Catalog, *matches: ScreeningCandidate) -> Report:
    return evaluate(case, catalog, D(2026, 10, 20), dataclasses.replace(NOT_SCREENED, order_matches=matches))


def test_tomatoes_from_a_grower_the_order_names_do_not_count_toward_the_paste(kit: CaseKit, catalog: Catalog) -> None:
    report = _checked(three_growers(kit), catalog, GROWER_MATCH)
    assert [(f.requirement, f.scope) for f in kit.of(report, kind="quantity")] == [("SCT-16", "entity:packer")]
    [finding] = kit.of(report, kind="quantity")
    assert finding.severity == "missing"
    assert finding.message.startswith(
        "Quantities do not reconcile at Tianjin Tomato Packing Co. (processor, CN): its links ship 280 t, but its inputs"
        " allow at most 200 t (600 t x yield 0.2 on link a-packer; 400 t x yield 0.2 on link b-packer). Not counted,"
        " because it comes from a producer the order names, whose material cannot go into goods admitted under the"
        " order: 500 t from Shouguang Golden Field Tomato Cooperative on link c-packer.")
    assert "Xinjiang" not in finding.message
    [packer] = [b for b in mass_balance(three_growers(kit), catalog.regions, (GROWER_MATCH,)) if b.entity.id == "packer"]
    assert [link.id for link in packer.named_by_order] == ["c-packer"] and packer.inadmissible == ()
    assert (packer.expected, packer.shipped, packer.reconciles) == (pytest.approx(200.0), 280.0, False)
    assert packer.difference - packer.tolerance == pytest.approx(76.0)  # type: ignore[operator]


def test_all_three_growers_count_without_the_order_s_match(kit: CaseKit, catalog: Catalog) -> None:
    assert kit.of(_checked(three_growers(kit), catalog), kind="quantity") == []
    [packer] = [b for b in mass_balance(three_growers(kit)) if b.entity.id == "packer"]
    assert (packer.named_by_order, packer.expected) == ((), pytest.approx(300.0))


def test_a_dismissed_match_or_an_order_that_released_the_goods_counts_the_grower(kit: CaseKit, catalog: Catalog) -> None:
    decided = ScreeningDecision(GROWER_MATCH.key, "grower-c", "dismissed", "Another cooperative of the same name in"
                                " Jilin; ours is registered in Hebei.", dt.datetime(2026, 10, 15, tzinfo=dt.UTC))
    dismissed = kit.replacing(three_growers(kit), screening_decisions=(decided,))
    assert kit.of(_checked(dismissed, catalog, GROWER_MATCH), kind="quantity") == []
    revoked = three_growers(kit, status="revoked")
    assert kit.of(_checked(revoked, catalog, GROWER_MATCH), kind="quantity") == []
    confirmed = kit.replacing(three_growers(kit), screening_decisions=(dataclasses.replace(decided, decision="confirmed"),))
    assert [f.scope for f in kit.of(_checked(confirmed, catalog, GROWER_MATCH), kind="quantity")] == ["entity:packer"]


def test_a_grower_both_in_the_xuar_and_named_is_left_out_once_for_the_xuar(kit: CaseKit, catalog: Catalog) -> None:
    case = three_growers(kit)
    case = kit.replacing(case, entities=tuple(dataclasses.replace(e, subdivision="CN-XJ") if e.id == "grower-c" else e
                                              for e in case.entities))
    [finding] = kit.of(_checked(case, catalog, GROWER_MATCH), kind="quantity")
    assert "Xinjiang Uyghur Autonomous Region cannot go into goods admitted under the order: 500 t" in finding.message
    assert "a producer the order names" not in finding.message
    [packer] = [b for b in mass_balance(case, catalog.regions, (GROWER_MATCH,)) if b.entity.id == "packer"]
    assert ([link.id for link in packer.inadmissible], packer.named_by_order) == (["c-packer"], ())


# ---------------------------------------------------------------- a flooring mill's recipe


RESIN = RecipeRow("PVC resin", 400.0, "t")  # 2.5 kg of resin per m2 of plank
FILLER = RecipeRow("calcium carbonate filler", 200.0, "t")  # 5 kg of filler per m2


def flooring_mill(kit: CaseKit, filler_kg: float, *, recipe: tuple[RecipeRow, ...] = (RESIN, FILLER),
                  extra: tuple[Link, ...] = ()) -> Case:
    """A mill makes SPC flooring from 50 t of PVC resin and ``filler_kg`` of calcium carbonate,
    packs it in 3 t of film (auxiliary) and ships 20,000 m2. Its recipe: 400 m2 per t of resin
    (50 t allow 20,000 m2), 200 m2 per t of filler."""
    mill = dataclasses.replace(kit.entity("mill", "manufacturer", "VN", "Mekong Vinyl Flooring Co."), recipe=recipe)
    entities = (
        kit.entity("resin", "raw_material_producer", "KR", "Hanil PVC Resin Co."),
        kit.entity("quarry", "raw_material_producer", "VN", "Yen Bai Calcium Carbonate JSC"),
        kit.entity("film", "raw_material_producer", "VN", "Saigon Packaging Film JSC"),
        mill,
        kit.entity("acme", "importer", "US", "Acme Floors Inc."),
    )
    links = (
        kit.link("resin-mill", "resin", "mill", 50, "t", material="PVC Resin", yield_=1000.0, shipped=D(2026, 5, 2)),
        kit.link("quarry-mill", "quarry", "mill", filler_kg, "kg", material="Calcium  carbonate filler",
                 shipped=D(2026, 5, 3)),
        kit.link("film-mill", "film", "mill", 3, "t", material="packaging film", shipped=D(2026, 5, 4),
                 material_class="auxiliary"),
        kit.link("mill-acme", "mill", "acme", 20000, "m2", material="SPC vinyl plank flooring", shipped=D(2026, 9, 1)),
        *extra,
    )  # fmt: skip
    return documented(kit, "wro", entities, links, merchandise="SPC vinyl plank flooring", quantity=20000, unit="m2",
                      country_of_origin="VN")


def test_a_mill_whose_every_recipe_material_allows_its_output_reconciles(kit: CaseKit, check: Check) -> None:
    case = flooring_mill(kit, 105_000)  # 105 t of filler allow 21,000 m2; the resin limits at 20,000 m2
    assert problems(kit, check(case)) == []
    [mill] = [b for b in mass_balance(case) if b.entity.id == "mill"]
    assert mill.recipe is not None
    resin, filler = mill.recipe.materials
    assert ([i.link.id for i in resin.inputs], resin.quantity, resin.allows) == (["resin-mill"], 50.0, 20000.0)
    assert ([i.link.id for i in filler.inputs], filler.quantity) == (["quarry-mill"], pytest.approx(105.0))
    assert filler.allows == pytest.approx(21000.0)
    assert mill.recipe.limiting is resin and (mill.expected, mill.shipped, mill.reconciles) == (20000.0, 20000.0, True)
    assert [link.id for link in mill.auxiliary] == ["film-mill"] and mill.recipe.not_in_recipe == ()
    assert (mill.material_reconciles(resin), mill.material_reconciles(filler)) == (True, True)
    # The resin link's own yield (1,000 m2 per t) does not count once the mill has a recipe.
    assert [i.expected for i in mill.inputs] == [20000.0, pytest.approx(21000.0)]


def test_the_filler_limits_the_output_and_the_finding_names_it(kit: CaseKit, check: Check) -> None:
    case = flooring_mill(kit, 90_000)  # 90 t of filler x 200 = 18,000 m2 < 20,000 m2 shipped
    report = check(case)
    assert problems(kit, report) == [("SCT-16", "entity:mill", "missing")]
    [finding] = kit.of(report, kind="quantity")
    assert finding.message.startswith(
        "Quantities do not reconcile at Mekong Vinyl Flooring Co. (manufacturer, VN): its links ship 20,000 m2, but by"
        " its recipe its inputs allow at most 18,000 m2, limited by calcium carbonate filler (PVC resin: 50 t x yield"
        " 400 = 20,000 m2; calcium carbonate filler: 90 t x yield 200 = 18,000 m2). Check the quantities")
    [mill] = [b for b in mass_balance(case) if b.entity.id == "mill"]
    assert mill.recipe is not None and mill.recipe.limiting.row is FILLER
    assert (mill.expected, mill.reconciles) == (pytest.approx(18000.0), False)
    assert mill.difference - mill.tolerance == pytest.approx(1640.0)  # type: ignore[operator]  # 2,000 - 360
    resin, filler = mill.recipe.materials
    assert (mill.material_reconciles(resin), mill.material_reconciles(filler)) == (True, False)


def test_without_a_recipe_the_links_own_yields_still_apply(kit: CaseKit, check: Check) -> None:
    case = flooring_mill(kit, 90_000, recipe=())
    [finding] = kit.of(check(case), kind="quantity")
    assert (finding.severity, finding.message.split(" Use units")[0]) == ("warning", (
        "Mekong Vinyl Flooring Co. (manufacturer, VN) receives 'kg' on link quarry-mill and ships 'm2', which do not"
        " convert, and the link gives no yield."))
    with_yield = kit.replacing(case, links=tuple(dataclasses.replace(link, yield_=0.2) if link.id == "quarry-mill"
                                                 else link for link in case.links))
    assert kit.of(check(with_yield), kind="quantity") == []  # 50 t x 1,000 + 90,000 kg x 0.2 = 68,000 m2
    [mill] = [b for b in mass_balance(with_yield) if b.entity.id == "mill"]
    assert (mill.recipe, mill.expected) == (None, pytest.approx(68000.0))


def test_inputs_of_a_material_the_recipe_does_not_name_are_listed_and_not_counted(kit: CaseKit, check: Check) -> None:
    stabilizer = kit.link("resin-mill-2", "resin", "mill", 2, "t", material="calcium-zinc stabilizer", shipped=D(2026, 5, 5))
    case = flooring_mill(kit, 90_000, extra=(stabilizer,))
    [finding] = kit.of(check(case), kind="quantity")
    assert ("= 18,000 m2). Not counted, because its recipe does not name their material: 2 t of calcium-zinc stabilizer"
            " on link resin-mill-2. Check the quantities") in finding.message
    [mill] = [b for b in mass_balance(case) if b.entity.id == "mill"]
    assert mill.recipe is not None and [link.id for link in mill.recipe.not_in_recipe] == ["resin-mill-2"]
    assert "resin-mill-2" not in {i.link.id for i in mill.inputs}


def test_a_recipe_material_received_in_a_unit_that_does_not_convert_cannot_be_reconciled(
    kit: CaseKit, check: Check
) -> None:
    case = flooring_mill(kit, 90_000)
    case = kit.replacing(case, links=tuple(dataclasses.replace(link, unit="bags") if link.id == "quarry-mill" else link
                                           for link in case.links))
    [finding] = kit.of(check(case), kind="quantity")
    assert (finding.severity, finding.message.split(" Use units")[0]) == ("warning", (
        "Mekong Vinyl Flooring Co. (manufacturer, VN) receives 'bags' of Calcium  carbonate filler on link quarry-mill,"
        " but its recipe counts calcium carbonate filler in 't', which do not convert."))
    [mill] = [b for b in mass_balance(case) if b.entity.id == "mill"]
    assert mill.recipe is not None and mill.recipe.limiting.row is FILLER
    assert (mill.expected, mill.reconciles, mill.material_reconciles(mill.recipe.materials[1])) == (None, None, None)


def test_a_recipe_material_never_received_allows_no_output(kit: CaseKit, check: Check) -> None:
    case = flooring_mill(kit, 90_000, recipe=(RESIN, FILLER, RecipeRow("plasticiser", 2000.0, "kg")))
    [finding] = kit.of(check(case), kind="quantity")
    assert "allow at most 0 m2, limited by plasticiser (" in finding.message
