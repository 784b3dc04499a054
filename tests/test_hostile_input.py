"""Hostile names, ids and values from a received case, a description or a dropped folder: refused
with a sentence (exit 2), escaped on the terminal, never written outside the chosen folder."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importer_app.case.intake import AddOptions, add_files
from importer_app.cli.main import main
from importer_app.cli.terminal import printable
from importer_app.core.catalog import load_catalog
from importer_app.core.errors import CaseFileError
from importer_app.core.model import Document, Entity, Link, Shipment
from importer_app.core.safe_names import MAX_NAME_BYTES, safe_file_name, safe_relative_path
from importer_app.store.casefile import CaseFile
from tests.builders import encrypt, make_pdf

_SHIPMENT = Shipment("uflpa-applicability", "ABC-1234567-8", "Acme Apparel Inc.", "shirts", 12000, "pcs", "VN",
                     dt.date(2026, 10, 2))
_EVIL = "Evil\x1b[2J\x00\u202eoC\x07 Ltd"


def _case(path: Path, supplier_name: str = "Mill Co.", document_path: str = "") -> Path:
    """A small case: an importer, a supplier with ``supplier_name`` and a transfer between them."""
    with CaseFile.create(path, _SHIPMENT) as casefile:
        casefile.add_entity(Entity("importer", "Acme Apparel Inc.", "importer", "US", tier=0))
        casefile.add_entity(Entity("mill", supplier_name, "manufacturer", "VN"))
        casefile.add_link(Link("mill-importer", "mill", "importer", "shirts", 12000.0, "pcs"))
        if document_path:
            data = make_pdf()
            casefile.add_document(Document(document_path, hashlib.sha256(data).hexdigest(), "invoice", len(data),
                                           media_type="application/pdf", page_count=1), data)
    return path


def _tamper(path: Path, sql: str, *values: object) -> None:
    """Change the case as another tool could (no trigger or schema change: those are refused)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=OFF")
    try:
        conn.execute(sql, values)
    except OverflowError:
        values = (str(values[0]),)  # larger than SQLite's integers: stored as its digits
        conn.execute(sql, values)
    conn.commit()
    conn.close()


# -- one safe-name function --------------------------------------------------------------------


@given(st.text(), st.sampled_from(["", ".pdf", ".toml"]))
def test_a_safe_file_name_stays_in_its_folder_whatever_the_text(text: str, suffix: str) -> None:
    name = safe_file_name(text, suffix)
    assert name.endswith(suffix) and name not in ("", ".", "..") and not name.startswith(".")
    assert not set(name) & set('/\\:*?"<>|\x00\x1b\u202e')
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    folder = Path("/letters")
    assert (folder / name).parent == folder


@given(st.lists(st.text(min_size=1), min_size=1, max_size=4).map("/".join))
def test_a_documents_exported_path_has_only_safe_parts(path: str) -> None:
    parts = safe_relative_path(path).parts
    assert parts and all(part not in ("", ".", "..") and "/" not in part for part in parts)
    assert all(len(part.encode("utf-8")) <= MAX_NAME_BYTES for part in parts)


def test_a_case_with_a_path_for_an_entity_id_writes_no_letter_anywhere(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "work").mkdir()
    case = _case(tmp_path / "work" / "case.tcase")
    _tamper(case, "UPDATE entities SET id = ? WHERE id = 'mill'", "x/../../../escaped-letter")
    _tamper(case, "UPDATE links SET source = ? WHERE source = 'mill'", "x/../../../escaped-letter")
    out = tmp_path / "work" / "a" / "b" / "letters"
    assert main(["request-letters", str(case), "-o", str(out), "--today", "2026-11-28"]) == 2
    assert "is not an id" in capsys.readouterr().err
    written = {p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()}
    assert written == {Path("work/case.tcase")}


def test_request_letters_are_named_by_the_safe_name_function(tmp_path: Path) -> None:
    case = _case(tmp_path / "case.tcase")
    assert main(["request-letters", str(case), "-o", str(tmp_path / "letters"), "--today", "2026-11-28"]) == 0
    assert sorted(p.name for p in (tmp_path / "letters").iterdir()) == ["request-mill.pdf"]


def test_a_255_byte_document_name_is_shortened_on_export(tmp_path: Path) -> None:
    long_name = "é" * 125 + "x.pdf"  # 255 bytes: accepted in a case, too long once a temporary suffix is added
    case = _case(tmp_path / "case.tcase", document_path=f"docs/{long_name}")
    folder = tmp_path / "exported"
    assert main(["describe", str(case), "-o", str(folder / "case.toml"), "--export-documents", str(folder)]) == 0
    [written] = (folder / "docs").iterdir()
    assert written.suffix == ".pdf" and len(written.name.encode()) <= MAX_NAME_BYTES
    assert written.read_bytes() == make_pdf()
    assert f'path = "docs/{written.name}"' in (folder / "case.toml").read_text(encoding="utf-8")


