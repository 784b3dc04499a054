"""The closed vocabularies of a case (design.md, Appendix A).

These are the words a case description and the case file may use. Anything else is
refused at the edge (description loader, store), so the rest of the code can trust them.
"""

from __future__ import annotations

from typing import Final

REGIMES: Final[tuple[str, ...]] = (
    "wro", "finding", "uflpa-applicability", "uflpa-exception", "caatsa-exception", "modification-request",
)
"""wro / finding: Section 307 detentions answered with 19 CFR 12.43 proof.
uflpa-applicability / uflpa-exception: the two ways out of a UFLPA detention.
caatsa-exception: goods presumed made with North Korean nationals' labor (22 U.S.C. 9241a).
modification-request: a request that CBP modify or revoke a Withhold Release Order or Finding,
a process separate from the proof of admissibility for one shipment."""

REGIME_LABELS: Final[dict[str, str]] = {
    "wro": "Withhold Release Order (Section 307)",
    "finding": "Finding (Section 307)",
    "uflpa-applicability": "UFLPA applicability review",
    "uflpa-exception": "UFLPA exception request",
    "caatsa-exception": "CAATSA exception request (North Korean labor)",
    "modification-request": "Request to modify or revoke a WRO or Finding",
}

SECTION_307_REGIMES: Final[frozenset[str]] = frozenset({"wro", "finding"})
UFLPA_REGIMES: Final[frozenset[str]] = frozenset({"uflpa-applicability", "uflpa-exception"})
DETENTION_REGIMES: Final[frozenset[str]] = frozenset(REGIMES) - {"modification-request"}
"""The regimes that answer the detention of one shipment (a modification request answers none)."""

CLASSES_OF_LABOR: Final[tuple[str, ...]] = ("forced", "convict", "indentured")

ROLES: Final[tuple[str, ...]] = (
    "importer",
    "ultimate_consignee",
    "seller",
    "exporter",
    "manufacturer",
    "processor",
    "raw_material_producer",
    "logistics",
    "other",
)

ROLE_LABELS: Final[dict[str, str]] = {
    "importer": "Importer",
    "ultimate_consignee": "Ultimate consignee",
    "seller": "Seller",
    "exporter": "Exporter",
    "manufacturer": "Manufacturer",
    "processor": "Processor",
    "raw_material_producer": "Raw material producer",
    "logistics": "Logistics provider",
    "other": "Other",
}

DOCUMENT_TYPES: Final[tuple[str, ...]] = (
    "purchase_order",
    "sales_contract",
    "commercial_invoice",
    "proof_of_payment",
    "packing_list",
    "bill_of_lading",
    "transport_document",
    "internal_transfer_record",
    "export_declaration",
    "production_record",
    "raw_material_receipt",
    "inventory_record",
    "bill_of_materials",
    "process_description",
    "equipment_list",
    "origin_certificate",
    "certificate_of_origin_1243",
    "consignee_statement_1243",
    "affidavit",
    "facility_visit_record",
    "audit_report",
    "remediation_plan",
    "code_of_conduct",
    "risk_assessment",
    "due_diligence_policy",
    "training_record",
    "supplier_engagement_record",
    "employee_list",
    "timecard",
    "payroll_record",
    "recruitment_record",
    "supply_chain_map",
    "facility_location",
    "lab_test_report",
    "screening_record",
    "cbp_correspondence",
    "other",
)

FORCED_LABOR_INDICATORS: Final[tuple[str, ...]] = (
    "abuse-of-vulnerability",
    "deception",
    "restriction-of-movement",
    "isolation",
    "physical-sexual-violence",
    "intimidation-threats",
    "retention-of-identity-documents",
    "withholding-of-wages",
    "debt-bondage",
    "abusive-conditions",
    "excessive-overtime",
)
"""The eleven ILO indicators of forced labor CBP names in its orders; what each means and the
evidence that addresses it are in ``forms/catalog/indicators.toml``."""

ID_PATTERN: Final[str] = r"^[a-z0-9][a-z0-9_-]{0,99}$"
"""Entity and link ids: up to 100 lowercase letters, digits, - and _ (they appear in scopes
such as ``entity:spinner``, so no colon or space, and in file names such as
``request-spinner.pdf``, so no slash and a bounded length)."""

MAX_TIER: Final[int] = 99
"""The highest tier an entity may be given (the window's tier box stops there too)."""

COUNTRY_PATTERN: Final[str] = r"^[A-Z]{2}$"
SUBDIVISION_PATTERN: Final[str] = r"^[A-Z]{2}-[A-Z0-9]{1,3}$"
"""ISO 3166-2: the country code, a hyphen, and up to three letters or digits (``CN-XJ``)."""
LANGUAGE_PATTERN: Final[str] = r"^[a-z]{2}$"

MATERIAL_CLASSES: Final[tuple[str, ...]] = ("raw", "auxiliary")
"""Classes of a transfer's material besides an ordinary input: ``raw``, a single-ingredient raw
commodity (no bill of materials when the goods entered are one); ``auxiliary``, packaging,
fillers and other inputs the quantity reconciliation leaves out."""

PAYMENT_TERMS: Final[tuple[str, ...]] = ("prepaid", "on delivery", "consignment")
"""Payment terms of a transfer; ``net N`` (N whole days after shipment) is the other form."""
PAYMENT_TERMS_PATTERN: Final[str] = r"^(prepaid|on delivery|consignment|net [0-9]{1,3})$"
ENGLISH: Final[str] = "en"
"""The language CBP reads: a document in another needs an English translation to count."""

REGIME_HELP: Final[dict[str, str]] = {
    "wro": "Goods held under a Withhold Release Order: prove within 3 months of importation,"
    " under 19 CFR 12.43, that no forced labor was used at any stage.",
    "finding": "Goods covered by a Finding: without satisfactory proof under 19 CFR 12.43 they"
    " are seized.",
    "uflpa-applicability": "Show that the goods and all their inputs have no connection to"
    " Xinjiang or to the UFLPA Entity List, so the UFLPA presumption does not apply.",
    "uflpa-exception": "The goods do have such a connection: show by clear and convincing"
    " evidence that no forced labor was used (UFLPA section 3(b)).",
    "caatsa-exception": "Goods made wholly or in part by North Korean nationals' labor, anywhere, are"
    " presumed made with forced labor: show by clear and convincing evidence that no convict, forced"
    " or indentured labor under penal sanction was used (22 U.S.C. 9241a).",
    "modification-request": "Ask CBP to modify or revoke the order itself: show that each forced-labor"
    " indicator it names is refuted or remediated, verified by an unannounced independent audit.",
}
