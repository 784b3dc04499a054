"""The mass balance: the figures against hand-computed ones, "reconciles" only where it does,
and the same verdict as the completeness check's quantity check."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from page_subjects import TODAY, pdf_text
from test_claims import _doc, _subject, small_case

from importer_app.bundle.pages.facts import exhibit_list
from importer_app.bundle.pages.summary import executive_summary
from importer_app.core.catalog import Catalog
from importer_app.core.mass_balance import mass_balance
from importer_app.core.model import Case, DetentionOrder, Entity, Link, RecipeRow
from importer_app.screening.in_case import case_screening


def test_each_processing_company_is_balanced_as_by_hand() -> None:
    gin, spinner, importer = mass_balance(small_case(lint=1100.0))
    assert gin.entity.id == "gin" and gin.unit == "kg"
    assert [item.expected for item in gin.inputs] == [1000.0]  # 2,000 kg seed cotton x 0.5
    assert (gin.expected, gin.shipped) == (1000.0, 1100.0)
    assert gin.difference == pytest.approx(100.0) and gin.tolerance == pytest.approx(20.0)
    assert gin.reconciles is False
    assert spinner.expected == pytest.approx(990.0) and spinner.shipped == 800.0  # 1,100 kg lint x 0.9
    assert spinner.difference == pytest.approx(-190.0) and spinner.reconciles is True
    # The importer ships nothing on: its output is the 800 kg the entry declares.
    assert importer.outputs[0].link is None and (importer.expected, importer.shipped) == (800.0, 800.0)
    assert importer.reconciles is True


def test_units_that_do_not_convert_are_neither_reconciled_nor_not() -> None:
    case = small_case()
    links = tuple(dataclasses.replace(link, unit="bales", yield_=None) if link.id == "spinner-importer" else link
                  for link in case.links)
    importer = [b for b in mass_balance(dataclasses.replace(case, links=links)) if b.entity.id == "importer"][0]
    assert importer.expected is None and importer.reconciles is None and importer.difference is None


@pytest.mark.parametrize("lint", [800.0, 1020.0, 1020.5, 1100.0, 1500.0])
def test_the_balance_agrees_with_the_quantity_check(catalog: Catalog, lint: float) -> None:
    subject = _subject(small_case(lint=lint), catalog)
    flagged = {f.scope.removeprefix("entity:") for f in subject.report.findings if f.kind == "quantity"}
    assert flagged == {b.entity.id for b in mass_balance(subject.case) if b.reconciles is False}


def test_the_summary_prints_the_table_with_its_exhibits(catalog: Catalog) -> None:
    subject = _subject(small_case(lint=1100.0), catalog)
    text = pdf_text(executive_summary(*subject.args).pdf)
    table = text.split("3. Mass balance")[1]
    gin = table.split("Plains Cooperative Gin (United States)")[1].split("Kestrel Spinning JSC (Vietnam)")[0]
    exhibit = {e.document.path: e.id for e in subject.plan.exhibits}
    received = ("Received from Dry Creek Farms LLC on April 1, 2026: seed cotton 2,000 kg 0.5 1,000 kg "
                + exhibit_list([exhibit["farm-gin-invoice.pdf"], exhibit["gin-production.pdf"]]))
    assert received in gin
    assert "Output the inputs allow 1,000 kg" in gin
    assert f"Shipped to Kestrel Spinning JSC on May 1, 2026: cotton lint 1,100 kg {exhibit['gin-spinner-invoice.pdf']}" in gin
    assert "Output shipped 1,100 kg" in gin and "Difference (shipped minus allowed) +100 kg" in gin
    assert "Tolerance (2% of the output allowed) 20 kg" in gin
    assert "Does not reconcile: exceeds the tolerance by 80 kg" in gin and "Reconciles" not in gin
    spinner = table.split("Kestrel Spinning JSC (Vietnam)")[1].split("Harborline Apparel Inc. (United States)")[0]
    assert "Difference (shipped minus allowed) −190 kg" in spinner and "Result Reconciles" in spinner


def _with_bales_and_a_xuar_gin(lint: float) -> Case:
    """The small case, plus bale wrap at the gin (auxiliary) and lint from a second gin in the
    XUAR delivered to the spinner."""
    case = small_case("wro", lint=lint)
    xuar_gin = Entity("xjgin", "Aksu Cotton Ginning Co.", "processor", "CN", subdivision="CN-XJ")
    wrap = Entity("wrap", "Lubbock Bale Wrap Inc.", "manufacturer", "US")
    links = (*case.links,
             Link("wrap-gin", "wrap", "gin", "bale wrap", 40.0, "kg", shipped=dt.date(2026, 4, 2), material_class="auxiliary"),
             Link("xjgin-spinner", "xjgin", "spinner", "cotton lint", 300.0, "kg", yield_=0.9, shipped=dt.date(2026, 5, 2)))
    return dataclasses.replace(case, entities=(*case.entities, xuar_gin, wrap), links=links)


def test_packaging_and_xuar_lint_are_listed_and_not_counted(catalog: Catalog) -> None:
    case = _with_bales_and_a_xuar_gin(lint=800.0)
    balances = {b.entity.id: b for b in mass_balance(case, catalog.regions)}
    assert [link.id for link in balances["gin"].auxiliary] == ["wrap-gin"] and balances["gin"].expected == 1000.0
    spinner = balances["spinner"]
    assert [link.id for link in spinner.inadmissible] == ["xjgin-spinner"]
    assert spinner.expected == pytest.approx(720.0) and spinner.reconciles is False  # 800 kg x 0.9; 300 kg not counted
    subject = _subject(case, catalog)
    flagged = {f.scope.removeprefix("entity:") for f in subject.report.findings if f.kind == "quantity"}
    assert flagged == {b.entity.id for b in balances.values() if b.reconciles is False} == {"spinner"}
    text = pdf_text(executive_summary(*subject.args).pdf)
    table = text.split("3. Mass balance")[1]
    gin = table.split("Plains Cooperative Gin (United States)")[1].split("Kestrel Spinning JSC (Vietnam)")[0]
    assert "Received from Lubbock Bale Wrap Inc. on April 2, 2026: bale wrap 40 kg not counted: packaging or filler" in gin
    spinner_text = table.split("Kestrel Spinning JSC (Vietnam)")[1]
    assert ("Received from Aksu Cotton Ginning Co. on May 2, 2026: cotton lint 300 kg not counted: produced in the"
            in " ".join(spinner_text.split()))


NAMED_GROWER = "Shouguang Golden Field Tomato Cooperative"


def _three_growers() -> Case:
    """A packing house buys fresh tomatoes from three growers (600, 400 and 500 t at yield 0.2)
    and ships 280 t of paste, which the importer enters; the WRO the goods are held under names
    the third grower."""
    entities = (
        Entity("grower-a", "Hebei Tomato Farm", "raw_material_producer", "CN"),
        Entity("grower-b", "Tianjin Sunrise Tomato Growers", "raw_material_producer", "CN"),
        Entity("grower-c", NAMED_GROWER, "raw_material_producer", "CN"),
        Entity("packer", "Tianjin Tomato Packing Co.", "processor", "CN"),
        Entity("importer", "Harborline Foods Inc.", "importer", "US"),
    )
    links = (
        Link("a-packer", "grower-a", "packer", "fresh tomatoes", 600.0, "t", yield_=0.2, shipped=dt.date(2026, 7, 1)),
        Link("b-packer", "grower-b", "packer", "fresh tomatoes", 400.0, "t", yield_=0.2, shipped=dt.date(2026, 7, 2)),
        Link("c-packer", "grower-c", "packer", "fresh tomatoes", 500.0, "t", yield_=0.2, shipped=dt.date(2026, 7, 3)),
        Link("packer-importer", "packer", "importer", "tomato paste", 280.0, "t", shipped=dt.date(2026, 8, 1)),
    )
    case = small_case("wro")
    shipment = dataclasses.replace(case.shipment, merchandise="Tomato paste", quantity=280.0, unit="t",
                                   country_of_origin="CN", order_reference="WRO-2026-0309")
    order = DetentionOrder(kind="wro", issued=dt.date(2026, 3, 9), scope="Tomatoes and tomato products",
                           producers=(NAMED_GROWER,))
    return Case(shipment, entities, links, (), order=order)


def test_the_lots_of_a_grower_the_order_names_are_listed_and_not_counted(catalog: Catalog) -> None:
    case = _three_growers()
    screening = case_screening(case, {}, frozenset(), TODAY)
    assert [match.entity_id for match in screening.state.order_matches] == ["grower-c"]  # the real matcher
    subject = _subject(case, catalog, screening)
    [finding] = [f for f in subject.report.findings if f.kind == "quantity"]
    assert finding.scope == "entity:packer" and "allow at most 200 t" in finding.message
    [packer] = [b for b in mass_balance(case, catalog.regions, screening.state.order_matches) if b.entity.id == "packer"]
    assert (packer.expected, packer.shipped, packer.reconciles) == (pytest.approx(200.0), 280.0, False)
    text = pdf_text(executive_summary(*subject.args, screening=screening).pdf)
    table = text.split("3. Mass balance")[1].split("Tianjin Tomato Packing Co. (China)")[1]
    assert ("Received from Shouguang Golden Field Tomato Cooperative on July 3, 2026: fresh tomatoes 500 t not counted:"
            " from a producer the order names") in table
    assert "Output the inputs allow 200 t" in table and "Output shipped 280 t" in table
    assert "Does not reconcile: exceeds the tolerance by 76 t" in table  # 280 - 200 - 4 (2% of 200)
    assert "Xinjiang" not in table
    # The summary's own sentence agrees with the table.
    assert "at Tianjin Tomato Packing Co. the quantity shipped exceeds what the recorded inputs allow" in text
    # Without the order's match, the same lots count and the packing house reconciles.
    unnamed = pdf_text(executive_summary(*_subject(case, catalog).args).pdf).split("3. Mass balance")[1]
    assert "Output the inputs allow 300 t" in unnamed and "Result Reconciles" in unnamed


def flooring_mill(filler_t: float) -> Case:
    """An SPC flooring mill with a recipe: 400 m2 per t of PVC resin, 200 m2 per t of calcium
    carbonate filler. It receives 50 t of resin, ``filler_t`` t of filler (in kg) and 3 t of
    packaging film (auxiliary), and ships 20,000 m2, which the importer enters."""
    recipe = (RecipeRow("PVC resin", 400.0, "t"), RecipeRow("calcium carbonate filler", 200.0, "t"))
    entities = (
        Entity("resin", "Hanil PVC Resin Co.", "raw_material_producer", "KR"),
        Entity("quarry", "Yen Bai Calcium Carbonate JSC", "raw_material_producer", "VN"),
        Entity("film", "Saigon Packaging Film JSC", "raw_material_producer", "VN"),
        Entity("mill", "Mekong Vinyl Flooring Co.", "manufacturer", "VN", recipe=recipe),
        Entity("importer", "Harborline Floors Inc.", "importer", "US"),
    )
    links = (
        Link("resin-mill", "resin", "mill", "PVC resin", 50.0, "t", shipped=dt.date(2026, 5, 2)),
        Link("quarry-mill", "quarry", "mill", "calcium carbonate filler", filler_t * 1000, "kg",
             shipped=dt.date(2026, 5, 3)),
        Link("film-mill", "film", "mill", "packaging film", 3.0, "t", shipped=dt.date(2026, 5, 4),
             material_class="auxiliary"),
        Link("mill-importer", "mill", "importer", "SPC vinyl plank flooring", 20000.0, "m2",
             shipped=dt.date(2026, 9, 1)),
    )
    documents = (
        _doc("resin-invoice.pdf", "commercial_invoice", links=("resin-mill",)),
        _doc("filler-invoice.pdf", "commercial_invoice", links=("quarry-mill",)),
        _doc("mill-production.pdf", "production_record", entities=("mill",)),
        _doc("flooring-invoice.pdf", "commercial_invoice", links=("mill-importer",)),
    )
    shipment = dataclasses.replace(small_case("wro").shipment, merchandise="SPC vinyl plank flooring",
                                   quantity=20000.0, unit="m2")
    return Case(shipment, entities, links, documents)


def _mill_table(catalog: Catalog, filler_t: float) -> tuple[str, dict[str, str], list[str]]:
    subject = _subject(flooring_mill(filler_t), catalog)
    text = pdf_text(executive_summary(*subject.args).pdf).split("3. Mass balance")[1]
    mill = text.split("Mekong Vinyl Flooring Co. (Vietnam)")[1].split("Harborline Floors Inc. (United States)")[0]
    exhibit = {e.document.path: e.id for e in subject.plan.exhibits}
    return mill, exhibit, [f.message for f in subject.report.findings if f.kind == "quantity"]


def test_a_mill_whose_every_recipe_material_allows_the_output_reconciles_block_by_block(catalog: Catalog) -> None:
    mill, exhibit, flagged = _mill_table(catalog, filler_t=105.0)  # resin allows 20,000 m2, filler 21,000 m2
    assert flagged == []
    resin, filler = mill.split("By the recipe: ")[1:]
    assert resin.startswith(f"PVC resin, 400 m2 of output per t {exhibit['mill-production.pdf']}")
    assert (f"Received from Hanil PVC Resin Co. on May 2, 2026: PVC resin 50 t 400 per t 20,000 m2 "
            f"{exhibit['resin-invoice.pdf']}") in resin
    assert "Output the PVC resin allows 20,000 m2" in resin
    assert "Output shipped against what the PVC resin allows Reconciles" in resin
    assert ("Received from Yen Bai Calcium Carbonate JSC on May 3, 2026: calcium carbonate filler 105,000 kg 200 per t"
            " 21,000 m2") in filler
    assert "Output shipped against what the calcium carbonate filler allows Reconciles" in filler
    assert "packaging film 3 t not counted: packaging or filler" in filler
    assert "Output the inputs allow (limited by the PVC resin) 20,000 m2" in mill
    assert "Difference (shipped minus allowed) 0 m2" in mill and "Result Reconciles" in mill


def test_where_the_filler_limits_only_its_block_and_the_result_do_not_reconcile(catalog: Catalog) -> None:
    mill, _, flagged = _mill_table(catalog, filler_t=90.0)  # filler allows 18,000 m2 < 20,000 m2 shipped
    [message] = flagged
    assert "limited by calcium carbonate filler" in message
    resin, filler = mill.split("By the recipe: ")[1:]
    assert "Output shipped against what the PVC resin allows Reconciles" in resin
    assert "Output the calcium carbonate filler allows 18,000 m2" in filler
    # 20,000 - 18,000 x 1.02 = 1,640 m2 over
    assert "Output shipped against what the calcium carbonate filler allows Does not reconcile: exceeds the tolerance" \
           " by 1,640 m2" in filler
    assert "Output the inputs allow (limited by the calcium carbonate filler) 18,000 m2" in mill
    assert "Difference (shipped minus allowed) +2,000 m2" in mill and "Tolerance (2% of the output allowed) 360 m2" in mill
    assert "Result Does not reconcile: exceeds the tolerance by 1,640 m2" in mill and "Result Reconciles" not in mill


def test_the_recipe_is_explained_once_and_only_when_a_company_has_one(catalog: Catalog) -> None:
    with_recipe = pdf_text(executive_summary(*_subject(flooring_mill(105.0), catalog).args).pdf)
    assert with_recipe.count("Where a company states its recipe") == 1
    without = pdf_text(executive_summary(*_subject(small_case(), catalog).args).pdf)
    assert "recipe" not in without
