"""Writing a case back out as a case description (``importer-app-case/1``).

A small emitter rather than a general TOML writer: the layout must read like Appendix A
(``[shipment]`` first, one ``[[entities]]`` table per entity, keys in the documented order),
which general writers do not promise.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from importer_app.core.description import FORMAT, CaseSpec
from importer_app.core.description_keys import TABLE_KEYS, KeySpec
from importer_app.core.model import Case


def render_description(case: Case | CaseSpec, paths: Mapping[str, str] | None = None) -> str:
    """The TOML text of ``case``, keys in Appendix A order, empty optional keys left out.

    Passwords are never written.

    Args:
        paths: the path to write for each document, keyed by the document's path in the
            case (used when documents are exported somewhere else); default: as stored.
    """
    paths = paths or {}
    out = [f"format = {_value(FORMAT)}", ""]
    out += _table("[shipment]", TABLE_KEYS["shipment"], dataclasses.asdict(case.shipment))
    for entity in case.entities:
        out += _table("[[entities]]", TABLE_KEYS["entities"], dataclasses.asdict(entity))
        for row in entity.recipe:
            out += _table("[[entities.recipe]]", TABLE_KEYS["entities.recipe"], dataclasses.asdict(row))
    for link in case.links:
        out += _table("[[links]]", TABLE_KEYS["links"], dataclasses.asdict(link))
    for document in case.documents:
        values = dataclasses.asdict(document)
        values["path"] = paths.get(document.path, document.path)
        if document.translation_of:
            values["translation_of"] = paths.get(document.translation_of, document.translation_of)
        if document.language == "en":
            values["language"] = None
        values.pop("password", None)
        out += _table("[[documents]]", TABLE_KEYS["documents"], values)
    for decision in case.not_applicable:
        out += _table("[[not_applicable]]", TABLE_KEYS["not_applicable"], dataclasses.asdict(decision))
    for inquiry in case.inquiries:
        values = dataclasses.asdict(inquiry)
        values["response_exhibits"] = tuple(paths.get(path, path) for path in inquiry.response_exhibits)
        out += _table("[[inquiries]]", TABLE_KEYS["inquiries"], values)
    if case.evidence_statement is not None:
        out += _table("[evidence_statement]", TABLE_KEYS["evidence_statement"], dataclasses.asdict(case.evidence_statement))
    if case.order is not None:
        out += _table("[order]", TABLE_KEYS["order"], dataclasses.asdict(case.order))
    for request in case.extension_requests:
        out += _table("[[extension_requests]]", TABLE_KEYS["extension_requests"], dataclasses.asdict(request))
    for gap in case.gap_explanations:
        out += _table("[[gap_explanations]]", TABLE_KEYS["gap_explanations"], dataclasses.asdict(gap))
        for request in gap.requests:
            out += _table("[[gap_explanations.requests]]", TABLE_KEYS["gap_explanations.requests"],
                          dataclasses.asdict(request))
    return "\n".join(out)


def _table(header: str, specs: Mapping[str, KeySpec], values: Mapping[str, Any]) -> list[str]:
    lines = [header]
    for key, spec in specs.items():
        value = values.get(spec.field)
        if value is None or value is False or value == "" or value == ():
            continue
        if spec.kind == "number" and isinstance(value, float) and value.is_integer():
            value = int(value)
        lines.append(f"{key} = {_value(value)}")
    return lines + [""]


def _value(value: Any) -> str:
    if isinstance(value, str):
        # JSON's string escapes are a subset of TOML's basic-string escapes; TOML also
        # forbids a raw DEL character.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007F")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, dt.date)):
        return value.isoformat() if isinstance(value, dt.date) else repr(value)
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} in a case description")
