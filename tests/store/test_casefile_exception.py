"""Schema version 5: an entity's region, CBP's requests and their answers, and the signed
evidence statement, each kept with its audit entry; a version 1 file reads them as empty."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from importer_app.core.errors import CaseFileError
from importer_app.core.model import Document, Entity, EvidenceStatement, Inquiry, Shipment
from importer_app.store.casefile import CaseFile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
INQUIRY = Inquiry("cf28-1", dt.date(2026, 10, 12), "Quartzite sources")
STATEMENT = EvidenceStatement("Every lot traced to its mine.", "Jane Roe", dt.date(2026, 10, 21))
PDF = b"%PDF-1.4\n% CBP's request answered\n%%EOF\n"
ANSWER = Document(path="answer.pdf", sha256=hashlib.sha256(PDF).hexdigest(), type="cbp_correspondence", size=len(PDF))


@pytest.fixture
def case_path(tmp_path: Path, shipment: Shipment) -> Path:
    path = tmp_path / "case.tcase"
    CaseFile.create(path, shipment).close()
    return path


def test_an_old_file_migrates_with_no_region_no_inquiry_and_no_statement(tmp_path: Path) -> None:
    path = tmp_path / "old.tcase"
    shutil.copy(FIXTURES / "case-v1.tcase", path)
    with CaseFile.open(path) as casefile:
        case = casefile.load()
    assert [entity.subdivision for entity in case.entities] == [""]
    assert (case.inquiries, case.evidence_statement) == ((), None)


def test_inquiries_and_the_statement_are_kept_and_audited(case_path: Path) -> None:
    document = ANSWER
    with CaseFile.open(case_path) as casefile:
        casefile.add_document(document, PDF)
        assert casefile.put_inquiry(INQUIRY).action == "add"
        answered = dataclasses.replace(INQUIRY, response_date=dt.date(2026, 10, 20), response_exhibits=(document.path,))
        assert casefile.put_inquiry(answered).action == "update"
        casefile.put_inquiry(Inquiry("letter-2", dt.date(2026, 10, 14), "Payroll"))
        casefile.remove_inquiry("letter-2")
        casefile.set_evidence_statement(STATEMENT)
        case = casefile.load()
        actions = [entry.action for entry in casefile.audit_log()][-5:]
        casefile.set_evidence_statement(None)
        withdrawn = casefile.load().evidence_statement
    assert case.inquiries == (answered,)
    assert case.evidence_statement == STATEMENT and withdrawn is None
    assert actions == ["record CBP request", "record CBP request", "record CBP request", "remove CBP request",
                       "sign off evidence statement"]


def test_an_entitys_region_is_kept(case_path: Path) -> None:
    smelter = Entity("smelter", "Turpan Silicon", "raw_material_producer", "CN", subdivision="CN-XJ")
    with CaseFile.open(case_path) as casefile:
        casefile.add_entity(smelter)
        assert casefile.load().entity("smelter").subdivision == "CN-XJ"


@pytest.mark.parametrize(("inquiry", "message"), [
    (dataclasses.replace(INQUIRY, asked=" "), "A request from CBP needs what it asked for, in a few words."),
    (dataclasses.replace(INQUIRY, response_date=dt.date(2026, 10, 20), response_exhibits=("gone.pdf",)),
     "The answer to cf28-1 names documents the case does not hold: gone.pdf. Add them first."),
])
def test_a_request_without_substance_is_refused(case_path: Path, inquiry: Inquiry, message: str) -> None:
    with CaseFile.open(case_path) as casefile:
        with pytest.raises(CaseFileError, match="^" + message.replace(".", r"\.") + "$"):
            casefile.put_inquiry(inquiry)
        with pytest.raises(CaseFileError, match="needs its summary and the name"):
            casefile.set_evidence_statement(dataclasses.replace(STATEMENT, signed_by=""))
        assert casefile.load().inquiries == ()
