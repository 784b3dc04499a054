"""A malformed PDF intake accepted never stops the bundle: added, bound, signed and verified."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pypdf
from assembly_support import Doc, build_case, catalog, small_case, text_pdf
from malformed_pdfs import ALL
from signing_support import NOW, sign

from importer_app.bundle.verify import verify_pdf
from importer_app.case.intake import AddOptions, add_files
from importer_app.store.casefile import CaseFile


def test_every_malformed_pdf_added_through_intake_is_bound_signed_and_verified(tmp_path: Path) -> None:
    folder = tmp_path / "from-supplier"
    folder.mkdir()
    for name, make in ALL.items():
        (folder / f"{name}.pdf").write_bytes(make())
    case_path = small_case(tmp_path / "case.tcase", [Doc("cover.pdf", text_pdf("cover"), links=("farm-mill",))])
    with CaseFile.open(case_path) as casefile:
        results = add_files(casefile, [folder], AddOptions(links=("farm-mill",), workers=1), catalog())
        assert sorted((r.code, Path(r.source).stem) for r in results) == [("added", name) for name in sorted(ALL)]
        documents = {d.path: d for d in casefile.load().documents}
        stored = {path: casefile.read_blob(d.bundle_sha256) for path, d in documents.items()}

    for path, document in documents.items():
        data = stored[path]
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == document.page_count, path
        assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == document.page_count, path

    result = build_case(case_path, tmp_path / "bundle.pdf")
    (volume,) = result.volumes
    assert {e.document.path: e.page_count for e in result.plan.exhibits} == {
        path: d.page_count for path, d in documents.items()}
    assert len(pypdf.PdfReader(volume.path).pages) == volume.page_count
    assert volume.signature is not None
    sign(volume.path, signature_box=volume.signature)
    report = verify_pdf(volume.path, now=NOW)
    assert report.intact, report.reasons
    assert report.page_count == volume.page_count
    assert len(report.originals) == len(documents) and all(c.status == "ok" for c in report.originals)
