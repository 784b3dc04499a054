"""Two realistic cases of the 2026 regimes, written as case files with real (small) PDFs.

* CAATSA exception: frozen pollock fillets filleted at a plant in Hunchun, Jilin (where
  North Korean workers were reported in seafood plants in 2017) from a Russian trawler's
  catch. Answered CBP's CF-28; the plant's recruitment records and the signed evidence
  statement are still missing.
* Modification request: a Malaysian glove maker under a WRO asks for its modification after
  remediation; an unannounced third-party audit and a remediation plan are in; the map of its
  facilities is not, and a Malay payroll summary has no English translation.

Companies, numbers and orders are fictional.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from importer_app.core.model import Case, Document, Entity, Inquiry, Link, PageInfo, Shipment
from importer_app.store.casefile import write_new_case

TODAY = dt.date(2026, 10, 20)

_LINK_DOCS = ("purchase_order", "commercial_invoice", "proof_of_payment", "packing_list", "bill_of_lading",
              "export_declaration")


def _pdf(text: str) -> bytes:
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=letter, invariant=True)
    drawing.drawString(72, 700, text)
    drawing.showPage()
    drawing.save()
    return out.getvalue()


class _Docs:
    """Documents of a case with their bytes."""

    def __init__(self) -> None:
        self.documents: list[Document] = []
        self.blobs: dict[str, bytes] = {}

    def add(self, path: str, doc_type: str, title: str, **ties: object) -> None:
        data = _pdf(title)
        sha = hashlib.sha256(data).hexdigest()
        self.blobs[sha] = data
        self.documents.append(Document(
            path=path, sha256=sha, type=doc_type, size=len(data), title=title, date=dt.date(2026, 6, 1),
            page_count=1, original_name=path.rsplit("/", 1)[-1], pages=(PageInfo(612.0, 792.0, 0, True),),
            **ties))  # type: ignore[arg-type]


def caatsa_case() -> tuple[Case, dict[str, bytes]]:
    shipment = Shipment(
        regime="caatsa-exception", entry_number="NSF-4410273-5", importer_of_record="Northbay Seafood Inc.",
        merchandise="Frozen Alaska pollock fillets, skinless, boneless", quantity=20000, unit="kg",
        country_of_origin="CN", date_of_importation=dt.date(2026, 9, 28), entry_lines=(1,),
        detention_number="2026-3002-000417", port_code="3002", port_name="Tacoma", hts=("0304.75.1000",),
        value_usd=96000.0, date_presented=dt.date(2026, 10, 1), date_of_detention=dt.date(2026, 10, 6),
        date_of_notice=dt.date(2026, 10, 9))
    entities = (
        Entity("trawler", "Vostok Fishing LLC (trawler Vostok-7)", "raw_material_producer", "RU",
               address="Nakhodka, Primorsky Krai"),
        Entity("plant", "Hunchun Ocean Harvest Food Co., Ltd.", "processor", "CN",
               address="Border Economic Cooperation Zone, Hunchun, Jilin", subdivision="CN-JL"),
        Entity("northbay", "Northbay Seafood Inc.", "importer", "US", address="Tacoma, WA"),
    )
    links = (
        Link("catch", "trawler", "plant", "whole frozen pollock, headed and gutted", 60000.0, "kg", yield_=0.35,
             shipped=dt.date(2026, 5, 10), references=("VF-2026-118",)),
        Link("fillets", "plant", "northbay", "frozen pollock fillets", 20000.0, "kg",
             shipped=dt.date(2026, 8, 30), references=("NB-PO-5521",)),
    )
    docs = _Docs()
    for link in links:
        for doc_type in _LINK_DOCS:
            docs.add(f"{link.id}/{doc_type}.pdf", doc_type, f"{doc_type.replace('_', ' ')} {link.references[0]}",
                     links=(link.id,), references=link.references)
    for doc_type in ("employee_list", "timecard", "payroll_record", "recruitment_record"):
        docs.add(f"trawler/{doc_type}.pdf", doc_type, f"Crew {doc_type.replace('_', ' ')}", entities=("trawler",))
    # The plant's workers: identity cards, hours and pay; how they were recruited is still missing.
    for doc_type in ("production_record", "raw_material_receipt", "equipment_list", "employee_list", "timecard",
                     "payroll_record"):
        docs.add(f"plant/{doc_type}.pdf", doc_type, f"Plant {doc_type.replace('_', ' ')}", entities=("plant",))
    for doc_type in ("bill_of_materials", "process_description", "facility_location", "inventory_record",
                     "origin_certificate", "affidavit", "code_of_conduct", "screening_record", "lab_test_report"):
        docs.add(f"case/{doc_type}.pdf", doc_type, doc_type.replace("_", " ").capitalize())
    docs.add("case/cf28-answer.pdf", "cbp_correspondence", "Answer to CBP Form 28 of October 8, 2026")
    inquiry = Inquiry("cf28", dt.date(2026, 10, 8), "Nationality and identity of the plant's workers",
                      response_date=dt.date(2026, 10, 15), response_exhibits=("case/cf28-answer.pdf",))
    return Case(shipment, entities, links, tuple(docs.documents), inquiries=(inquiry,)), docs.blobs


def modification_case() -> tuple[Case, dict[str, bytes]]:
    shipment = Shipment(
        regime="modification-request", entry_number="PGL-2093318-4", importer_of_record="Clearwater Medical Supply Inc.",
        merchandise="Nitrile examination gloves", quantity=400000, unit="pcs", country_of_origin="MY",
        date_of_importation=dt.date(2026, 8, 12), detention_number="2026-2704-000881", port_code="2704",
        port_name="Los Angeles", hts=("4015.12.1010",), order_reference="WRO 2025-0117, Perak Glove Sdn. Bhd.",
        class_of_labor="forced", date_presented=dt.date(2026, 8, 14), date_of_detention=dt.date(2026, 8, 19))
    entities = (
        Entity("latex", "Hanil Latex Co., Ltd.", "raw_material_producer", "KR", address="Ulsan"),
        Entity("perak", "Perak Glove Sdn. Bhd.", "manufacturer", "MY", address="Kamunting Industrial Estate, Taiping, Perak"),
        Entity("clearwater", "Clearwater Medical Supply Inc.", "importer", "US", address="Irvine, CA"),
    )
    links = (
        # About 110 gloves of 3.5 g from a kilogram of latex solids, after trimming and rejects.
        Link("nbr", "latex", "perak", "nitrile butadiene latex", 4000.0, "kg", yield_=110.0,
             shipped=dt.date(2026, 4, 2)),
        Link("gloves", "perak", "clearwater", "nitrile examination gloves", 400000.0, "pcs",
             shipped=dt.date(2026, 7, 20)),
    )
    docs = _Docs()
    docs.add("perak/audit-2026.pdf", "audit_report", "Unannounced social compliance audit, June 2026",
             entities=("perak",))
    docs.add("perak/remediation.pdf", "remediation_plan", "Remediation plan and completion records, 2025-2026",
             entities=("perak",))
    docs.add("perak/policy.pdf", "due_diligence_policy", "Forced labour policy and recruitment-fee repayment procedure",
             entities=("perak",))
    docs.add("perak/code.pdf", "code_of_conduct", "Supplier code of conduct", entities=("perak",))
    docs.add("perak/affidavit-indicators.pdf", "affidavit", "Statement on each ILO indicator", entities=("perak",))
    docs.add("perak/screening.pdf", "screening_record", "Screening of suppliers against the official lists")
    docs.add("perak/gaji-ms.pdf", "payroll_record", "Ringkasan gaji pekerja 2026", entities=("perak",),
             language="ms")
    return Case(shipment, entities, links, tuple(docs.documents)), docs.blobs


def write_case(path: Path, built: tuple[Case, dict[str, bytes]]) -> Path:
    case, blobs = built
    write_new_case(path, case, blobs, source="test")
    return path
