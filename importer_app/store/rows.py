"""Conversions between the model's dataclasses and the case file's rows."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from typing import Any

from importer_app.core import vocab
from importer_app.core.docpath import document_path_problem
from importer_app.core.units import known_unit

from importer_app.core.model import (
    ORDER_KINDS,
    ORDER_STATUSES,
    DetentionOrder,
    Document,
    Entity,
    EvidenceStatement,
    ExtensionRequest,
    GapExplanation,
    GapRequest,
    Inquiry,
    Link,
    NotApplicable,
    PageInfo,
    RecipeRow,
    ScreeningDecision,
    Shipment,
)

_SHIPMENT_DATES = (
    "date_of_importation",
    "date_presented",
    "date_of_detention",
    "date_of_notice",
    "date_of_exclusion_notice",
    "date_deemed_excluded",
    "date_of_protest",
    "date_of_seizure_notice",
    "date_exception_granted",
)


def _date_out(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date_in(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(_text(value, "a date")) if value else None


# A case file may come from someone else: every value read back is checked for the type the
# model expects, and ids and paths like those a description may give, so that a blob where
# a name belongs or an id that is a path is "damaged", never a crash or a file written
# outside its folder.
_ID = re.compile(vocab.ID_PATTERN)


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} is {type(value).__name__}, not text")
    return value


def ident(value: Any, what: str) -> str:
    if not _ID.fullmatch(_text(value, what)):
        raise ValueError(f"{what} {value[:40]!r} is not an id")
    return value


def _number(value: Any, what: str, *, optional: bool = False) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{what} is not a finite number")
    return float(value)


def _whole(value: Any, what: str) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError(f"{what} is not a whole number")
    return value


def _texts(value: Any, what: str) -> tuple[str, ...]:
    items = json.loads(_text(value, what))
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise ValueError(f"{what} is not a list of texts")
    return tuple(items)


def _path(value: Any) -> str:
    problem = document_path_problem(_text(value, "a document path"))
    if problem:
        raise ValueError(f"a document path {value[:40]!r} is unsafe: {problem}")
    return value


def shipment_row(shipment: Shipment) -> dict[str, Any]:
    row = dataclasses.asdict(shipment)
    for name in _SHIPMENT_DATES:
        row[name] = _date_out(row[name])
    row["entry_lines"] = json.dumps(list(shipment.entry_lines))
    row["hts"] = json.dumps(list(shipment.hts))
    row["id"] = 1
    return row


def shipment_from_row(row: dict[str, Any]) -> Shipment:
    values = {f.name: row[f.name] for f in dataclasses.fields(Shipment)}
    for field in dataclasses.fields(Shipment):
        if field.type == "str":
            _text(values[field.name], f"the shipment's {field.name}")
    for name in _SHIPMENT_DATES:
        values[name] = _date_in(values[name])
    lines = json.loads(_text(values["entry_lines"], "the entry lines"))
    if not isinstance(lines, list) or not all(_whole(line, "an entry line") is not None for line in lines):
        raise ValueError("the entry lines are not a list of numbers")
    values["entry_lines"] = tuple(lines)
    values["hts"] = _texts(values["hts"], "the HTS numbers")
    values["quantity"] = _number(values["quantity"], "the shipment's quantity")
    values["value_usd"] = _number(values["value_usd"], "the shipment's value", optional=True)
    return Shipment(**values)


def entity_row(entity: Entity, position: int) -> dict[str, Any]:
    row = {**dataclasses.asdict(entity), "aliases": json.dumps(list(entity.aliases), ensure_ascii=False),
           "position": position}
    del row["recipe"]  # rows of a table of their own (recipe_rows)
    return row


def recipe_rows(entity: Entity) -> list[dict[str, Any]]:
    return [{"entity_id": entity.id, "position": position, "material": row.material, "yield": row.yield_,
             "unit": row.unit} for position, row in enumerate(entity.recipe)]


def recipe_row_from_row(row: dict[str, Any]) -> RecipeRow:
    material = _text(row["material"], "a recipe's material")
    unit = _text(row["unit"], "a recipe's unit")
    yield_ = _number(row["yield"], "a recipe's yield")
    if not material.strip() or not known_unit(unit) or not yield_ or yield_ <= 0:
        raise ValueError(f"a recipe row ({material[:40]!r}, {yield_}, {unit[:20]!r}) is not one importer_app writes")
    return RecipeRow(material, yield_, unit)


def entity_from_row(row: dict[str, Any], recipe: tuple[RecipeRow, ...] = ()) -> Entity:
    return Entity(
        id=ident(row["id"], "a company id"),
        name=_text(row["name"], "a company name"),
        role=_text(row["role"], "a company role"),
        country=_text(row["country"], "a company country"),
        address=_text(row["address"], "a company address"),
        name_local=_text(row["name_local"], "a company's local name"),
        tier=_whole(row["tier"], "a company tier"),
        aliases=_texts(row["aliases"], "a company's other names"),
        subdivision=_text(row["subdivision"], "a company's region"),
        owner=_text(row["owner"], "a company's owner"),
        recipe=recipe,
    )


def link_row(link: Link, position: int) -> dict[str, Any]:
    return {
        "id": link.id,
        "position": position,
        "source": link.source,
        "target": link.target,
        "material": link.material,
        "quantity": link.quantity,
        "unit": link.unit,
        "yield": link.yield_,
        "shipped": _date_out(link.shipped),
        "refs": json.dumps(list(link.references)),
        "material_class": link.material_class,
        "payment_terms": link.payment_terms,
    }


def link_from_row(row: dict[str, Any]) -> Link:
    return Link(
        id=ident(row["id"], "a transfer id"),
        source=ident(row["source"], "a transfer's supplier"),
        target=ident(row["target"], "a transfer's buyer"),
        material=_text(row["material"], "a transfer's material"),
        quantity=_number(row["quantity"], "a transfer's quantity"),
        unit=_text(row["unit"], "a transfer's unit"),
        yield_=_number(row["yield"], "a transfer's yield", optional=True),
        shipped=_date_in(row["shipped"]),
        references=_texts(row["refs"], "a transfer's references"),
        material_class=_text(row["material_class"], "a transfer's material class"),
        payment_terms=_text(row["payment_terms"], "a transfer's payment terms"),
    )


def document_row(document: Document, added_at: str) -> dict[str, Any]:
    return {
        "path": document.path,
        "sha256": document.sha256,
        "type": document.type,
        "size": document.size,
        "title": document.title,
        "date": _date_out(document.date),
        "refs": json.dumps(list(document.references)),
        "language": document.language,
        "translation_of": document.translation_of,
        "page_count": document.page_count,
        "media_type": document.media_type,
        "added_at": added_at,
        "original_name": document.original_name,
        "rendition_sha256": document.rendition_sha256 or None,
        "rendition_reason": document.rendition_reason,
        "needs_rendition": int(document.needs_rendition),
        "pages": json.dumps([[p.width_pt, p.height_pt, p.rotation, p.has_text] for p in document.pages]),
        "notes": json.dumps(list(document.notes)),
        "restrictions": json.dumps(list(document.restrictions)),
        "hostile": json.dumps(list(document.hostile)),
        "suggested_type": document.suggested_type,
        "suggested_confidence": document.suggested_confidence,
    }


def document_from_row(
    row: dict[str, Any], entities: tuple[str, ...], links: tuple[str, ...]
) -> Document:
    return Document(
        path=_path(row["path"]),
        sha256=_text(row["sha256"], "a document hash"),
        type=_text(row["type"], "a document type"),
        size=row["size"],
        title=_text(row["title"], "a document title"),
        date=_date_in(row["date"]),
        entities=entities,
        links=links,
        references=_texts(row["refs"], "a document's references"),
        language=_text(row["language"], "a document language"),
        translation_of=_text(row["translation_of"], "a translated document's path"),
        page_count=_whole(row["page_count"], "a page count"),
        media_type=_text(row["media_type"], "a media type"),
        original_name=_text(row["original_name"], "a document's original name"),
        rendition_sha256=row["rendition_sha256"] or "",
        rendition_reason=row["rendition_reason"],
        needs_rendition=bool(row["needs_rendition"]),
        pages=tuple(PageInfo(w, h, r, bool(t)) for w, h, r, t in json.loads(row["pages"])),
        notes=_texts(row["notes"], "a document's notes"),
        restrictions=_texts(row["restrictions"], "a document's restrictions"),
        hostile=_texts(row["hostile"], "a document's active content"),
        suggested_type=row["suggested_type"],
        suggested_confidence=row["suggested_confidence"],
    )


def not_applicable_from_row(row: dict[str, Any]) -> NotApplicable:
    return NotApplicable(requirement=_text(row["requirement"], "a requirement id"),
                         scope=_text(row["scope"], "a scope"), reason=_text(row["reason"], "a reason"))


def screening_decision_from_row(row: dict[str, Any]) -> ScreeningDecision:
    return ScreeningDecision(
        key=_text(row["key"], "a screening hit"), entity_id=ident(row["entity_id"], "a screened company id"),
        decision=_text(row["decision"], "a screening decision"), reason=_text(row["reason"], "a reason"),
        decided_at=dt.datetime.fromisoformat(row["decided_at"]),
    )


def screening_decision_row(decision: ScreeningDecision) -> dict[str, Any]:
    return {**dataclasses.asdict(decision), "decided_at": decision.decided_at.isoformat()}


def inquiry_row(inquiry: Inquiry, position: int) -> dict[str, Any]:
    return {
        "id": inquiry.id,
        "position": position,
        "date": inquiry.date.isoformat(),
        "asked": inquiry.asked,
        "response_date": _date_out(inquiry.response_date),
        "response_exhibits": json.dumps(list(inquiry.response_exhibits), ensure_ascii=False),
        "contends": json.dumps(list(inquiry.contends), ensure_ascii=False),
    }


def gap_explanation_row(gap: GapExplanation) -> dict[str, Any]:
    requests = [{"to": r.to, "sent": r.sent.isoformat(), "reply_by": _date_out(r.reply_by),
                 "replied": _date_out(r.replied), "reply": r.reply} for r in gap.requests]
    return {
        "requirement": gap.requirement,
        "scope": gap.scope,
        "explanation": gap.explanation,
        "supplement_by": _date_out(gap.supplement_by),
        "requests": json.dumps(requests, ensure_ascii=False),
    }


def gap_explanation_from_row(row: dict[str, Any]) -> GapExplanation:
    requests = tuple(
        GapRequest(to=r["to"], sent=dt.date.fromisoformat(r["sent"]), reply_by=_date_in(r["reply_by"]),
                   replied=_date_in(r["replied"]), reply=r["reply"])
        for r in json.loads(row["requests"])
    )
    return GapExplanation(requirement=row["requirement"], scope=row["scope"], explanation=row["explanation"],
                          supplement_by=_date_in(row["supplement_by"]), requests=requests)


def inquiry_from_row(row: dict[str, Any]) -> Inquiry:
    return Inquiry(
        id=row["id"],
        date=dt.date.fromisoformat(row["date"]),
        asked=row["asked"],
        response_date=_date_in(row["response_date"]),
        response_exhibits=tuple(json.loads(row["response_exhibits"])),
        contends=tuple(ident(item, "what a CBP request contends")
                       for item in _texts(row["contends"], "what a CBP request contends")),
    )


def evidence_statement_row(statement: EvidenceStatement) -> dict[str, Any]:
    return {"id": 1, "summary": statement.summary, "signed_by": statement.signed_by,
            "signed_on": statement.signed_on.isoformat()}


def evidence_statement_from_row(row: dict[str, Any]) -> EvidenceStatement:
    return EvidenceStatement(row["summary"], row["signed_by"], dt.date.fromisoformat(row["signed_on"]))


def order_row(order: DetentionOrder) -> dict[str, Any]:
    return {
        "id": 1,
        "kind": order.kind,
        "issued": _date_out(order.issued),
        "status": order.status,
        "status_changed": _date_out(order.status_changed),
        "goods_outside": int(order.goods_outside),
        "finding_published": _date_out(order.finding_published),
        "scope": order.scope,
        "indicators": json.dumps(list(order.indicators), ensure_ascii=False),
        "producers": json.dumps(list(order.producers), ensure_ascii=False),
    }


def order_from_row(row: dict[str, Any]) -> DetentionOrder:
    return DetentionOrder(
        kind=_choice(row["kind"], ORDER_KINDS, "the order's kind"),
        issued=_date_in(row["issued"]),
        status=_choice(row["status"], ORDER_STATUSES, "the order's status"),
        status_changed=_date_in(row["status_changed"]),
        goods_outside=bool(row["goods_outside"]),
        finding_published=_date_in(row["finding_published"]),
        scope=_text(row["scope"], "the order's scope"),
        indicators=tuple(_choice(item, vocab.FORCED_LABOR_INDICATORS, "an indicator of the order")
                         for item in _texts(row["indicators"], "the order's indicators")),
        producers=_texts(row["producers"], "the order's producers"),
    )


def extension_request_row(request: ExtensionRequest, position: int) -> dict[str, Any]:
    return {
        "position": position,
        "task": request.task,
        "requested": request.requested.isoformat(),
        "due": _date_out(request.due),
        "granted_on": _date_out(request.granted_on),
        "until": _date_out(request.until),
    }


def extension_request_from_row(row: dict[str, Any]) -> ExtensionRequest:
    return ExtensionRequest(
        task=_text(row["task"], "an extension request's task"),
        requested=dt.date.fromisoformat(row["requested"]),
        due=_date_in(row["due"]),
        granted_on=_date_in(row["granted_on"]),
        until=_date_in(row["until"]),
    )


def _choice(value: Any, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"{what} is {value!r}, not one of {', '.join(allowed)}")
    return str(value)
