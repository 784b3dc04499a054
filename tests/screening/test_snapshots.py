"""Each import is kept as a dated version; a refused file never replaces the list in force."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from screening_files import uflpa_page, uflpa_table, wro_csv, wro_row

from importer_app import paths
from importer_app.core.errors import ListFileError, ListStoreError
from importer_app.screening import current_snapshots, import_list, list_snapshots

MONDAY = dt.datetime(2026, 10, 5, 14, 30, tzinfo=dt.UTC)


@pytest.fixture
def wro_file(tmp_path: Path) -> Path:
    path = tmp_path / "withhold-release-orders-findings-fy26-2026-09-29.csv"
    path.write_bytes(wro_csv([wro_row("Hoshine Silicon Industry Co. Ltd. and Subsidiaries"),
                              wro_row("Compañía Azucarera d’Oriente S.A.", kind="Finding")]))
    return path


@pytest.fixture
def uflpa_file(tmp_path: Path) -> Path:
    path = tmp_path / "UFLPA Entity List _ Homeland Security.html"
    path.write_bytes(uflpa_page(uflpa_table("i", [("Xinjiang Tianmian Textile Co., Ltd.", "June 21, 2022")])))
    return path


def test_an_import_is_stored_with_its_source_hash_date_and_entities(wro_file: Path) -> None:
    result = import_list(wro_file, MONDAY)

    snapshot = result.snapshot
    assert not result.already_imported
    assert (snapshot.list_id, snapshot.source_kind, snapshot.file_name) == ("wro", "cbp-wro-csv", wro_file.name)
    assert snapshot.sha256 == hashlib.sha256(wro_file.read_bytes()).hexdigest()
    assert snapshot.imported_at == snapshot.confirmed_at == MONDAY
    assert snapshot.entity_count == 2
    assert any("Windows-1252" in note for note in snapshot.notes)
    assert current_snapshots() == {"wro": snapshot}
    assert list_snapshots() == (snapshot,)
    stored = json.loads((paths.data_dir() / "lists" / f"{snapshot.id}.json").read_text(encoding="utf-8"))
    assert (stored["format"], stored["entity_count"], stored["sha256"]) == (1, 2, snapshot.sha256)


def test_both_lists_are_in_force_side_by_side(wro_file: Path, uflpa_file: Path) -> None:
    import_list(wro_file, MONDAY)
    import_list(uflpa_file, MONDAY + dt.timedelta(minutes=1))

    current = current_snapshots()
    assert list(current) == ["uflpa", "wro"]
    assert current["uflpa"].entities[0].section == "2(d)(2)(B)(i)"


def test_a_newer_import_replaces_the_list_in_force_and_the_old_version_is_kept(wro_file: Path, tmp_path: Path) -> None:
    first = import_list(wro_file, MONDAY).snapshot
    newer = tmp_path / "withhold-release-orders-findings-fy26-2026-10-30.csv"
    newer.write_bytes(wro_csv([wro_row("Sinan Salt Farm")]))

    second = import_list(newer, MONDAY + dt.timedelta(days=30)).snapshot

    assert current_snapshots()["wro"] == second
    assert list_snapshots() == (first, second)


def test_the_same_file_imported_again_is_recognised_and_confirmed(wro_file: Path, tmp_path: Path) -> None:
    first = import_list(wro_file, MONDAY).snapshot
    copy = tmp_path / "renamed.csv"
    copy.write_bytes(wro_file.read_bytes())
    later = MONDAY + dt.timedelta(days=40)

    again = import_list(copy, later)

    assert again.already_imported
    assert (again.snapshot.id, again.snapshot.imported_at, again.snapshot.confirmed_at) == (first.id, MONDAY, later)
    assert len(list_snapshots()) == 1
    assert current_snapshots()["wro"].confirmed_at == later


def test_a_malformed_file_is_refused_and_the_previous_snapshot_stays_in_force(wro_file: Path, tmp_path: Path) -> None:
    good = import_list(wro_file, MONDAY).snapshot
    broken = tmp_path / "broken.csv"
    broken.write_bytes(wro_csv([wro_row("A Co."), wro_row("B Co.", date="2021-13-45")]))
    folder = paths.data_dir() / "lists"
    before = sorted(p.name for p in folder.iterdir())

    with pytest.raises(ListFileError, match="line 3"):
        import_list(broken, MONDAY + dt.timedelta(days=1))

    assert current_snapshots() == {"wro": good}
    assert sorted(p.name for p in folder.iterdir()) == before


def test_a_file_that_is_neither_list_is_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Supplier list, to screen later\n", encoding="utf-8")

    with pytest.raises(ListFileError, match="neither the CBP"):
        import_list(notes, MONDAY)
    assert current_snapshots() == {}


def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ListFileError, match="cannot be read"):
        import_list(tmp_path / "missing.csv", MONDAY)


def test_a_naive_import_time_is_taken_as_utc(wro_file: Path) -> None:
    snapshot = import_list(wro_file, dt.datetime(2026, 10, 5, 14, 30)).snapshot

    assert snapshot.imported_at == MONDAY


def test_a_damaged_or_newer_snapshot_file_is_reported(wro_file: Path) -> None:
    snapshot = import_list(wro_file, MONDAY).snapshot
    stored = paths.data_dir() / "lists" / f"{snapshot.id}.json"
    document = json.loads(stored.read_text(encoding="utf-8"))

    stored.write_text(json.dumps({**document, "format": 99}), encoding="utf-8")
    with pytest.raises(ListStoreError, match="newer version"):
        current_snapshots()

    stored.write_text("{", encoding="utf-8")
    with pytest.raises(ListStoreError, match="cannot be read"):
        list_snapshots()


def test_a_data_folder_that_cannot_be_written_is_reported(wro_file: Path) -> None:
    paths.data_dir().mkdir(parents=True)
    (paths.data_dir() / "lists").write_text("not a folder", encoding="utf-8")

    with pytest.raises(ListStoreError, match="could not be saved"):
        import_list(wro_file, MONDAY)


def test_re_importing_an_older_file_puts_that_version_back_in_force(wro_file: Path, tmp_path: Path) -> None:
    older = import_list(wro_file, MONDAY).snapshot
    newer = tmp_path / "newer.csv"
    newer.write_bytes(wro_csv([wro_row("Sinan Salt Farm")]))
    import_list(newer, MONDAY + dt.timedelta(days=1))

    again = import_list(wro_file, MONDAY + dt.timedelta(days=2))

    assert again.already_imported
    assert current_snapshots()["wro"].id == older.id


def test_the_kind_of_file_is_read_from_its_content_not_its_name(tmp_path: Path) -> None:
    saved_page = tmp_path / "download"
    saved_page.write_bytes(uflpa_page(uflpa_table("v", [("Hotan Pettiwell Textile Co., Ltd.", "June 21, 2022")])))
    csv_file = tmp_path / "list.txt"
    csv_file.write_bytes(wro_csv([wro_row("Sinan Salt Farm")]))

    assert import_list(saved_page, MONDAY).snapshot.list_id == "uflpa"
    assert import_list(csv_file, MONDAY).snapshot.list_id == "wro"


def test_a_file_far_larger_than_any_list_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "holiday-video.mp4"
    with big.open("wb") as file:
        file.truncate(60 * 1024 * 1024)  # sparse: no disk used; 62,914,560 bytes
    with pytest.raises(ListFileError, match="holiday-video.mp4: the file is 62.9 MB, far larger than either official list"):
        import_list(big, MONDAY)
    assert current_snapshots() == {}
