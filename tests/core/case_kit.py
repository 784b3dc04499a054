"""Cases for the engine tests, built straight from the model dataclasses.

``kit.complete(regime)`` is a small, fully documented supply chain (US cotton farm,
Vietnamese spinner and garment maker, US importer) in which every information type of every
regime is satisfied and every check passes: a test removes or changes one thing and asserts
the one finding that follows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable

from importer_app.core.model import (
    Case,
    Document,
    Entity,
    EvidenceStatement,
    Inquiry,
    Link,
    NotApplicable,
    Shipment,
)
from importer_app.core.report import Finding, Report

TODAY = dt.date(2026, 10, 20)
IMPORTED = dt.date(2026, 10, 2)

SALE_TYPES = ("purchase_order", "commercial_invoice", "proof_of_payment", "packing_list")
CASE_TYPES = (
    "certificate_of_origin_1243", "consignee_statement_1243", "due_diligence_policy",
    "cbp_correspondence", "facility_location", "bill_of_materials", "process_description",
    "inventory_record", "origin_certificate", "lab_test_report", "affidavit", "screening_record",
    "code_of_conduct", "supplier_engagement_record", "risk_assessment", "training_record",
    "audit_report", "remediation_plan",
)  # fmt: skip
_ENTITY_TYPES = {
    "farm": ("employee_list", "timecard", "payroll_record", "recruitment_record", "certificate_of_origin_1243"),
    "spinner": (
        "production_record", "raw_material_receipt", "equipment_list", "employee_list",
        "timecard", "payroll_record", "recruitment_record",
    ),
    "garment": (
        "production_record", "raw_material_receipt", "equipment_list", "employee_list", "timecard",
        "payroll_record", "recruitment_record",
    ),
}  # fmt: skip


class CaseKit:
    """Builders for test cases; every method returns a new, immutable value."""

    today = TODAY
    imported = IMPORTED

    @staticmethod
    def shipment(**changes: object) -> Shipment:
        """A detained entry with every identifier filled in."""
        base = Shipment(
            regime="wro",
            entry_number="ABC-1234567-8",
            importer_of_record="Acme Apparel Inc.",
            merchandise="Men's cotton knit shirts",
            quantity=12000,
            unit="pcs",
            country_of_origin="VN",
            date_of_importation=IMPORTED,
            entry_lines=(1,),
            detention_number="2026-2704-000123",
            port_code="2704",
            port_name="Los Angeles",
            date_presented=dt.date(2026, 10, 5),
            date_of_detention=dt.date(2026, 10, 9),
        )
        return dataclasses.replace(base, **changes)  # type: ignore[arg-type]

    @staticmethod
    def entity(entity_id: str, role: str, country: str, name: str = "") -> Entity:
        return Entity(id=entity_id, name=name or f"{entity_id.title()} Co.", role=role, country=country)

    @staticmethod
    def link(link_id: str, source: str, target: str, quantity: float = 1000.0, unit: str = "kg", **changes: object) -> Link:
        fields: dict[str, object] = {"material": f"{source} goods", **changes}
        return Link(id=link_id, source=source, target=target, quantity=quantity, unit=unit, **fields)  # type: ignore[arg-type]

    @staticmethod
    def doc(path: str, doc_type: str, **changes: object) -> Document:
        digest = hashlib.sha256(path.encode()).hexdigest()
        return Document(path=path, sha256=digest, type=doc_type, size=1000, **changes)  # type: ignore[arg-type]

    def entities(self) -> tuple[Entity, ...]:
        return (
            self.entity("farm", "raw_material_producer", "US", "Lone Star Cotton Farm"),
            self.entity("spinner", "processor", "VN", "Delta Spinning Co., Ltd."),
            self.entity("garment", "manufacturer", "VN", "Saigon Garment JSC"),
            self.entity("acme", "importer", "US", "Acme Apparel Inc."),
        )

    def links(self) -> tuple[Link, ...]:
        return (
            self.link("farm-spinner", "farm", "spinner", 20000, "kg", material="raw cotton lint", yield_=0.9,
                      shipped=dt.date(2026, 3, 2), references=("PO-1001",)),
            self.link("spinner-garment", "spinner", "garment", 18000, "kg", material="cotton yarn", yield_=4.0,
                      shipped=dt.date(2026, 5, 4), references=("PO-2001",)),
            self.link("garment-acme", "garment", "acme", 12000, "pcs", material="knit shirts",
                      shipped=dt.date(2026, 9, 1), references=("PO-3001",)),
        )  # fmt: skip

    def documents(self) -> tuple[Document, ...]:
        docs = []
        for link in self.links():
            for doc_type in SALE_TYPES:
                docs.append(self.doc(f"links/{link.id}/{doc_type}.pdf", doc_type, links=(link.id,), references=link.references))
            if link.id != "spinner-garment":  # the two cross-border transfers
                docs.append(self.doc(f"links/{link.id}/export.pdf", "export_declaration", links=(link.id,)))
        for entity_id, types in _ENTITY_TYPES.items():
            for doc_type in types:
                docs.append(self.doc(f"entities/{entity_id}/{doc_type}.pdf", doc_type, entities=(entity_id,), date=dt.date(2026, 4, 1)))
        for doc_type in CASE_TYPES:
            docs.append(self.doc(f"case/{doc_type}.pdf", doc_type))
        # One document counts for one item: the independent audit (DD-05) and the evidence on
        # each ILO indicator (LAB-05) are two audit reports.
        docs.append(self.doc("case/ilo-indicator-audit.pdf", "audit_report"))
        return tuple(docs)

    @staticmethod
    def inquiry(inquiry_id: str = "cf28-1", **changes: object) -> Inquiry:
        """CBP's request for the supply chain records, answered with the CBP correspondence."""
        base = Inquiry(inquiry_id, dt.date(2026, 10, 12), "Supply chain records for entry line 1",
                       response_date=dt.date(2026, 10, 16), response_exhibits=("case/cbp_correspondence.pdf",))
        return dataclasses.replace(base, **changes)  # type: ignore[arg-type]

    def complete(self, regime: str = "wro", **shipment_changes: object) -> Case:
        """The fully documented case, for any regime."""
        return Case(
            shipment=self.shipment(regime=regime, **shipment_changes),
            entities=self.entities(),
            links=self.links(),
            documents=self.documents(),
            inquiries=(self.inquiry(),),
            evidence_statement=EvidenceStatement(
                "Every input is traced to its producer and every producer's workforce is documented.",
                "Jane Roe, Compliance Manager", dt.date(2026, 10, 18)),
        )

    @staticmethod
    def without(case: Case, drop: Callable[[Document], bool]) -> Case:
        """The case less the documents ``drop`` selects."""
        return dataclasses.replace(case, documents=tuple(d for d in case.documents if not drop(d)))

    def without_types(self, case: Case, *types: str) -> Case:
        return self.without(case, lambda d: d.type in types)

    @staticmethod
    def adding(case: Case, *docs: Document) -> Case:
        return dataclasses.replace(case, documents=(*case.documents, *docs))

    @staticmethod
    def replacing(case: Case, **changes: object) -> Case:
        return dataclasses.replace(case, **changes)  # type: ignore[arg-type]

    @staticmethod
    def not_applicable(case: Case, requirement: str, scope: str, reason: str = "The user's reason.") -> Case:
        item = NotApplicable(requirement, scope, reason)
        return dataclasses.replace(case, not_applicable=(*case.not_applicable, item))

    @staticmethod
    def blocking(report: Report) -> list[Finding]:
        return [f for f in report.findings if f.severity == "missing"]

    @staticmethod
    def of(report: Report, *, kind: str | None = None, requirement: str | None = None) -> list[Finding]:
        return [
            f
            for f in report.findings
            if (kind is None or f.kind == kind) and (requirement is None or f.requirement == requirement)
        ]

    @staticmethod
    def problems(report: Report) -> list[Finding]:
        """Every finding that is not a deadline: what the case itself gets wrong or lacks."""
        return [f for f in report.findings if f.kind != "deadline"]

    @staticmethod
    def state(report: Report, requirement: str, scope: str = "case") -> str:
        states = [s.state for s in report.statuses if s.requirement == requirement and s.scope == scope]
        assert len(states) == 1, f"{requirement} {scope}: {states}"
        return states[0]
