"""Which documents count for which item: only documents CBP can read (English, or with an
English translation in the case), and one document for one item unless the catalog says the
items share it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importer_app.core import vocab
from importer_app.core.model import Case, Document
from importer_app.core.report import Report

if TYPE_CHECKING:
    from case_kit import CaseKit

Check = Callable[[Case], Report]
_AUDIT_TYPES = ("audit_report", "remediation_plan", "affidavit", "training_record", "facility_visit_record")


def labor_evidence(kit: CaseKit, regime: str, *docs: Document) -> Case:
    """The complete case whose audit, remediation, affidavit and training evidence is ``docs``."""
    return kit.adding(kit.without_types(kit.complete(regime), *_AUDIT_TYPES), *docs)


def missing(report: Report) -> set[tuple[str, str]]:
    return {(s.requirement, s.scope) for s in report.statuses if s.state == "missing"}


# ---------------------------------------------------------------- language


def test_an_untranslated_dormitory_report_does_not_count_as_the_audit(kit: CaseKit, check: Check) -> None:
    dormitory = kit.doc("audits/dorm.pdf", "audit_report", language="zh", title="Dormitory inspection")
    report = check(labor_evidence(kit, "wro", dormitory))
    assert kit.state(report, "DD-05") == "missing"
    [finding] = kit.of(report, requirement="DD-05")
    assert finding.message == (
        "Recommended: Recent unannounced independent third-party audit reports. Dormitory inspection "
        "(audits/dorm.pdf) is not in English (zh) and the case holds no English translation of it, so it does "
        "not count; add its translation. Add recent audit reports of the production facilities, preferably "
        "unannounced ones."
    )


def test_the_translated_report_counts_once_with_its_translation(kit: CaseKit, check: Check) -> None:
    dormitory = kit.doc("audits/dorm.pdf", "audit_report", language="zh")
    english = kit.doc("audits/dorm-en.pdf", "audit_report", translation_of="audits/dorm.pdf", title="Translation")
    report = check(labor_evidence(kit, "wro", dormitory, english))
    [status] = [s for s in report.statuses if s.requirement == "DD-05"]
    assert (status.state, status.documents) == ("satisfied", ("audits/dorm.pdf", "audits/dorm-en.pdf"))
    # The original and its translation are one document: the ILO-indicator item needs another.
    assert kit.state(report, "LAB-05") == "missing"
    [finding] = kit.of(report, requirement="LAB-05")
    assert ' The document audits/dorm.pdf counts for "Recent unannounced independent third-party audit reports"' in finding.message


def test_a_foreign_invoice_without_translation_leaves_its_link_without_invoice(kit: CaseKit, check: Check) -> None:
    case = kit.without(kit.complete("wro"), lambda d: d.type == "commercial_invoice" and "farm-spinner" in d.links)
    invoice = kit.doc("vi/invoice.pdf", "commercial_invoice", language="vi", links=("farm-spinner",))
    report = check(kit.adding(case, invoice))
    assert kit.state(report, "SCT-05", "link:farm-spinner") == "missing"
    assert kit.state(report, "PKG-05", "document:vi/invoice.pdf") == "missing"
    translation = kit.doc("en/invoice.pdf", "other", language="en", translation_of="vi/invoice.pdf")
    report = check(kit.adding(case, invoice, translation))
    assert kit.state(report, "SCT-05", "link:farm-spinner") == "satisfied"


def test_a_translation_into_another_language_does_not_make_a_document_count(kit: CaseKit, check: Check) -> None:
    dormitory = kit.doc("audits/dorm.pdf", "audit_report", language="zh")
    french = kit.doc("audits/dorm-fr.pdf", "other", language="fr", translation_of="audits/dorm.pdf")
    report = check(labor_evidence(kit, "finding", dormitory, french))
    assert kit.state(report, "DD-05") == "missing"


# ---------------------------------------------------------------- one document, one item


def test_one_announced_audit_of_a_gin_is_the_audit_and_nothing_more(kit: CaseKit, check: Check) -> None:
    gin_audit = kit.doc("audits/gin.pdf", "audit_report", title="Announced audit of the gin")
    report = check(labor_evidence(kit, "uflpa-exception", gin_audit))
    assert kit.state(report, "DD-05") == "satisfied"
    assert kit.state(report, "DD-04") == "missing"
    assert kit.state(report, "LAB-05") == "missing"
    taken = ('Announced audit of the gin (audits/gin.pdf) counts for "Recent unannounced independent third-party'
             ' audit reports": one document is evidence for one item, so this one needs its own.')
    for row in ("DD-04", "LAB-05"):
        [finding] = kit.of(report, requirement=row)
        assert taken in finding.message


def test_further_documents_of_a_type_reach_the_next_items_in_rank(kit: CaseKit, check: Check) -> None:
    audits = [kit.doc(f"audits/{n}.pdf", "audit_report") for n in range(4)]
    expected = {
        1: {"DD-05": ["audits/0.pdf"]},
        2: {"DD-05": ["audits/0.pdf"], "LAB-05": ["audits/1.pdf"]},
        3: {"DD-05": ["audits/0.pdf"], "LAB-05": ["audits/1.pdf"], "DD-04": ["audits/2.pdf"]},
        4: {"DD-05": ["audits/0.pdf", "audits/3.pdf"], "LAB-05": ["audits/1.pdf"], "DD-04": ["audits/2.pdf"]},
    }
    for count, dealt in expected.items():
        report = check(labor_evidence(kit, "uflpa-exception", *audits[:count]))
        got = {s.requirement: list(s.documents) for s in report.statuses
               if s.requirement in ("DD-04", "DD-05", "LAB-05") and s.state == "satisfied"}
        assert got == dealt, count


def test_each_row_s_main_evidence_comes_first(kit: CaseKit, check: Check) -> None:
    # A remediation plan is DD-06's only type and LAB-05's second: it goes to DD-06; the audit
    # report is LAB-05's first type, but DD-05 accepts nothing else, so DD-05 has it.
    plan = kit.doc("plan.pdf", "remediation_plan")
    audit = kit.doc("audit.pdf", "audit_report")
    affidavit = kit.doc("affidavit.pdf", "affidavit")
    report = check(labor_evidence(kit, "wro", plan, audit, affidavit))
    dealt = {s.requirement: s.documents for s in report.statuses if s.state == "satisfied"}
    assert (dealt["DD-06"], dealt["DD-05"], dealt["SCT-20"]) == (("plan.pdf",), ("audit.pdf",), ("affidavit.pdf",))
    assert kit.state(report, "LAB-05") == "missing"
    [finding] = kit.of(report, requirement="LAB-05")
    assert finding.message.count('counts for "') == 3


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_the_items_reached_do_not_depend_on_the_order_of_the_documents(kit: CaseKit, check: Check,
                                                                         order: tuple[int, ...]) -> None:
    docs = [kit.doc("a.pdf", "audit_report"), kit.doc("b.pdf", "remediation_plan"), kit.doc("c.pdf", "audit_report")]
    report = check(labor_evidence(kit, "wro", *(docs[n] for n in order)))
    assert {s.requirement for s in report.statuses if s.state == "satisfied"} >= {"DD-05", "DD-06", "LAB-05"}
    assert kit.state(report, "SCT-20") == "missing"


def test_items_the_catalog_says_share_a_document_all_count_it(kit: CaseKit, check: Check) -> None:
    case = kit.without_types(kit.complete("uflpa-exception"), "due_diligence_policy", "code_of_conduct",
                             "inventory_record")
    report = check(kit.adding(case, kit.doc("policy.pdf", "due_diligence_policy")))
    for row in ("REG-04", "DD-01", "SCM-01"):
        [status] = [s for s in report.statuses if s.requirement == row]
        assert (status.state, status.documents) == ("satisfied", ("policy.pdf",)), row


def test_a_shared_stock_record_is_both_lot_segregation_and_an_internal_control(kit: CaseKit, check: Check) -> None:
    case = kit.without_types(kit.complete("uflpa-exception"), "due_diligence_policy", "inventory_record")
    report = check(kit.adding(case, kit.doc("stock.pdf", "inventory_record")))
    assert kit.state(report, "SCT-17") == "satisfied"
    assert kit.state(report, "SCM-01") == "satisfied"


# ---------------------------------------------------------------- adding a document never adds a gap


@st.composite
def extra_document(draw: st.DrawFn, paths: list[str]) -> Document:
    entity_ids = ["farm", "spinner", "garment", "acme"]
    link_ids = ["farm-spinner", "spinner-garment", "garment-acme"]
    language = draw(st.sampled_from(["en", "en", "vi", "zh"]))
    return Document(
        path="extra/new.pdf",
        sha256="0" * 64,
        type=draw(st.sampled_from(vocab.DOCUMENT_TYPES)),
        size=1000,
        entities=tuple(draw(st.lists(st.sampled_from(entity_ids), max_size=2, unique=True))),
        links=tuple(draw(st.lists(st.sampled_from(link_ids), max_size=2, unique=True))),
        language=language,
        translation_of=draw(st.sampled_from(["", *paths])) if language == "en" else "",
        date=draw(st.sampled_from([None, dt.date(2026, 4, 1), dt.date(2026, 10, 15)])),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_adding_a_document_never_adds_a_missing_item(kit: CaseKit, check: Check, data: st.DataObject) -> None:
    regime = data.draw(st.sampled_from(vocab.REGIMES))
    complete = kit.complete(regime)
    foreign = (kit.doc("vi/audit.pdf", "audit_report", language="vi"),
               kit.doc("vi/invoice.pdf", "commercial_invoice", language="vi", links=("farm-spinner",)))
    pool = [*complete.documents, *foreign]
    kept = data.draw(st.lists(st.sampled_from(pool), unique_by=lambda d: d.path, max_size=len(pool)))
    before_case = kit.replacing(complete, documents=tuple(kept))
    extra = data.draw(extra_document([d.path for d in kept]))
    position = data.draw(st.integers(0, len(kept)))
    after_case = kit.replacing(complete, documents=(*kept[:position], extra, *kept[position:]))
    before, after = missing(check(before_case)), missing(check(after_case))
    added = {item for item in after - before if item[1] != f"document:{extra.path}"}
    assert added == set()
