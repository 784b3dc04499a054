"""The case index: look-ups never raise on ids the case does not know."""

from __future__ import annotations

from typing import TYPE_CHECKING

from importer_app.core.caseindex import CaseIndex

if TYPE_CHECKING:
    from case_kit import CaseKit


def test_phrases_fall_back_to_the_bare_id_for_unknown_ids(kit: CaseKit) -> None:
    index = CaseIndex(kit.complete())
    assert index.entity_phrase("ghost") == "entity ghost"
    assert index.entity_name("ghost") == "ghost"
    assert index.link_phrase("ghost") == "link ghost"
    assert index.document_phrase("ghost.pdf") == "ghost.pdf"
    assert index.scope_label("link:ghost") == "Link ghost"
    assert index.scope_tail("entity:ghost") == ", for entity ghost"
    assert index.scope_tail("document:ghost.pdf") == ", for ghost.pdf"


def test_sentence_tails_name_the_scope_and_nothing_for_the_case(kit: CaseKit) -> None:
    index = CaseIndex(kit.complete())
    assert index.scope_tail("entity:farm") == ", for Lone Star Cotton Farm (raw material producer, US)"
    assert index.scope_tail("link:farm-spinner") == (
        ", for the transfer of raw cotton lint from Lone Star Cotton Farm to Delta Spinning Co., Ltd. (link farm-spinner)")
    assert index.scope_tail("case") == ""
    assert index.scope_tail("entity:farm") is index.scope_tail("entity:farm")


def test_headings_name_what_a_scope_is(kit: CaseKit) -> None:
    case = kit.adding(kit.complete(), kit.doc("a.pdf", "other", title="Annex A"))
    index = CaseIndex(case)
    assert index.scope_label("case") == "The case as a whole"
    assert index.scope_label("entity:farm") == "Entity farm: Lone Star Cotton Farm (raw material producer, US)"
    assert index.scope_label("document:a.pdf") == "Document Annex A (a.pdf)"
    assert index.document_phrase("links/farm-spinner/purchase_order.pdf") == "links/farm-spinner/purchase_order.pdf"


def test_scopes_sort_case_entities_links_documents_then_unknown(kit: CaseKit) -> None:
    case = kit.complete()
    index = CaseIndex(case)
    ranks = [
        index.scope_rank(scope)
        for scope in ("case", "entity:farm", "entity:acme", "link:farm-spinner", "link:garment-acme",
                      f"document:{case.documents[0].path}", f"document:{case.documents[-1].path}",
                      "entity:ghost", "nonsense")
    ]  # fmt: skip
    assert ranks == sorted(ranks)
    assert ranks[-1] == ranks[-2] == 1 + len(case.entities) + len(case.links) + len(case.documents)


def test_documents_are_found_by_link_entity_type_and_translation(kit: CaseKit) -> None:
    original = kit.doc("vi.pdf", "commercial_invoice", language="vi", links=("farm-spinner",))
    english = kit.doc("en.pdf", "commercial_invoice", translation_of="vi.pdf", links=("farm-spinner",))
    index = CaseIndex(kit.adding(kit.complete(), original, english))
    invoices = index.link_paths(("commercial_invoice",))
    assert invoices("farm-spinner") == ("links/farm-spinner/commercial_invoice.pdf", "vi.pdf", "en.pdf")
    assert invoices("ghost") == ()
    either = index.link_paths(("packing_list", "bill_of_lading"))
    assert either("farm-spinner") == ("links/farm-spinner/packing_list.pdf",)
    assert index.entity_paths(("timecard",))("farm") == ("entities/farm/timecard.pdf",)
    assert [d.path for d in index.translations_of("vi.pdf")] == ["en.pdf"]
    assert index.documents["en.pdf"] is english
    assert [l.id for l in index.incoming_of("spinner")] == ["farm-spinner"]
    assert index.outgoing_of("acme") == ()
