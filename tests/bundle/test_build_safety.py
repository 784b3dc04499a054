"""A bundle appears at its target only when complete: cancel and failure leave nothing there."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from assembly_support import (
    DOCUMENT_DATE,
    Doc,
    build_case,
    catalog,
    quick_front,
    small_case,
    text_pdf,
)

from importer_app.bundle.build import BundleSource, build
from importer_app.bundle.plan import BundleOptions
from importer_app.core.errors import BundleCancelled, BundleError, CaseFileError
from importer_app.core.progress import CancelToken
from importer_app.store.casefile import CaseFile


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    docs = [Doc(f"doc-{n}.pdf", text_pdf(f"document {n}", "second page"), links=("farm-mill",)) for n in range(6)]
    return small_case(tmp_path / "case.tcase", docs)


def test_cancelling_midway_leaves_no_file_at_all(case_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "bundle.pdf"
    out.parent.mkdir()
    cancel = CancelToken()
    seen: list[str] = []

    def progress(done: int, total: int, what: str) -> None:
        seen.append(what)
        if done == 3:
            cancel.cancel()

    with CaseFile.open(case_path, readonly=True) as casefile, pytest.raises(BundleCancelled):
        build(BundleSource.from_casefile(casefile), BundleOptions(output=out, document_date=DOCUMENT_DATE),
              progress=progress, cancel=cancel, catalog=catalog(), front_matter=quick_front)
    assert seen[:3] == ["1.1", "1.2", "1.3"]
    assert list(out.parent.iterdir()) == []


def test_a_damaged_stored_file_stops_the_build_and_leaves_the_old_bundle(case_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle.pdf"
    out.write_bytes(b"the bundle sent last week")
    calls = 0

    with CaseFile.open(case_path, readonly=True) as casefile:
        def damaged(sha256: str) -> bytes:
            nonlocal calls
            calls += 1
            if calls == 4:
                raise CaseFileError("A stored document is damaged.")
            return casefile.read_blob(sha256)

        with pytest.raises(CaseFileError):
            build(replace(BundleSource.from_casefile(casefile), read_blob=damaged), BundleOptions(output=out, document_date=DOCUMENT_DATE),
                  catalog=catalog(), front_matter=quick_front)
    assert out.read_bytes() == b"the bundle sent last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle.pdf", "case.tcase"]


def test_a_pdf_that_no_longer_has_its_recorded_pages_is_refused_by_name(tmp_path: Path) -> None:
    case_path = small_case(tmp_path / "case.tcase", [Doc("short.pdf", text_pdf("one", "two"))])
    with CaseFile.open(case_path, readonly=True) as casefile:
        source = BundleSource.from_casefile(casefile)
        (document,) = source.case.documents
        changed = replace(source.case, documents=(replace(document, page_count=3),))
        with pytest.raises(BundleError, match="docs/short.pdf has 2 pages"):
            build(replace(source, case=changed), BundleOptions(output=tmp_path / "b.pdf", document_date=DOCUMENT_DATE),
                  catalog=catalog(), front_matter=quick_front)
    assert not (tmp_path / "b.pdf").exists()


def test_a_missing_folder_or_a_bad_prefix_is_a_sentence_for_the_user(case_path: Path, tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="does not exist"):
        build_case(case_path, tmp_path / "nowhere" / "b.pdf")
    with pytest.raises(BundleError, match="capital letters"):
        build_case(case_path, tmp_path / "b.pdf", bates_prefix="acme inc")
    assert not (tmp_path / "b.pdf").exists()


def test_the_progress_counts_every_exhibit_and_the_file(case_path: Path, tmp_path: Path) -> None:
    reports: list[tuple[int, int, str]] = []
    with CaseFile.open(case_path, readonly=True) as casefile:
        build(BundleSource.from_casefile(casefile), BundleOptions(output=tmp_path / "b.pdf",
                                                                  document_date=dt.date(2026, 11, 28)),
              progress=lambda *args: reports.append(args), catalog=catalog(), front_matter=quick_front)
    assert reports == [(n, 7, f"1.{n}") for n in range(1, 7)] + [(7, 7, "b.pdf")]


def test_each_volume_is_finished_in_its_temporary_file_before_any_reaches_the_target(case_path: Path,
                                                                                    tmp_path: Path) -> None:
    out = tmp_path / "out" / "bundle.pdf"
    out.parent.mkdir()
    seen: list[tuple[str, bool]] = []

    def finish(temp: Path, volume: object) -> None:
        seen.append((temp.name, out.exists()))
        with temp.open("ab") as file:  # stands in for a signature appended to the file
            file.write(b"\n% finished\n")

    with CaseFile.open(case_path, readonly=True) as casefile:
        result = build(BundleSource.from_casefile(casefile), BundleOptions(output=out, document_date=DOCUMENT_DATE),
                       catalog=catalog(), front_matter=quick_front, finish_volume=finish)
    [(temp_name, target_existed)] = seen
    assert temp_name.startswith(".bundle.pdf.") and temp_name.endswith(".partial") and not target_existed
    assert out.read_bytes().endswith(b"\n% finished\n")
    assert result.volumes[0].size == out.stat().st_size


def test_a_failure_while_finishing_leaves_the_old_bundle_and_no_temporary_file(case_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle.pdf"
    out.write_bytes(b"the bundle sent last week")

    def fail(temp: Path, volume: object) -> None:
        raise BundleError("The signing identity expired.")

    with CaseFile.open(case_path, readonly=True) as casefile, pytest.raises(BundleError, match="expired"):
        build(BundleSource.from_casefile(casefile), BundleOptions(output=out, document_date=DOCUMENT_DATE),
              catalog=catalog(), front_matter=quick_front, finish_volume=fail)
    assert out.read_bytes() == b"the bundle sent last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle.pdf", "case.tcase"]


def test_temporary_files_a_killed_build_left_are_removed_by_the_next(case_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "bundle.pdf"
    out.parent.mkdir()
    leftovers = [".bundle.pdf.0a1b2c3d4e5f.partial", ".bundle-vol2.pdf.0a1b2c3d4e5f.partial",
                 "..bundle.pdf.0a1b2c3d4e5f.partial.x1y2z3.part"]
    for name in (*leftovers, ".other.pdf.0a1b2c3d4e5f.partial", "notes.txt"):
        (out.parent / name).write_bytes(b"x")
    with CaseFile.open(case_path, readonly=True) as casefile:
        build(BundleSource.from_casefile(casefile), BundleOptions(output=out, document_date=DOCUMENT_DATE),
              catalog=catalog(), front_matter=quick_front)
    assert sorted(p.name for p in out.parent.iterdir()) == [".other.pdf.0a1b2c3d4e5f.partial", "bundle.pdf", "notes.txt"]


def test_a_full_disk_is_a_sentence_for_the_user_and_leaves_the_old_bundle(case_path: Path, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import contextlib
    import errno
    import io

    from importer_app.bundle import build as build_module

    class FullDisk(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    @contextlib.contextmanager
    def full(target: Path, temps: list[Path]):  # type: ignore[no-untyped-def]
        yield FullDisk()

    monkeypatch.setattr(build_module, "_temporary", full)
    out = tmp_path / "bundle.pdf"
    out.write_bytes(b"the bundle sent last week")
    with CaseFile.open(case_path, readonly=True) as casefile, \
            pytest.raises(BundleError, match=f"The disk holding {tmp_path} is full.*nothing was written"):
        build(BundleSource.from_casefile(casefile), BundleOptions(output=out, document_date=DOCUMENT_DATE),
              catalog=catalog(), front_matter=quick_front)
    assert out.read_bytes() == b"the bundle sent last week"
