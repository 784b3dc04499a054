"""Adding files to a case: what is kept, what is refused, and that nothing is half-stored."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from builders import make_pdf

from importer_app.case.intake import AddOptions, add_files, collect, process, store, unique_path
from importer_app.core.catalog import Catalog, load_catalog
from importer_app.core.model import Shipment
from importer_app.core.progress import CancelToken
from importer_app.store.casefile import CaseFile


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def case_path(tmp_path: Path, shipment: Shipment) -> Path:
    path = tmp_path / "case.tcase"
    CaseFile.create(path, shipment).close()
    return path


def test_a_pdf_is_stored_with_its_text_and_suggestion(case_path: Path, tmp_path: Path, catalog: Catalog) -> None:
    source = tmp_path / "inv-2201.pdf"
    source.write_bytes(make_pdf(["COMMERCIAL INVOICE No. INV-2201 Invoice total USD 8,400 Seller Buyer"]))
    with CaseFile.open(case_path) as casefile:
        (result,) = add_files(casefile, [source], AddOptions(), catalog)
        document = casefile.load().documents[0]
        assert casefile.read_blob(document.sha256) == source.read_bytes()
        assert casefile.search_text("INV-2201") == ["inv-2201.pdf"]
    assert result.added and "added as inv-2201.pdf" in result.message
    assert document.page_count == 1 and document.searchable
    assert document.suggested_type == "commercial_invoice"


def test_an_explicit_type_is_never_replaced_by_a_suggestion(case_path: Path, tmp_path: Path, catalog: Catalog) -> None:
    source = tmp_path / "x.pdf"
    source.write_bytes(make_pdf(["COMMERCIAL INVOICE No. INV-1 Invoice total"]))
    with CaseFile.open(case_path) as casefile:
        add_files(casefile, [source], AddOptions(type="packing_list"), catalog)
        document = casefile.load().documents[0]
    assert document.type == "packing_list"


def test_the_same_bytes_twice_are_reported_not_stored_again(case_path: Path, tmp_path: Path, catalog: Catalog) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "copy of a.pdf"
    first.write_bytes(make_pdf(["same"]))
    shutil.copy(first, second)
    with CaseFile.open(case_path) as casefile:
        results = add_files(casefile, [first, second], AddOptions(workers=1), catalog)
        assert len(casefile.load().documents) == 1
    assert sorted(r.code for r in results) == ["added", "duplicate"]
    duplicate = next(r for r in results if r.code == "duplicate")
    assert "already in the case as a.pdf" in duplicate.message


def test_a_refused_file_leaves_the_case_as_it_was(case_path: Path, tmp_path: Path, catalog: Catalog) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with CaseFile.open(case_path) as casefile:
        before = casefile.audit_log()
        (result,) = add_files(casefile, [empty], AddOptions(), catalog)
        assert casefile.load().documents == () and casefile.audit_log() == before
    assert result.code == "empty" and "empty.pdf" in result.message


def test_folders_are_walked_and_names_kept_unique(case_path: Path, tmp_path: Path, catalog: Catalog) -> None:
    folder = tmp_path / "supplier mail"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.pdf").write_bytes(make_pdf(["one"]))
    (folder / "sub" / "a.pdf").write_bytes(make_pdf(["two"]))
    (folder / ".hidden.pdf").write_bytes(make_pdf(["hidden"]))
    candidates = collect([folder])
    assert [c.path_in_case for c in candidates] == ["supplier mail/a.pdf", "supplier mail/sub/a.pdf"]
    assert unique_path("a.pdf", {"a.pdf", "a (2).pdf"}) == "a (3).pdf"


def test_cancelling_keeps_every_finished_file_and_no_partial_one(case_path: Path, tmp_path: Path,
                                                                catalog: Catalog) -> None:
    sources = []
    for number in range(8):
        source = tmp_path / f"doc-{number}.pdf"
        source.write_bytes(make_pdf([f"document {number}"] * 3))
        sources.append(source)
    cancel = CancelToken()
    stored = []
    with CaseFile.open(case_path) as casefile:
        for candidate, outcome in process(collect(sources), AddOptions(workers=1), catalog, cancel=cancel):
            stored.append(store(casefile, candidate, outcome, AddOptions(), catalog))
            if len(stored) == 3:
                cancel.cancel()
        documents = casefile.load().documents
        for document in documents:
            assert len(pypdf.PdfReader(io.BytesIO(casefile.read_blob(document.sha256))).pages) == 3
    assert 3 <= len(stored) < 8
    assert len(documents) == len(stored) and all(r.added for r in stored)


def test_the_add_command_reports_each_file_and_exits_1_when_some_are_refused(case_path: Path, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(make_pdf(["a purchase order"]))
    bad.write_text("this is a text file named like a PDF")
    result = subprocess.run([sys.executable, "-m", "importer_app", "add", str(case_path), str(good), str(bad),
                             "--type", "purchase_order", "--json"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    outcome = {Path(r["file"]).name: r for r in json.loads(result.stdout)}
    assert outcome["good.pdf"]["result"] == "added" and outcome["bad.pdf"]["result"] == "not-supported"
    with CaseFile.open(case_path, readonly=True) as casefile:
        (document,) = casefile.load().documents
    assert document.type == "purchase_order"
    assert document.sha256 == hashlib.sha256(good.read_bytes()).hexdigest()


def test_the_add_command_refuses_an_unknown_entity(case_path: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.pdf"
    good.write_bytes(make_pdf(["x"]))
    result = subprocess.run([sys.executable, "-m", "importer_app", "add", str(case_path), str(good),
                             "--entity", "nobody"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "--entity nobody: the case has no entity" in result.stderr


def test_an_encrypted_pdf_needs_its_password(case_path: Path, corpus: Path, catalog: Catalog) -> None:
    source = corpus / "enc-user-password-aes128.pdf"
    with CaseFile.open(case_path) as casefile:
        (refused,) = add_files(casefile, [source], AddOptions(), catalog)
        assert refused.code == "password-required"
        # The manifest gives this file's user password: "user password 'asdfzxcv'".
        (added,) = add_files(casefile, [source], AddOptions(passwords={source.name: "asdfzxcv"}), catalog)
        assert added.added and casefile.load().documents[0].rendition_reason == "decrypted"
