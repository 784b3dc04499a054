"""Whatever importer_app writes into a case, its opener accepts: one table of limits serves both."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importer_app.case.intake import AddOptions, add_files
from importer_app.cli.main import main
from importer_app.core import limits
from importer_app.core.catalog import load_catalog
from importer_app.core.errors import CaseFileError, ListFileError
from importer_app.core.model import Case, Document, Entity, Link, NotApplicable, RecipeRow, ScreeningDecision, Shipment
from importer_app.screening.snapshots import import_list
from importer_app.store.casefile import CaseFile, write_new_case
from tests.builders import make_pdf

_SHIPMENT = Shipment("wro", "ABC-1234567-8", "Acme Apparel Inc.", "shirts", 12000, "pcs", "VN", dt.date(2026, 10, 2))
_SUPPLIER = Entity("mill", "Mill", "processor", "VN")
_BUYER = Entity("importer", "Acme Apparel Inc.", "importer", "US", tier=0)


def _value(size: int, char: str) -> str:
    """Text of about ``size`` UTF-8 bytes (never fewer) made of ``char``."""
    return char * -(-size // len(char.encode()))


def _document(path: str, data: bytes, **fields: object) -> Document:
    return Document(path=path, sha256=hashlib.sha256(data).hexdigest(), type="other", size=len(data),
                    media_type="application/pdf", **fields)  # type: ignore[arg-type]


# Each writer puts ``value`` into one cell; the cell's (table, column) says which limit applies.
_WRITERS: dict[str, tuple[tuple[str, str], Callable[[CaseFile, str], object]]] = {
    "shipment merchandise": (("shipment", "merchandise"),
                             lambda c, v: c.set_shipment(dataclasses.replace(_SHIPMENT, merchandise=v))),
    "company name": (("entities", "name"), lambda c, v: c.add_entity(Entity("e1", v, "processor", "VN"))),
    "company address (edit)": (("entities", "address"),
                               lambda c, v: c.update_entity(dataclasses.replace(_SUPPLIER, address=v))),
    "company aliases": (("entities", "aliases"),
                        lambda c, v: c.add_entity(Entity("e1", "E", "processor", "VN", aliases=(v,)))),
    "transfer material": (("links", "material"),
                          lambda c, v: c.add_link(Link("l1", "mill", "importer", v, 1.0, "kg"))),
    "document notes": (("documents", "notes"),
                       lambda c, v: c.add_document(_document("a.pdf", b"%PDF-1.4", notes=(v,)), b"%PDF-1.4")),
    "document title (edit)": (("documents", "title"), lambda c, v: c.update_document(
        dataclasses.replace(c.load().documents[0], title=v))),
    "not-applicable reason": (("not_applicable", "reason"),
                              lambda c, v: c.set_not_applicable(NotApplicable("REG-05", "case", v))),
    "screening decision reason": (("screening_decisions", "reason"), lambda c, v: c.decide_screening_hit(
        ScreeningDecision("k", "mill", "dismissed", v, dt.datetime(2026, 11, 1, tzinfo=dt.UTC)))),
    "recipe material": (("recipe_rows", "material"), lambda c, v: c.update_entity(
        dataclasses.replace(_SUPPLIER, recipe=(RecipeRow(v, 1.0, "kg"),)))),
    "setting": (("settings", "value"), lambda c, v: c.set_setting("signer_name", v)),
    "kept list version": (("screening_lists", "snapshot"), lambda c, v: c.put_screening_list(
        "uflpa", "s1", "0" * 64, dt.datetime(2026, 11, 1, tzinfo=dt.UTC), v)),
}


def _fresh_case(path: Path) -> None:
    with CaseFile.create(path, _SHIPMENT) as casefile:
        casefile.add_entity(_SUPPLIER)
        casefile.add_entity(_BUYER)
        casefile.add_document(_document("first.pdf", b"%PDF-1.5"), b"%PDF-1.5")


def _reopens(path: Path) -> None:
    with CaseFile.open(path) as casefile:
        casefile.load()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(writer=st.sampled_from(sorted(_WRITERS)), limit=st.integers(min_value=40, max_value=3000),
       over=st.integers(min_value=-30, max_value=30), char=st.sampled_from(["a", "é", "中", "😀", '"', "\\"]))
def test_a_value_any_writer_accepts_is_one_the_opener_accepts(
    tmp_path_factory: pytest.TempPathFactory, writer: str, limit: int, over: int, char: str
) -> None:
    """With the cell's limit shrunk (the writers and the opener read the same table), values
    around it through every writer are either refused with a sentence or leave a case that reopens."""
    (table, column), write = _WRITERS[writer]
    path = tmp_path_factory.mktemp("limits") / "case.tcase"
    _fresh_case(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(limits.TEXT_LIMITS, (table, column), limit)  # type: ignore[index]
        with CaseFile.open(path) as casefile:
            value = _value(limit + over, char)
            try:
                write(casefile, value)
            except CaseFileError as error:
                assert "a case keeps here; shorten it" in str(error)
                # Lists are kept as escaped JSON, at most three times the text's bytes.
                assert limits.utf8_size(value) * 3 + 10 > limit
        _reopens(path)


@pytest.mark.parametrize(("table", "column", "write"), [(*cell, write) for cell, write in _WRITERS.values()
                                                       if cell != ("screening_lists", "snapshot")])
def test_the_real_limits_hold_at_and_just_over_the_limit(tmp_path: Path, table: str, column: str,
                                                         write: Callable[[CaseFile, str], object]) -> None:
    limit = limits.cell_limit(table, column)
    path = tmp_path / "case.tcase"
    _fresh_case(path)
    with CaseFile.open(path) as casefile:
        # JSON lists add their brackets and quotes: stay a little under for those.
        write(casefile, "x" * (limit - 8))
        with pytest.raises(CaseFileError, match="shorten it. The case is unchanged"):
            write(casefile, "x" * (limit + 1))
    _reopens(path)


def test_a_long_reason_whose_audit_entry_would_be_too_large_is_recorded_cut_down(tmp_path: Path) -> None:
    path = tmp_path / "case.tcase"
    _fresh_case(path)
    reason = "é" * (limits.cell_limit("not_applicable", "reason") // 2 - 10)  # 1 MB in UTF-8, 6 MB escaped
    with CaseFile.open(path) as casefile:
        casefile.set_not_applicable(NotApplicable("REG-05", "case", reason))
        assert "details_cut_to_fit" in casefile.audit_log()[-1].details
    with CaseFile.open(path) as casefile:
        assert casefile.load().not_applicable[0].reason == reason


def test_every_limit_is_at_least_what_earlier_versions_wrote() -> None:
    """The limits are in decimal kB and MB; a case written under the 1,024-based ones of earlier
    versions (64 KiB for short texts, 1 MiB for a reason, ...) still opens."""
    earlier = {("documents", "pages"): 8 * 1024 * 1024, ("document_text", "text"): 32 * 1024 * 1024,
               ("screening_lists", "snapshot"): 64 * 1024 * 1024}
    newer = {"recipe_rows"}  # tables no earlier version wrote
    assert limits.TEXT_LIMIT >= 64 * 1024
    for cell, limit in limits.TEXT_LIMITS.items():
        if cell[0] not in newer:
            assert limit >= earlier.get(cell, 1024 * 1024), cell


def test_an_imported_case_with_maximal_values_reopens(tmp_path: Path) -> None:
    name = "中" * (limits.TEXT_LIMIT // 3)
    case = Case(dataclasses.replace(_SHIPMENT, merchandise=name),
                (dataclasses.replace(_SUPPLIER, name=name), _BUYER),
                (Link("l1", "mill", "importer", name, 1.0, "kg"),), (),
                (NotApplicable("REG-05", "case", "r" * limits.cell_limit("not_applicable", "reason")),))
    write_new_case(tmp_path / "case.tcase", case, {}, source="test")
    _reopens(tmp_path / "case.tcase")
    too_long = dataclasses.replace(case, entities=(dataclasses.replace(_SUPPLIER, name=name + "xx"), _BUYER))
    with pytest.raises(CaseFileError, match=r"the name of a company is 100 kB \(100,001 bytes\) long, more than the 100 kB"):
        write_new_case(tmp_path / "other.tcase", too_long, {}, source="test")
    assert not (tmp_path / "other.tcase").exists()


def test_a_search_text_over_its_limit_is_cut_not_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(limits.TEXT_LIMITS, ("document_text", "text"), 1000)  # type: ignore[index]
    path = tmp_path / "case.tcase"
    _fresh_case(path)
    with CaseFile.open(path) as casefile:
        casefile.add_document(_document("b.pdf", b"%PDF-1.6"), b"%PDF-1.6", text="word " * 1000 + "é" * 10)
    _reopens(path)


def _pdf_with_attachments(count: int, name_length: int) -> bytes:
    pdf = pikepdf.open(io.BytesIO(make_pdf()))
    names = pikepdf.Array()
    for number in range(count):  # one flat name tree: pdf.attachments[...] = ... is quadratic
        name = f"{number:05d}-" + "n" * name_length + ".txt"
        names.extend([pikepdf.String(name), pikepdf.AttachedFileSpec(pdf, b"x", filename=name).obj])
    pdf.Root.Names = pikepdf.Dictionary(EmbeddedFiles=pikepdf.Dictionary(Names=names))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_a_pdf_with_thousands_of_long_attachment_names_does_not_brick_the_case(tmp_path: Path) -> None:
    source = tmp_path / "many-attachments.pdf"
    source.write_bytes(_pdf_with_attachments(3000, 400))  # 1.2 MB of names
    path = tmp_path / "case.tcase"
    _fresh_case(path)
    with CaseFile.open(path) as casefile:
        [result] = add_files(casefile, [source], AddOptions(), load_catalog())
        assert result.added, result
    with CaseFile.open(path) as casefile:
        [note] = [n for d in casefile.load().documents for n in d.notes if "attached files" in n or "and 2980 more" in n]
    assert "... and 2980 more" in note and len(note) < 10_000


_DESCRIPTION = """\
format = "importer-app-case/1"

