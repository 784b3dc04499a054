"""The case file keeps everything, refuses what it must, and never damages a file it refuses."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from importer_app.core.errors import CaseFileError, CaseFileLockedError, CaseFileReadOnlyError, CaseFileVersionError
from importer_app.core.model import Case, Document, Entity, Link, NotApplicable, Shipment
from importer_app.store.casefile import CaseFile, write_new_case
from importer_app.store.schema import current_version

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PDF = b"%PDF-1.4\n% a stand-in for a supplier's file\n%%EOF\n"


def _document(path: str, data: bytes = PDF, **fields: object) -> Document:
    return Document(path=path, sha256=hashlib.sha256(data).hexdigest(), type="purchase_order",
                    size=len(data), **fields)  # type: ignore[arg-type]


@pytest.fixture
def case_path(tmp_path: Path, shipment: Shipment, entities: tuple[Entity, ...], links: tuple[Link, ...]) -> Path:
    path = tmp_path / "case.tcase"
    with CaseFile.create(path, shipment) as casefile:
        for entity in entities:
            casefile.add_entity(entity)
        for link in links:
            casefile.add_link(link)
    return path


def test_everything_written_is_read_back_unchanged(case_path: Path, shipment: Shipment,
                                                   entities: tuple[Entity, ...], links: tuple[Link, ...]) -> None:
    document = _document("docs/po-77.pdf", title="PO 77", date=dt.date(2026, 5, 1), entities=("spinner",),
                         links=("spinner-factory",), references=("PO-77",), language="vi", page_count=1)
    decision = NotApplicable("SCT-15", "entity:spinner", "Machines are leased; lease attached.")
    with CaseFile.open(case_path) as casefile:
        casefile.add_document(document, PDF)
        casefile.set_not_applicable(decision)
    with CaseFile.open(case_path, readonly=True) as casefile:
        case = casefile.load()
    assert case == Case(shipment, entities, links, (document,), (decision,))


def test_edits_update_and_remove(case_path: Path, entities: tuple[Entity, ...]) -> None:
    renamed = dataclasses.replace(entities[1], name="Saigon Garment Joint Stock Company")
    with CaseFile.open(case_path) as casefile:
        change = casefile.update_entity(renamed)
        casefile.remove_link("factory-importer")
        casefile.remove_entity("importer")
        case = casefile.load()
    assert change.area == "entities" and change.key == "factory"
    assert case.entity("factory").name == "Saigon Garment Joint Stock Company"
    assert [e.id for e in case.entities] == ["factory", "spinner"]
    assert [k.id for k in case.links] == ["spinner-factory"]


def test_an_entity_with_links_cannot_be_removed(case_path: Path) -> None:
    with CaseFile.open(case_path) as casefile:
        with pytest.raises(CaseFileError, match="remove those links first"):
            casefile.remove_entity("spinner")
        assert len(casefile.load().entities) == 3


def test_same_bytes_are_stored_once_and_kept_while_used(case_path: Path) -> None:
    with CaseFile.open(case_path) as casefile:
        casefile.add_document(_document("a.pdf"), PDF)
        casefile.add_document(_document("copy-of-a.pdf"), PDF)
        assert casefile.db["blobs"].count == 1
        casefile.remove_document("a.pdf")
        assert casefile.db["blobs"].count == 1
        casefile.remove_document("copy-of-a.pdf")
        assert casefile.db["blobs"].count == 0


def test_a_document_stored_again_keeps_the_moment_it_was_first_added(case_path: Path) -> None:
    with CaseFile.open(case_path) as casefile:
        casefile.add_document(_document("a.pdf"), PDF, added_at="2026-01-05T10:00:00+00:00")
        first = casefile.document_added_at("a.pdf")
        casefile.remove_document("a.pdf")
        with pytest.raises(CaseFileError, match="no document a.pdf"):
            casefile.document_added_at("a.pdf")
        casefile.add_document(_document("a.pdf"), PDF, added_at=first)
        assert casefile.documents_received()["a.pdf"] == dt.date(2026, 1, 5)
        casefile.add_document(_document("b.pdf"), PDF)
        assert casefile.documents_received()["b.pdf"] == dt.datetime.now(dt.timezone.utc).date()


def test_commits_skip_the_disk_wait_only_while_files_are_added_and_the_log_is_synced_after(case_path: Path) -> None:
    with CaseFile.open(case_path) as casefile:
        assert casefile.commits_wait_for_disk
        casefile.begin_adding_files()
        casefile.begin_adding_files()  # a second batch while the first runs
        casefile.add_document(_document("a.pdf"), PDF)
        assert not casefile.commits_wait_for_disk
        casefile.end_adding_files()
        assert not casefile.commits_wait_for_disk, "the first batch to end put the wait back under the second"
        casefile.end_adding_files()
        assert casefile.commits_wait_for_disk
        assert case_path.with_name(case_path.name + "-wal").exists()
        pages, copied = casefile.checkpoint_log()
        assert pages > 0 and copied == pages, "the log was not copied into the case"
    with CaseFile.open(case_path, readonly=True) as again:
        assert [d.path for d in again.load().documents] == ["a.pdf"]
        assert again.checkpoint_log() == (0, 0)  # no log beside a case opened for reading


def test_a_document_whose_hash_does_not_match_its_bytes_is_refused(case_path: Path) -> None:
    with CaseFile.open(case_path) as casefile:
        with pytest.raises(CaseFileError, match="does not match"):
            casefile.add_document(_document("a.pdf", data=b"other bytes"), PDF)
        assert casefile.load().documents == ()


def test_reading_a_damaged_blob_is_detected(case_path: Path) -> None:
    document = _document("a.pdf")
    with CaseFile.open(case_path) as casefile:
        casefile.add_document(document, PDF)
    conn = sqlite3.connect(case_path)
    conn.execute("UPDATE blobs SET data = ? WHERE sha256 = ?", (PDF.replace(b"stand-in", b"forgery!"), document.sha256))
    conn.commit()
    conn.close()
    with CaseFile.open(case_path) as casefile:
        with pytest.raises(CaseFileError, match="damaged"):
            casefile.read_blob(document.sha256)
        assert casefile.damaged_blobs() == [document.sha256]


def test_unsafe_document_paths_are_refused(case_path: Path) -> None:
    with CaseFile.open(case_path) as casefile:
        for bad in ("../outside.pdf", "/etc/passwd", "C:/x.pdf", "docs\\x.pdf", "docs//x.pdf"):
            with pytest.raises(CaseFileError, match="Cannot add document"):
                casefile.add_document(_document(bad), PDF)


def test_every_change_is_in_the_audit_log_which_cannot_be_rewritten(case_path: Path) -> None:
    with CaseFile.open(case_path) as casefile:
        before = len(casefile.audit_log())
        casefile.add_document(_document("a.pdf"), PDF)
        casefile.set_not_applicable(NotApplicable("SCT-15", "case", "No equipment"))
        log = casefile.audit_log()
    assert [e.action for e in log[before:]] == ["add document", "mark not applicable"]
    assert log[before].object == "document:a.pdf" and log[before].details["size"] == len(PDF)
    assert all(e.user and e.at.endswith("+00:00") for e in log)
    conn = sqlite3.connect(case_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_log SET action = 'nothing happened'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_log")
    conn.close()


def test_a_failed_change_leaves_no_trace_in_the_case_or_the_log(case_path: Path, links: tuple[Link, ...]) -> None:
    with CaseFile.open(case_path) as casefile:
        before = casefile.audit_log()
        with pytest.raises(CaseFileError):
            casefile.add_link(links[0])  # the id is taken
        assert casefile.audit_log() == before
        assert len(casefile.load().links) == 2


def test_not_applicable_needs_a_reason(case_path: Path) -> None:
    with CaseFile.open(case_path) as casefile:
        with pytest.raises(CaseFileError, match="needs a reason"):
            casefile.set_not_applicable(NotApplicable("SCT-15", "case", "  "))


def test_a_version_1_file_is_migrated_forward(tmp_path: Path) -> None:
    path = tmp_path / "old.tcase"
    shutil.copy(FIXTURES / "case-v1.tcase", path)
    with CaseFile.open(path) as casefile:
        case = casefile.load()
        log = casefile.audit_log()
        casefile.set_setting("bates_prefix", "OLD")
        assert casefile.setting("bates_prefix") == "OLD"
    assert case.shipment.entry_number == "V1-0000001-1"
    assert [e.id for e in case.entities] == ["mill"]
    assert log[-1].action == "migrate schema" and log[-1].details == {"from": 1, "to": current_version()}
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == current_version()
    conn.close()


def test_reading_an_old_file_read_only_does_not_change_it(tmp_path: Path) -> None:
    path = tmp_path / "old.tcase"
    shutil.copy(FIXTURES / "case-v1.tcase", path)
    before = path.read_bytes()
    with CaseFile.open(path, readonly=True) as casefile:
        assert casefile.load().shipment.importer_of_record == "Old Version Importer LLC"
        with pytest.raises(CaseFileError, match="read-only"):
            casefile.set_setting("x", "y")
    assert path.read_bytes() == before


def test_a_file_from_a_newer_version_is_refused_and_left_byte_identical(case_path: Path) -> None:
    conn = sqlite3.connect(case_path)
    conn.execute(f"PRAGMA user_version = {current_version() + 1}")
    conn.commit()
    conn.close()
    before = case_path.read_bytes()
    for readonly in (False, True):
        with pytest.raises(CaseFileVersionError) as refused:
            CaseFile.open(case_path, readonly=readonly)
        assert f"version {current_version() + 1}" in str(refused.value)
        assert f"up to version {current_version()}" in str(refused.value)
    assert case_path.read_bytes() == before


def test_a_damaged_file_is_refused(case_path: Path) -> None:
    with CaseFile.open(case_path) as casefile:
        casefile.add_document(_document("a.pdf", data=PDF * 2000), PDF * 2000)
    data = bytearray(case_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    # Overwrite the b-tree pages after the schema page: SQLite's structure checks see it.
    for offset in range(page_size * 2, len(data) - page_size, page_size):
        data[offset:offset + 8] = b"\xffGARBAGE"
    case_path.write_bytes(bytes(data))
    with pytest.raises(CaseFileError, match="damaged|cannot be read"):
        CaseFile.open(case_path)


@pytest.mark.parametrize("content", [b"", b"hello, this is not a database", b"%PDF-1.7\n"])
def test_a_file_that_is_not_a_case_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.tcase"
    path.write_bytes(content)
    with pytest.raises(CaseFileError, match="not an importer_app case file"):
        CaseFile.open(path)


def test_another_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.tcase"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(CaseFileError, match="not an importer_app case file"):
        CaseFile.open(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError, match="does not exist"):
        CaseFile.open(tmp_path / "nowhere.tcase")


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TRIGGER steal AFTER INSERT ON documents BEGIN DELETE FROM blobs; END",
        "CREATE VIEW everything AS SELECT * FROM documents",
        "CREATE TABLE extra (payload TEXT)",
        "DROP TRIGGER audit_log_no_update",
    ],
)
def test_a_file_with_a_schema_we_did_not_write_is_refused(case_path: Path, statement: str) -> None:
    conn = sqlite3.connect(case_path)
    conn.execute(statement)
    conn.commit()
    conn.close()
    before = case_path.read_bytes()
    with pytest.raises(CaseFileError, match="did not create"):
        CaseFile.open(case_path)
    assert case_path.read_bytes() == before


@pytest.mark.parametrize(
    ("statement", "where"),
    [
        ("UPDATE entities SET name = printf('%.*c', 2000000, 'A')", "entities.name, 2 MB"),
        ("UPDATE shipment SET merchandise = printf('%.*c', 150000, 'x')", "shipment.merchandise, 150 kB"),
        ("INSERT INTO settings (key, value) VALUES ('x', printf('%.*c', 3000000, 'x'))", "settings.value, 3 MB"),
    ],
)
def test_a_file_with_absurd_values_is_refused_before_anything_reads_them(case_path: Path, statement: str,
                                                                         where: str) -> None:
    conn = sqlite3.connect(case_path)
    conn.execute(statement)
    conn.commit()
    conn.close()
    before = case_path.read_bytes()
    for readonly in (False, True):
        with pytest.raises(CaseFileError, match=f"holds a value importer_app never writes \\({where}\\)"):
            CaseFile.open(case_path, readonly=readonly)
    assert case_path.read_bytes() == before


def test_long_values_importer_app_writes_are_accepted(case_path: Path) -> None:
    conn = sqlite3.connect(case_path)
    conn.execute("UPDATE entities SET address = printf('%.*c', 60000, 'a')")
    conn.commit()
    conn.close()
    with CaseFile.open(case_path, readonly=True) as casefile:
        assert len(casefile.load().entities[0].address) == 60000


def test_one_writer_at_a_time_while_readers_read_the_last_saved_state(case_path: Path) -> None:
    probe = (
        "import sys\n"
        "from importer_app.store.casefile import CaseFile\n"
        "from importer_app.core.errors import CaseFileLockedError\n"
        "try:\n"
        f"    with CaseFile.open({str(case_path)!r}, readonly=sys.argv[1] == 'ro') as casefile:\n"
        "        print(casefile.load().shipment.merchandise)\n"
        "except CaseFileLockedError as error:\n"
        "    print(error); sys.exit(9)\n"
    )
    with CaseFile.open(case_path) as writer:
        writer.set_shipment(dataclasses.replace(writer.load().shipment, merchandise="Saved while open"))
        refused = subprocess.run([sys.executable, "-c", probe, "rw"], capture_output=True, text=True, timeout=60)
        assert refused.returncode == 9, refused.stderr
        assert "already open in another window or program" in refused.stdout
        reader = subprocess.run([sys.executable, "-c", probe, "ro"], capture_output=True, text=True, timeout=60)
        assert (reader.returncode, reader.stdout.strip()) == (0, "Saved while open"), reader.stderr
    assert not (case_path.parent / f".{case_path.name}.lock").exists()
    assert not (case_path.parent / f"{case_path.name}-wal").exists()
    result = subprocess.run([sys.executable, "-c", probe, "rw"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_the_same_process_cannot_open_the_case_twice_for_editing(case_path: Path) -> None:
    with CaseFile.open(case_path):
        with pytest.raises(CaseFileLockedError):
            CaseFile.open(case_path)


def test_a_closed_case_is_one_self_contained_file(case_path: Path) -> None:
    with CaseFile.open(case_path) as casefile:
        casefile.add_document(_document("a.pdf"), PDF)
    assert sorted(p.name for p in case_path.parent.iterdir()) == ["case.tcase"]


def test_writing_a_new_case_is_all_or_nothing(tmp_path: Path, shipment: Shipment, links: tuple[Link, ...]) -> None:
    target = tmp_path / "new.tcase"
    # The links name entities the case does not have: the foreign keys refuse the write.
    broken = Case(shipment, (), links)
    with pytest.raises(CaseFileError):
        write_new_case(target, broken, {}, source="test")
    assert list(tmp_path.iterdir()) == []


def test_writing_a_new_case_does_not_replace_an_existing_file_unless_asked(tmp_path: Path, shipment: Shipment) -> None:
    target = tmp_path / "new.tcase"
    target.write_bytes(b"precious")
    with pytest.raises(CaseFileError, match="already exists"):
        write_new_case(target, Case(shipment), {}, source="test")
    assert target.read_bytes() == b"precious"
    write_new_case(target, Case(shipment), {}, source="test", overwrite=True)
    with CaseFile.open(target, readonly=True) as casefile:
        assert casefile.load().shipment == shipment


def test_a_full_disk_is_explained_and_the_case_is_unchanged(case_path: Path) -> None:
    big = PDF + b"%" + bytes(200_000) + b"\n"
    with CaseFile.open(case_path) as casefile:
        before = casefile.load(), casefile.audit_log()
        pages = casefile._conn.execute("PRAGMA page_count").fetchone()[0]
        # SQLite's own page limit stands in for a full disk: the write fails the same way.
        casefile._conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(CaseFileError, match="is full"):
            casefile.add_document(_document("scan.pdf", data=big), big)
        assert (casefile.load(), casefile.audit_log()) == before


def _immutable(path: Path, on: bool) -> bool:
    """Make a file read-only even for root (``chattr +i``); False where that is not possible."""
    result = subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True, check=False)
    return result.returncode == 0


def test_a_read_only_case_file_is_refused_for_editing_and_left_as_it_was(tmp_path: Path, shipment: Shipment) -> None:
    path = tmp_path / "case.tcase"
    with CaseFile.create(path, shipment):
        pass
    before = path.read_bytes()
    if not _immutable(path, True):
        pytest.skip("chattr +i is not available here (needs root on ext4), and root ignores chmod")
    try:
        with pytest.raises(CaseFileError, match="cannot be opened for editing .* copy the case to a folder you can write to"):
            CaseFile.open(path)
        with CaseFile.open(path, readonly=True) as casefile:  # reading still works
            assert casefile.load().shipment == shipment
    finally:
        _immutable(path, False)
    assert path.read_bytes() == before


def test_a_case_that_turns_read_only_while_open_keeps_the_changes_and_says_where(tmp_path: Path,
                                                                                shipment: Shipment) -> None:
    path = tmp_path / "case.tcase"
    with CaseFile.create(path, shipment):
        pass
    casefile = CaseFile.open(path)
    if not _immutable(path, True):
        casefile.close()
        pytest.skip("chattr +i is not available here (needs root on ext4), and root ignores chmod")
    try:
        casefile.set_not_applicable(NotApplicable("REG-05", "case", "No request was received."))
        with pytest.raises(CaseFileError, match="kept beside it in case.tcase-wal: keep the two files together"):
            casefile.close()
    finally:
        _immutable(path, False)
    with CaseFile.open(path) as again:  # writable again: SQLite replays the kept changes
        assert again.load().not_applicable == (NotApplicable("REG-05", "case", "No request was received."),)


def test_a_new_case_in_a_missing_folder_names_the_folder_not_writability(tmp_path: Path, shipment: Shipment) -> None:
    missing = tmp_path / "not-made-yet"
    with pytest.raises(CaseFileError, match="not-made-yet does not exist") as refused:
        CaseFile.create(missing / "new.tcase", shipment)
    assert not isinstance(refused.value, CaseFileReadOnlyError)
    assert not missing.exists()
