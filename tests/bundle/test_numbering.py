"""Steps from raw material to the import, exhibit numbers, and Bates prefixes."""

from __future__ import annotations

import datetime as dt

import pytest

from importer_app.bundle.bates import BatesRange, bates, check_prefix, derive_prefix
from importer_app.bundle.numbering import number_exhibits
from importer_app.core.errors import BundleError
from importer_app.core.model import Case, Document, Entity, Link, Shipment


def _doc(path: str, *, entities: tuple[str, ...] = (), links: tuple[str, ...] = (), day: int | None = 1,
         translation_of: str = "", needs_rendition: bool = False) -> Document:
    return Document(path=path, sha256=path.ljust(64, "0"), type="other", size=1,
                    date=dt.date(2026, 1, day) if day else None, entities=entities, links=links,
                    translation_of=translation_of, page_count=None if needs_rendition else 2,
                    needs_rendition=needs_rendition)


def _case(shipment: Shipment, *documents: Document) -> Case:
    entities = (
        Entity("importer", "Acme Apparel Inc.", "importer", "US", tier=0),
        Entity("factory", "Saigon Garment JSC", "manufacturer", "VN"),
        Entity("spinner", "Delta Spinning Co., Ltd.", "processor", "VN"),
        Entity("farm", "Green Farm", "raw_material_producer", "US"),
        Entity("stray", "Unlinked Trading", "other", "SG"),
    )
    links = (Link("farm-spinner", "farm", "spinner", "cotton", 1.0, "kg"),
             Link("spinner-factory", "spinner", "factory", "yarn", 1.0, "kg"),
             Link("factory-importer", "factory", "importer", "shirts", 1.0, "pcs"))
    return Case(shipment, entities, links, documents)


def test_steps_run_from_raw_material_to_the_import_then_the_whole_chain(shipment: Shipment) -> None:
    plan = number_exhibits(_case(
        shipment,
        _doc("screening.pdf", entities=("importer", "factory", "spinner")),
        _doc("invoice-importer.pdf", links=("factory-importer",)),
        _doc("farm-payroll.pdf", entities=("farm",)),
        _doc("yarn-invoice.pdf", links=("spinner-factory",)),
        _doc("stray-letter.pdf", entities=("stray",)),
        _doc("policy.pdf"),
    ))
    assert [step.title for step in plan.steps] == [
        "Step 1: Green Farm (raw material producer, United States)",
        "Step 2: Saigon Garment JSC (manufacturer, Vietnam)",
        "Step 3: Acme Apparel Inc. (importer, United States)",
        "Step 4: Unlinked Trading (other, Singapore)",
        "Step 5: Evidence for the whole supply chain",
    ]
    assert {exhibit.document.path: exhibit.id for exhibit in plan.exhibits} == {
        "farm-payroll.pdf": "1.1", "yarn-invoice.pdf": "2.1", "invoice-importer.pdf": "3.1",
        "stray-letter.pdf": "4.1", "policy.pdf": "5.1", "screening.pdf": "5.2",
    }


def test_a_transfer_document_belongs_to_the_buyers_step(shipment: Shipment) -> None:
    plan = number_exhibits(_case(shipment, _doc("receipt.pdf", entities=("spinner",), links=("farm-spinner",)),
                                 _doc("spinner-record.pdf", entities=("spinner",), day=2)))
    assert [(e.id, e.document.path) for e in plan.exhibits] == [("1.1", "receipt.pdf"), ("1.2", "spinner-record.pdf")]
    assert plan.steps[0].entity_ids == ("spinner",)


def test_documents_run_by_date_undated_last_and_a_translation_follows_its_original(shipment: Shipment) -> None:
    plan = number_exhibits(_case(
        shipment,
        _doc("c-undated.pdf", entities=("factory",), day=None),
        _doc("b-report-en.pdf", entities=("factory",), day=1, translation_of="d-report-vi.pdf"),
        _doc("d-report-vi.pdf", entities=("factory",), day=9),
        _doc("a-order.pdf", entities=("factory",), day=3),
    ))
    assert [e.document.path for e in plan.exhibits] == ["a-order.pdf", "d-report-vi.pdf", "b-report-en.pdf",
                                                        "c-undated.pdf"]
    assert [e.id for e in plan.exhibits] == ["1.1", "1.2", "1.3", "1.4"]


def test_translations_of_each_other_are_both_still_bound(shipment: Shipment) -> None:
    plan = number_exhibits(_case(shipment, _doc("x.pdf", translation_of="y.pdf"), _doc("y.pdf", translation_of="x.pdf")))
    assert sorted(e.document.path for e in plan.exhibits) == ["x.pdf", "y.pdf"]


def test_a_document_without_pdf_takes_one_page_for_its_slip_sheet(shipment: Shipment) -> None:
    plan = number_exhibits(_case(shipment, _doc("sheet.xlsx", needs_rendition=True), _doc("scan.pdf")))
    assert {e.document.path: e.page_count for e in plan.exhibits} == {"sheet.xlsx": 1, "scan.pdf": 2}


@pytest.mark.parametrize(("name", "prefix"), [
    ("Harborline Apparel Inc.", "HARBORLINE"),
    ("The Acme Co., Ltd.", "ACME"),
    ("Công ty TNHH Dệt Kim Lam Thủy", "CONG"),
    ("上海服装有限公司", "EXHIBIT"),
    ("3M Company", "3M"),
])
def test_the_prefix_comes_from_the_importers_name(name: str, prefix: str) -> None:
    assert derive_prefix(name) == prefix
    assert check_prefix(prefix) == prefix


@pytest.mark.parametrize("prefix", ["", "acme", "ACME CO", "-ACME", "É", "A" * 25])
def test_a_prefix_that_cannot_be_stamped_is_refused(prefix: str) -> None:
    with pytest.raises(BundleError):
        check_prefix(prefix)


def test_bates_numbers_are_six_digits_and_ranges_read_as_such() -> None:
    assert bates("ACME", 123) == "ACME-000123"
    assert str(BatesRange("ACME", 7, 7)) == "ACME-000007"
    assert str(BatesRange("ACME", 7, 9)) == "ACME-000007 to ACME-000009"