[shipment]
regime = "wro"
entry_number = "ABC-1234567-8"
importer_of_record = "Acme Apparel Inc."
merchandise = "shirts"
quantity = 12000
unit = "pcs"
country_of_origin = "VN"
date_of_importation = 2026-10-02

[[entities]]
id = "spinner"
name = "{name}"
role = "processor"
country = "VN"

[[not_applicable]]
requirement = "SCT-15"
scope = "entity:spinner"
reason = "{reason}"
"""


@pytest.mark.parametrize(("name", "reason", "located"), [
    ("n" * 120_000, "fine", "line 15, entities[1].name: is 120 kB long, more than the 100 kB a case keeps"),
    ("fine", "r" * 2_150_000, "line 22, not_applicable[1].reason: is 2.15 MB long, more than the 2 MB a case keeps"),
])
def test_import_refuses_a_value_over_the_limit_with_its_place(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              name: str, reason: str, located: str) -> None:
    spec = tmp_path / "case.toml"
    spec.write_text(_DESCRIPTION.format(name=name, reason=reason), encoding="utf-8")
    assert main(["import", str(spec), str(tmp_path / "out.tcase")]) == 2
    assert located in capsys.readouterr().err
    assert not (tmp_path / "out.tcase").exists()


def _wro_csv(rows: int) -> bytes:
    header = "Country,Entity,Merchandise,Status,Effective Date,Source\n"
    return (header + "".join(f"China,Company {n} Textile Co.,Cotton,Active,2021-01-13,WRO\n"
                              for n in range(rows))).encode()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.integers(min_value=1, max_value=60), limit=st.integers(min_value=1000, max_value=20_000))
def test_a_list_the_importer_accepts_never_makes_a_case_the_opener_refuses(
    tmp_path_factory: pytest.TempPathFactory, rows: int, limit: int
) -> None:
    folder = tmp_path_factory.mktemp("lists")
    csv = folder / "wro.csv"
    csv.write_bytes(_wro_csv(rows))
    path = folder / "case.tcase"
    _fresh_case(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(limits.TEXT_LIMITS, ("screening_lists", "snapshot"), limit)  # type: ignore[index]
        try:
            snapshot = import_list(csv, dt.datetime(2026, 11, 1, tzinfo=dt.UTC)).snapshot
        except ListFileError as error:
            assert "more than the" in str(error) and "a case keeps" in str(error)
            return
        from importer_app.screening.snapshots import snapshot_to_json
        with CaseFile.open(path) as casefile:
            casefile.put_screening_list(snapshot.list_id, snapshot.id, snapshot.sha256, snapshot.confirmed_at,
                                        snapshot_to_json(snapshot))
        _reopens(path)
