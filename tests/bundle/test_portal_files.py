"""`bundle --portal-files DIR`: the files CBP's Forced Labor Portal takes, beside the one signed bundle."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from assembly_support import DOCUMENT_DATE, Doc, catalog, small_case, text_pdf
from hypothesis import given
from hypothesis import strategies as st
from signing_support import PASSWORD, identity
from test_volumes import _heavy_pdf

from importer_app.bundle.build import build
from importer_app.bundle.plan import BundleOptions
from importer_app.bundle.portal_files import ORDER_FILE, write_portal_files
from importer_app.bundle.source import BundleSource
from importer_app.bundle.verify import verify_pdf
from importer_app.cli.main import main
from importer_app.core.portal_rules import load_portal_rules
from importer_app.core.safe_names import MAX_NAME_BYTES, safe_file_name
from importer_app.store.casefile import CaseFile

PORTAL_NAME = re.compile(r"^[A-Za-z0-9-]+\.pdf$")


@given(st.text())
def test_a_portal_name_has_only_letters_digits_and_dashes_whatever_the_text(text: str) -> None:
    name = safe_file_name(text, ".pdf", letters_digits_dashes=True)
    assert PORTAL_NAME.match(name), name
    assert len(name.encode()) <= MAX_NAME_BYTES


def test_a_portal_name_keeps_the_letters_of_an_accented_or_reserved_name() -> None:
    assert safe_file_name("Ürün n°12 / ABC_1234567.8", ".pdf", letters_digits_dashes=True) == "Urun-n-12-ABC-1234567-8.pdf"
    assert safe_file_name("CON", ".pdf", letters_digits_dashes=True) == "file-CON.pdf"
    assert safe_file_name("出口", ".pdf", letters_digits_dashes=True) == "unnamed.pdf"


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("portal-files")
    docs = [Doc(f"small-{n:02d}.pdf", text_pdf(f"small {n}"), links=("farm-mill",)) for n in range(20)]
    docs += [Doc(f"heavy-{n}.pdf", _heavy_pdf(n), links=("farm-mill",)) for n in range(5)]
    return small_case(folder / "case.tcase", docs)


def _listed(order: Path) -> list[tuple[str, int]]:
    """(name, bytes) of every file upload-order.txt lists, in its order."""
    text = order.read_text(encoding="utf-8")
    return [(name, int(size.replace(",", ""))) for name, size in
            re.findall(r"^\d+\. (\S+)\n +[\d.]+ (?:kB|MB) \(([\d,]+) bytes\)", text, flags=re.M)]


def test_the_signed_portal_files_are_named_for_the_portal_under_the_size_and_listed_in_order(
        case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p12, password = tmp_path / "id.p12", tmp_path / "pw.txt"
    p12.write_bytes(identity().p12_bytes)
    password.write_bytes(PASSWORD + b"\n")
    out, folder = tmp_path / "bundle.pdf", tmp_path / "for the portal"
    status = main(["bundle", str(case), "-o", str(out), "--date", "2026-11-28", "--allow-unexplained-gaps",
                   "--portal-files", str(folder), "--max-volume-mb", "0.6", "--sign", str(p12),
                   "--password-file", str(password)])
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert out.is_file() and not list(tmp_path.glob("bundle-vol*.pdf")), "the bundle itself stays one file"
    listed = _listed(folder / ORDER_FILE)
    assert len(listed) >= 3
    assert sorted(path.name for path in folder.iterdir()) == sorted([ORDER_FILE, *(name for name, _ in listed)])
    assert [name for name, _ in listed] == [f"ABC-1234567-8-submission-vol{k}.pdf" for k in range(1, len(listed) + 1)]
    for name, size in listed:
        assert PORTAL_NAME.match(name)
        path = folder / name
        assert path.stat().st_size == size <= 600_000, name
        report = verify_pdf(path)
        assert report.signatures and report.intact, (name, report.reasons)
    order = (folder / ORDER_FILE).read_text(encoding="utf-8")
    assert "The portal's limit per file is not known (looked for on 2026-12-06)" in order
    assert "split at 600 kB (1 MB = 1,000,000 bytes)" in order
    assert f"Volume 1 of {len(listed)}: the cover letter" in order
    assert f"Volume {len(listed)} of {len(listed)}: " in order and "the manifest of original files" in order.split(f"Volume {len(listed)} of")[1]
    assert "! The portal's limit per file is not known" in printed
    assert printed.count("Verified ") == 1 + len(listed) and "Intact" in printed
    with CaseFile.open(case, readonly=True) as casefile:
        (entry,) = [e for e in casefile.audit_log() if e.action == "export bundle"][-1:]
    assert entry.details["portal_files"] == [str(folder / name) for name, _ in listed]


def test_without_a_size_the_portal_gets_the_signed_bundle_as_one_file_and_is_told_why(
        case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, folder = tmp_path / "bundle.pdf", tmp_path / "portal"
    assert main(["bundle", str(case), "-o", str(out), "--date", "2026-11-28", "--allow-unexplained-gaps",
                 "--portal-files", str(folder)]) == 0
    ((name, size),) = _listed(folder / ORDER_FILE)
    assert name == "ABC-1234567-8-submission.pdf"
    assert (folder / name).read_bytes() == out.read_bytes() and size == out.stat().st_size
    order = (folder / ORDER_FILE).read_text(encoding="utf-8")
    assert "no volume size was asked for, so the bundle is one file" in order
    assert "The whole submission: the cover letter" in order
    assert "no volume size was asked for" in capsys.readouterr().out


def test_a_known_portal_limit_splits_the_files_to_it(case: Path, tmp_path: Path) -> None:
    rules = load_portal_rules(catalog())
    known = dataclasses.replace(rules, uploads=dataclasses.replace(
        rules.uploads, max_file_mb=0.55, unknown=tuple(k for k in rules.uploads.unknown if k != "max_file_mb")))
    options = BundleOptions(output=tmp_path / "bundle.pdf", document_date=DOCUMENT_DATE)
    with CaseFile.open(case, readonly=True) as casefile:
        source = BundleSource.from_casefile(casefile)
        bundle = build(source, options, catalog=catalog())
        files = write_portal_files(source, options, bundle, tmp_path / "portal", known, asked_mb=None,
                                   catalog=catalog())
    assert files.limit_mb == 0.55 and files.limit_known
    assert "the portal's limit per file" in files.size_note and "at most 550 kB" in files.size_note
    assert len(files.files) >= 3 and all(item.size <= 550_000 and not item.over_limit for item in files.files)
    assert [item.position for item in files.files] == list(range(1, len(files.files) + 1))


def test_an_older_file_left_in_the_portal_folder_is_pointed_out(case: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "portal"
    folder.mkdir()
    (folder / "ABC-1234567-8-submission-vol9.pdf").write_bytes(b"old")
    assert main(["bundle", str(case), "-o", str(tmp_path / "bundle.pdf"), "--date", "2026-11-28",
                 "--allow-unexplained-gaps", "--portal-files", str(folder)]) == 0
    assert "! ABC-1234567-8-submission-vol9.pdf in " in capsys.readouterr().out
    assert (folder / "ABC-1234567-8-submission-vol9.pdf").read_bytes() == b"old"


@pytest.mark.parametrize("where, expected", [
    ("a-file", "this is a file, not a folder"),
    ("missing/portal", "does not exist"),
    (".", "name a folder of their own"),
])
def test_a_portal_folder_that_cannot_be_used_is_bad_input_and_nothing_is_written(
        case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str, expected: str) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    out = tmp_path / "bundle.pdf"
    assert main(["bundle", str(case), "-o", str(out), "--date", "2026-11-28", "--allow-unexplained-gaps",
                 "--portal-files", str(tmp_path / where)]) == 2
    err = capsys.readouterr().err
    assert "--portal-files" in err and expected in err
    assert not out.exists() and not (tmp_path / "missing").exists()