# -- values read from a received case ---------------------------------------------------------


@pytest.mark.parametrize(("sql", "value"), [
    ("UPDATE entities SET name = ? WHERE id = 'mill'", b"\x00\x01 a blob where a name belongs"),
    ("UPDATE entities SET aliases = ? WHERE id = 'mill'", '{"not": "a list"}'),
    ("UPDATE entities SET aliases = ? WHERE id = 'mill'", "[1, 2]"),
    ("UPDATE entities SET tier = ? WHERE id = 'mill'", "three"),
    ("UPDATE links SET quantity = ? WHERE id = 'mill-importer'", "lots"),
    ("UPDATE links SET quantity = ? WHERE id = 'mill-importer'", float("inf")),
    ("UPDATE shipment SET hts = ?", '"6105.10"'),
    ("UPDATE shipment SET entry_lines = ?", '["one"]'),
    ("UPDATE documents SET path = ?", "docs/a\x00b.pdf"),
    ("UPDATE documents SET notes = ?", "[null]"),
])
@pytest.mark.parametrize("command", ["check", "describe", "screen", "bundle"])
def test_a_case_holding_a_value_of_the_wrong_kind_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          command: str, sql: str, value: object) -> None:
    case = _case(tmp_path / "case.tcase", document_path="docs/invoice.pdf")
    _tamper(case, sql, value)
    extra = ["-o", str(tmp_path / "out.pdf")] if command == "bundle" else []
    assert main([command, str(case), *extra]) == 2
    assert "is damaged: a stored value cannot be read" in capsys.readouterr().err


# -- the terminal -------------------------------------------------------------------------------


def test_printable_escapes_controls_and_keeps_json_valid() -> None:
    text = json.dumps({"name": _EVIL + "\ud800"}, ensure_ascii=False)
    shown = printable(text)
    assert not any(c in shown for c in "\x1b\x00\u202e\x07\ud800")
    assert json.loads(shown) == json.loads(text)


@pytest.mark.parametrize("command", [["check"], ["check", "--json"], ["request-letters"], ["describe"]])
def test_names_with_escape_sequences_are_escaped_on_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                 command: list[str]) -> None:
    case = _case(tmp_path / "case.tcase", supplier_name=_EVIL)
    extra = ["-o", str(tmp_path / "letters"), "--today", "2026-11-28"] if command == ["request-letters"] else []
    main([command[0], str(case), *command[1:], *extra])
    shown = capsys.readouterr()
    output = shown.out + shown.err
    assert "Evil\\u001b[2J\\u0000\\u202eoC\\u0007 Ltd" in output
    assert not any(c in output for c in "\x1b\x00\u202e\x07")


def test_add_escapes_a_file_name_with_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = _case(tmp_path / "case.tcase")
    source = tmp_path / "bill\x1b[31m\u202efdp.exe.pdf"
    source.write_bytes(make_pdf())
    assert main(["add", str(case), str(source)]) == 0
    output = capsys.readouterr().out
    # The window shows the same sentence, so the name in it is already without its control and
    # direction characters; the stored name replaces them too.
    assert "bill[31mfdp.exe.pdf: added as bill_[31mfdp.exe.pdf" in output
    assert "\x1b" not in output and "\u202e" not in output


# -- exit 2, never 3 ----------------------------------------------------------------------------

_DESCRIPTION = """\
format = "importer-app-case/1"

[shipment]
regime = "wro"
entry_number = "ABC-1234567-8"
importer_of_record = "Acme Apparel Inc."
merchandise = "shirts"
quantity = {quantity}
unit = "pcs"
country_of_origin = "VN"
date_of_importation = 2026-10-02
entry_lines = {lines}

[[entities]]
id = "spinner"
name = "Spinner"
role = "processor"
country = "VN"
tier = {tier}

[[entities]]
id = "importer"
name = "Acme"
role = "importer"
country = "US"

[[links]]
id = "spin-imp"
from = "spinner"
to = "importer"
material = "yarn"
quantity = {link_quantity}
unit = "kg"
{extra}
"""

_NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str), st.just("9" * 5000), st.just("inf"),
    st.just("-inf"), st.just("nan"), st.just("1e400"), st.just("1.5"), st.just("0"), st.just("1_000"),
    st.builds(lambda depth: "[" * depth + "1" + "]" * depth, st.integers(min_value=1, max_value=3000)),
    st.builds(lambda depth: "{a = " * depth + "1" + "}" * depth, st.integers(min_value=1, max_value=3000)),
)
_EXTRAS = st.one_of(
    st.just(""),
    st.builds(lambda parts: ".".join(["a"] * parts) + " = 1", st.integers(min_value=1, max_value=20_000)),
    st.builds(lambda length: '"' + "k" * length + '" = 1', st.integers(min_value=1, max_value=100_000)),
    st.builds(lambda depth: "deep = " + "[" * depth + "]" * depth, st.integers(min_value=1, max_value=5000)),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(quantity=_NUMBERS, lines=_NUMBERS, tier=_NUMBERS, link_quantity=_NUMBERS, extra=_EXTRAS)
def test_import_never_exits_3_on_numbers_nesting_or_keys(tmp_path_factory: pytest.TempPathFactory, quantity: str,
                                                        lines: str, tier: str, link_quantity: str, extra: str) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    spec = folder / "case.toml"
    spec.write_text(_DESCRIPTION.format(quantity=quantity, lines=f"[{lines}]", tier=tier,
                                        link_quantity=link_quantity, extra=extra), encoding="utf-8")
    assert main(["import", str(spec), str(folder / "out.tcase")]) in (0, 2)
    if (folder / "out.tcase").exists():
        assert main(["check", str(folder / "out.tcase")]) in (0, 1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from([("entities", "name"), ("entities", "aliases"), ("entities", "id"),
                               ("entities", "tier"), ("links", "quantity"), ("links", "refs"),
                               ("links", "shipped"), ("documents", "path"), ("documents", "pages"),
                               ("shipment", "date_of_importation"), ("shipment", "value_usd")]),
       value=st.one_of(st.binary(max_size=20), st.text(max_size=20), st.integers(), st.floats(),
                       st.none(), st.sampled_from(["[]", "{}", "[[1]]", '["x"]', "null", "1e999", "2026-02-30"])),
       command=st.sampled_from(["check", "describe", "screen"]))
def test_commands_on_a_received_case_never_exit_3(tmp_path_factory: pytest.TempPathFactory,
                                                  column: tuple[str, str], value: object, command: str) -> None:
    case = _case(tmp_path_factory.mktemp("fuzz") / "case.tcase", document_path="docs/invoice.pdf")
    table, name = column
    try:
        _tamper(case, f"UPDATE {table} SET {name} = ?", value)
    except sqlite3.IntegrityError:
        return  # the file's own constraints refuse it: no tool can store it there
    assert main([command, str(case)]) in (0, 1, 2)


def test_a_20000_part_dotted_key_is_refused_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "case.toml"
    spec.write_text('format = "importer-app-case/1"\n' + ".".join(["a"] * 20_000) + " = 1\n", encoding="utf-8")
    assert main(["import", str(spec), str(tmp_path / "out.tcase")]) == 2
    assert "case.toml, line 2: this case description cannot be read: a dotted key has more than 8 parts" in \
        capsys.readouterr().err


# -- smaller things --------------------------------------------------------------------------------


def test_a_named_pipe_named_like_a_case_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "case.tcase"
    os.mkfifo(fifo)
    result = subprocess.run([sys.executable, "-m", "importer_app", "check", str(fifo)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "is a named pipe, not a case file" in result.stderr


def test_a_link_in_an_added_folder_to_a_file_outside_is_reported_not_followed(tmp_path: Path) -> None:
    case = _case(tmp_path / "case.tcase")
    (tmp_path / "secret.pdf").write_bytes(make_pdf(["secret"]))
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "other.pdf").write_bytes(make_pdf(["other"]))
    folder = tmp_path / "from-supplier"
    folder.mkdir()
    (folder / "invoice.pdf").write_bytes(make_pdf(["invoice"]))
    (folder / "looks-like-a-pdf.pdf").symlink_to(tmp_path / "secret.pdf")
    (folder / "more").symlink_to(tmp_path / "private")
    with CaseFile.open(case) as casefile:
        results = add_files(casefile, [folder], AddOptions(), load_catalog())
        paths = {d.path for d in casefile.load().documents}
    assert paths == {"from-supplier/invoice.pdf"}
    refused = {r.source: r for r in results if r.code == "link-outside"}
    assert set(refused) == {str(folder / "looks-like-a-pdf.pdf"), str(folder / "more")}
    assert f"is a link to {tmp_path / 'secret.pdf'}, outside the folder added; it was not followed" in \
        refused[str(folder / "looks-like-a-pdf.pdf")].message


def test_infinite_or_missing_numbers_are_refused_at_input_and_in_the_store(tmp_path: Path,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "case.toml"
    spec.write_text(_DESCRIPTION.format(quantity="inf", lines="[1]", tier="1", link_quantity="nan", extra=""),
                    encoding="utf-8")
    assert main(["import", str(spec), str(tmp_path / "out.tcase")]) == 2
    err = capsys.readouterr().err
    assert "shipment.quantity: must be a finite number" in err and "links[1].quantity: must be a finite number" in err
    case = _case(tmp_path / "case.tcase")
    with CaseFile.open(case) as casefile, pytest.raises(CaseFileError, match="quantity of a transfer is inf, not a finite"):
        casefile.update_link(Link("mill-importer", "mill", "importer", "shirts", float("inf"), "pcs"))


@pytest.mark.parametrize(("handler", "code", "said"), [
    (b"/Adobe.PubSec", "certificate-encrypted", "encrypted for a certificate holder"),
    (b"/FOPN_foweb", "unsupported-encryption", "neither a password nor a certificate"),
])
def test_an_encryption_method_is_named_for_what_it_is(tmp_path: Path, handler: bytes, code: str, said: str) -> None:
    data = encrypt(make_pdf(), user="u")
    assert b"/Filter /Standard" in data
    source = tmp_path / "locked.pdf"
    source.write_bytes(data.replace(b"/Filter /Standard", b"/Filter " + handler))
    with CaseFile.open(_case(tmp_path / "case.tcase")) as casefile:
        [result] = add_files(casefile, [source], AddOptions(), load_catalog())
    assert result.code == code and said in result.message


def _stop_while_writing(case: Path, before: str = "") -> Path:
    """Leave ``case`` as a writer killed in the middle of a transaction leaves it: a hot
    rollback journal beside it. ``before`` is SQL run and committed first."""
    script = (
        "import os, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None); conn.execute('PRAGMA journal_mode=DELETE')\n"
        f"conn.executescript({before!r})\n"
        "conn.execute('PRAGMA cache_size=1'); conn.execute('BEGIN')\n"
        "conn.execute('DROP TRIGGER IF EXISTS planted')\n"
        "conn.execute('INSERT INTO settings (key, value) VALUES (?, ?)', ('pad', 'x' * 300000))\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(case)], check=True, timeout=60)
    journal = case.with_name(case.name + "-journal")
    assert journal.stat().st_size > 0
    return journal


def test_a_change_a_stopped_writer_left_unfinished_is_undone_and_the_case_opens(tmp_path: Path) -> None:
    case = _case(tmp_path / "case.tcase")
    with CaseFile.open(case, readonly=True) as casefile:
        kept = casefile.load()
    journal = _stop_while_writing(case)
    with CaseFile.open(case, readonly=True) as casefile:
        assert casefile.load() == kept
        assert "pad" not in {key for key, in casefile._conn.execute("SELECT key FROM settings")}
    assert not journal.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["case.tcase"], "the copy used to undo it was left behind"
    with CaseFile.open(case) as casefile:
        assert casefile.load() == kept


def test_an_unfinished_change_whose_undo_gives_a_refused_file_leaves_both_files_alone(tmp_path: Path) -> None:
    case = _case(tmp_path / "case.tcase")
    # The committed file carries a trigger; the unfinished change drops it, so undoing the
    # change brings the trigger back: the copy is refused and nothing is written.
    journal = _stop_while_writing(
        case, "CREATE TRIGGER planted AFTER INSERT ON settings BEGIN DELETE FROM settings; END;")
    before = case.read_bytes(), journal.read_bytes()
    with pytest.raises(CaseFileError, match="unfinished change in case.tcase-journal") as refused:
        CaseFile.open(case, readonly=True)
    assert "objects importer_app did not create" in str(refused.value)
    assert (case.read_bytes(), journal.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.tcase", "case.tcase-journal"]


def test_a_linked_write_ahead_log_is_named_not_called_read_only(tmp_path: Path) -> None:
    case = _case(tmp_path / "case.tcase")
    (tmp_path / "elsewhere").write_bytes(b"")
    (tmp_path / "case.tcase-wal").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(CaseFileError, match="case.tcase-wal, which is a link or not a regular file") as refused:
        CaseFile.open(case)
    assert "writable" not in str(refused.value)


def test_undoing_a_change_leaves_no_file_of_the_copy_when_the_copy_is_in_wal_mode(tmp_path: Path) -> None:
    """A writer stopped while switching the case out of WAL mode leaves a copy that is in WAL mode
    once undone: the read-only checks then leave its -wal and -shm, which must not stay behind."""
    from importer_app.store.opening import inspect
    from importer_app.store.recovery import undo_unfinished_change

    case = _case(tmp_path / "case.tcase")
    with CaseFile.open(case, readonly=True) as casefile:
        kept = casefile.load()
    _stop_while_writing(case)

    def in_wal_mode(copy: Path) -> int:
        conn = sqlite3.connect(copy)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.close()
        return inspect(copy, recovered=True)

    undo_unfinished_change(case, in_wal_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.tcase"]
    with CaseFile.open(case) as casefile:
        assert casefile.load() == kept
