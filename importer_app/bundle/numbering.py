"""Steps and exhibit numbers: the supply chain told from raw material to the import.

Each entity that has documents is one step; steps run from the deepest tier (raw material)
to the importer (tier 0), entities of one tier in the case's order, entities not connected
to the importer after them. A document belongs to the step of the entity it speaks for:

- a document that proves transfers (links) belongs to the buyer's step, because the buyer's
  receipt, invoice and payment of its input are how material enters that step;
- otherwise it belongs to the step of the entities it names;
- a document whose ties fall in more than one step (a screening record of every party, a
  code of conduct the importer and a supplier signed) or in none at all goes to a last step,
  "evidence for the whole supply chain", after the import. Putting it last keeps step 1 the
  raw material, so the exhibit numbers read in the order the goods moved.

Within a step, documents run by date (undated ones last), then by path; a translation
follows the document it translates. Steps without documents are left out, so exhibit
numbers have no holes; the evidence response says what is missing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from importer_app.bundle.pages.templates import load_template
from importer_app.bundle.plan import BundlePlan, Exhibit, Step
from importer_app.core import vocab
from importer_app.core.countries import country_name
from importer_app.core.model import Case, Document
from importer_app.core.tiers import derive_tiers

_CASE_WIDE = "*case*"


def has_pdf(document: Document) -> bool:
    """Whether the document has PDF pages to bind; otherwise a slip sheet stands in for it."""
    is_pdf = document.media_type == "application/pdf" or bool(document.rendition_sha256)
    return is_pdf and not document.needs_rendition and bool(document.page_count)


def number_exhibits(case: Case) -> BundlePlan:
    """The steps and numbered exhibits of a case, in reading order."""
    order = _entity_order(case)
    rank = {entity_id: position for position, entity_id in enumerate(order)}
    paths = {document.path for document in case.documents}
    translations: dict[str, list[Document]] = defaultdict(list)
    by_step: dict[str, list[Document]] = defaultdict(list)
    for document in case.documents:
        if document.translation_of in paths and document.translation_of != document.path:
            translations[document.translation_of].append(document)
        else:
            by_step[_step_of(document, case, rank)].append(document)
    placed: set[str] = set()
    keyed = {key: _reading_order(documents, translations, placed) for key, documents in by_step.items()}
    # Translations that form a cycle have no original to follow; each keeps its own step.
    for document in case.documents:
        if document.path not in placed:
            keyed.setdefault(_step_of(document, case, rank), []).append(document)
    steps: list[Step] = []
    exhibits: list[Exhibit] = []
    for key in [*order, _CASE_WIDE]:
        if not keyed.get(key):
            continue
        number = len(steps) + 1
        steps.append(_step(case, key, number))
        exhibits += [
            Exhibit(id=f"{number}.{index}", step=number, document=document,
                    page_count=document.page_count if has_pdf(document) and document.page_count else 1)
            for index, document in enumerate(keyed[key], start=1)
        ]
    return BundlePlan(steps=tuple(steps), exhibits=tuple(exhibits))


def _entity_order(case: Case) -> list[str]:
    tiers = derive_tiers(case)
    position = {entity.id: index for index, entity in enumerate(case.entities)}

    def key(entity_id: str) -> tuple[int, int, int]:
        tier = tiers.get(entity_id)
        return (1, 0, position[entity_id]) if tier is None else (0, -tier, position[entity_id])

    return sorted(position, key=key)


def _step_of(document: Document, case: Case, rank: dict[str, int]) -> str:
    targets = {link.id: link.target for link in case.links}
    tied = [targets[link] for link in document.links if link in targets]
    if not tied:
        tied = [entity for entity in document.entities if entity in rank]
    return tied[0] if len(set(tied)) == 1 else _CASE_WIDE


def _reading_order(documents: Sequence[Document], translations: dict[str, list[Document]],
                   placed: set[str]) -> list[Document]:
    """``documents`` by date then path, each followed by its translations (and theirs)."""
    ordered: list[Document] = []

    def place(document: Document) -> None:
        if document.path in placed:
            return
        placed.add(document.path)
        ordered.append(document)
        for translation in sorted(translations.get(document.path, []), key=_date_key):
            place(translation)

    for document in sorted(documents, key=_date_key):
        place(document)
    return ordered


def _date_key(document: Document) -> tuple[bool, dt.date, str]:
    return (document.date is None, document.date or dt.date.min, document.path)


def _step(case: Case, key: str, number: int) -> Step:
    words = load_template("assembly")
    if key == _CASE_WIDE:
        return Step(number=number, title=words.text("steps", "case_wide", values={"number": str(number)}),
                    entity_ids=())
    entity = case.entity(key)
    values = {"number": str(number), "name": entity.name,
              "role": vocab.ROLE_LABELS.get(entity.role, entity.role).lower(), "country": country_name(entity.country)}
    return Step(number=number, title=words.text("steps", "entity", values=values), entity_ids=(key,))
