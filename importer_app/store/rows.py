"""Conversions between the model's dataclasses and the case file's rows."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from importer_app.core.model import (
    Document,
    Entity,
    EvidenceStatement,
    GapExplanation,
    GapRequest,
    Inquiry,
    Link,
    NotApplicable,
    PageInfo,
    ScreeningDecision,
    Shipment,
)

_SHIPMENT_DATES = (
    "date_of_importation",
    "date_presented",
    "date_of_detention",
    "date_of_notice",
    "date_of_exclusion_notice",
    "date_of_protest",
    "date_of_seizure_notice",
    "date_exception_granted",
)


def _date_out(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date_in(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


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
    for name in _SHIPMENT_DATES:
        values[name] = _date_in(values[name])
    values["entry_lines"] = tuple(json.loads(values["entry_lines"]))
    values["hts"] = tuple(json.loads(values["hts"]))
    return Shipment(**values)


def entity_row(entity: Entity, position: int) -> dict[str, Any]:
    return {**dataclasses.asdict(entity), "aliases": json.dumps(list(entity.aliases), ensure_ascii=False),
            "position": position}


def entity_from_row(row: dict[str, Any]) -> Entity:
    return Entity(
        id=row["id"],
        name=row["name"],
        role=row["role"],
        country=row["country"],
        address=row["address"],
        name_local=row["name_local"],
        tier=row["tier"],
        aliases=tuple(json.loads(row["aliases"])),
        subdivision=row["subdivision"],
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
    }


def link_from_row(row: dict[str, Any]) -> Link:
    return Link(
        id=row["id"],
        source=row["source"],
        target=row["target"],
        material=row["material"],
        quantity=row["quantity"],
        unit=row["unit"],
        yield_=row["yield"],
        shipped=_date_in(row["shipped"]),
        references=tuple(json.loads(row["refs"])),
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
        path=row["path"],
        sha256=row["sha256"],
        type=row["type"],
        size=row["size"],
        title=row["title"],
        date=_date_in(row["date"]),
        entities=entities,
        links=links,
        references=tuple(json.loads(row["refs"])),
        language=row["language"],
        translation_of=row["translation_of"],
        page_count=row["page_count"],
        media_type=row["media_type"],
        original_name=row["original_name"],
        rendition_sha256=row["rendition_sha256"] or "",
        rendition_reason=row["rendition_reason"],
        needs_rendition=bool(row["needs_rendition"]),
        pages=tuple(PageInfo(w, h, r, bool(t)) for w, h, r, t in json.loads(row["pages"])),
        notes=tuple(json.loads(row["notes"])),
        restrictions=tuple(json.loads(row["restrictions"])),
        hostile=tuple(json.loads(row["hostile"])),
        suggested_type=row["suggested_type"],
        suggested_confidence=row["suggested_confidence"],
    )


def not_applicable_from_row(row: dict[str, Any]) -> NotApplicable:
    return NotApplicable(requirement=row["requirement"], scope=row["scope"], reason=row["reason"])


def screening_decision_from_row(row: dict[str, Any]) -> ScreeningDecision:
    return ScreeningDecision(
        key=row["key"], entity_id=row["entity_id"], decision=row["decision"], reason=row["reason"],
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
    )


def evidence_statement_row(statement: EvidenceStatement) -> dict[str, Any]:
    return {"id": 1, "summary": statement.summary, "signed_by": statement.signed_by,
            "signed_on": statement.signed_on.isoformat()}


def evidence_statement_from_row(row: dict[str, Any]) -> EvidenceStatement:
    return EvidenceStatement(row["summary"], row["signed_by"], dt.date.fromisoformat(row["signed_on"]))
