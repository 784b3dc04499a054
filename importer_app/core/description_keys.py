"""The keys of the case description, table by table, in the order Appendix A lists them.

One declaration serves the parser (names, types, required) and the writer (order, and which
model field each key fills).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class KeySpec:
    """One key of a table.

    Attributes:
        field: the model's attribute the key fills (``from`` fills ``Link.source``).
        kind: ``str``, ``int``, ``number``, ``bool``, ``date``, ``list[str]`` or ``list[int]``.
        required: whether the key must be present.
        help: what the key holds, for "missing key" messages.
    """

    field: str
    kind: str
    required: bool = False
    help: str = ""


def _keys(*specs: tuple[str, KeySpec]) -> dict[str, KeySpec]:
    return dict(specs)


def _k(name: str, kind: str, required: bool = False, help: str = "", field: str = "") -> tuple[str, KeySpec]:
    return name, KeySpec(field or name, kind, required, help)


SHIPMENT_KEYS: Final = _keys(
    _k("regime", "str", True, "wro, finding, uflpa-applicability, uflpa-exception, caatsa-exception or modification-request"),
    _k("entry_number", "str", True, 'the CBP entry number, like "ABC-1234567-8"'),
    _k("importer_of_record", "str", True, "the importer's legal name"),
    _k("merchandise", "str", True, "what the goods are"),
    _k("quantity", "number", True, "how many units were entered"),
    _k("unit", "str", True, 'the unit of quantity, like "pcs" or "kg"'),
    _k("country_of_origin", "str", True, "two-letter country code"),
    _k("date_of_importation", "date", True, "a date like 2026-10-02"),
    _k("title", "str"),
    _k("entry_lines", "list[int]"),
    _k("detention_number", "str"),
    _k("port_code", "str"),
    _k("port_name", "str"),
    _k("importer_address", "str"),
    _k("ultimate_consignee", "str"),
    _k("hts", "list[str]"),
    _k("value_usd", "number"),
    _k("country_of_exportation", "str"),
    _k("order_reference", "str"),
    _k("class_of_labor", "str"),
    _k("date_presented", "date"),
    _k("date_of_detention", "date"),
    _k("date_of_notice", "date"),
    _k("date_of_exclusion_notice", "date"),
    _k("date_deemed_excluded", "date"),
    _k("date_of_protest", "date"),
    _k("date_of_seizure_notice", "date"),
    _k("date_exception_granted", "date"),
    _k("commodity", "str", help="a sector of the catalog like cotton or polysilicon"),
)

ENTITY_KEYS: Final = _keys(
    _k("id", "str", True, "a short unique id like spinner"),
    _k("name", "str", True, "the company's legal name"),
    _k("role", "str", True, "manufacturer, processor, raw_material_producer, ..."),
    _k("country", "str", True, "two-letter country code"),
    _k("subdivision", "str"),
    _k("address", "str"),
    _k("name_local", "str"),
    _k("tier", "int"),
    _k("aliases", "list[str]"),
    _k("owner", "str"),
)

RECIPE_KEYS: Final = _keys(
    _k("material", "str", True, "the input material, as its transfers name it"),
    _k("yield", "number", True, "the output one unit of this material makes, like 1.82", field="yield_"),
    _k("unit", "str", True, 'the unit the material is counted in, like "kg"'),
)

LINK_KEYS: Final = _keys(
    _k("id", "str", True, "a short unique id like gin-spinner"),
    _k("from", "str", True, "the id of the supplying entity", field="source"),
    _k("to", "str", True, "the id of the buying entity", field="target"),
    _k("material", "str", True, "what passes, like raw cotton lint"),
    _k("quantity", "number", True, "how much passes"),
    _k("unit", "str", True, 'the unit of quantity, like "kg"'),
    _k("yield", "number", field="yield_"),
    _k("shipped", "date"),
    _k("references", "list[str]"),
    _k("material_class", "str"),
    _k("payment_terms", "str"),
)

DOCUMENT_KEYS: Final = _keys(
    _k("path", "str", True, "the file, relative to the description's folder"),
    _k("type", "str", True, "a document type id like purchase_order"),
    _k("title", "str"),
    _k("date", "date"),
    _k("entities", "list[str]"),
    _k("links", "list[str]"),
    _k("references", "list[str]"),
    _k("language", "str"),
    _k("translation_of", "str"),
    _k("password", "str"),
)

NOT_APPLICABLE_KEYS: Final = _keys(
    _k("requirement", "str", True, "an information type id like SCT-15"),
    _k("scope", "str", True, "case, entity:ID or link:ID"),
    _k("reason", "str", True, "why it does not apply, in words CBP will read"),
)

INQUIRY_KEYS: Final = _keys(
    _k("id", "str", True, "a short unique id like cf28-1"),
    _k("date", "date", True, "the day CBP sent the request, like 2026-10-12"),
    _k("asked", "str", True, "what CBP asked for, in a few words"),
    _k("response_date", "date"),
    _k("response_exhibits", "list[str]"),
    _k("contends", "list[str]"),
)

EVIDENCE_STATEMENT_KEYS: Final = _keys(
    _k("summary", "str", True, "why the evidence is clear and convincing"),
    _k("signed_by", "str", True, "the name and title of the person signing it off"),
    _k("signed_on", "date", True, "the day it was signed off"),
)

GAP_EXPLANATION_KEYS: Final = _keys(
    _k("requirement", "str", True, "an information type id like SCT-06"),
    _k("scope", "str", True, "case, entity:ID or link:ID, as the check reports the gap"),
    _k("explanation", "str", True, "why the document does not exist or is unavailable, in words CBP will read"),
    _k("supplement_by", "date"),
)

GAP_REQUEST_KEYS: Final = _keys(
    _k("to", "str", True, "who was asked for the document"),
    _k("sent", "date", True, "the day the request was sent, like 2026-11-20"),
    _k("reply_by", "date"),
    _k("replied", "date"),
    _k("reply", "str"),
)

ORDER_KEYS: Final = _keys(
    _k("kind", "str", True, "wro or finding"),
    _k("issued", "date"),
    _k("status", "str"),
    _k("status_changed", "date"),
    _k("goods_outside", "bool"),
    _k("finding_published", "date"),
    _k("scope", "str"),
    _k("indicators", "list[str]"),
    _k("producers", "list[str]"),
)

EXTENSION_REQUEST_KEYS: Final = _keys(
    _k("task", "str", True, "the task the extension is for, as CBP names it"),
    _k("requested", "date", True, "the day you asked for more time, like 2026-11-20"),
    _k("due", "date"),
    _k("granted_on", "date"),
    _k("until", "date"),
)

TABLE_KEYS: Final[dict[str, dict[str, KeySpec]]] = {
    "shipment": SHIPMENT_KEYS,
    "entities": ENTITY_KEYS,
    "entities.recipe": RECIPE_KEYS,
    "links": LINK_KEYS,
    "documents": DOCUMENT_KEYS,
    "not_applicable": NOT_APPLICABLE_KEYS,
    "inquiries": INQUIRY_KEYS,
    "evidence_statement": EVIDENCE_STATEMENT_KEYS,
    "gap_explanations": GAP_EXPLANATION_KEYS,
    "gap_explanations.requests": GAP_REQUEST_KEYS,
    "order": ORDER_KEYS,
    "extension_requests": EXTENSION_REQUEST_KEYS,
}
