"""The CBP WRO/Findings CSV is read as CBP publishes it, and a broken one is refused where it breaks."""

from __future__ import annotations

import datetime as dt

import pytest
from screening_files import WRO_HEADER, wro_csv, wro_row

from importer_app.core.errors import ListFileError
from importer_app.screening.wro_csv import parse_wro_csv


def test_windows_1252_names_multiline_fields_and_embedded_commas_are_read() -> None:
    data = wro_csv([
        wro_row("Société Générale d’Équipements, S.A.", country="Côte d’Ivoire",
                merchandise="Cocoa, cocoa butter\r\nand cocoa paste",
                remarks="Modified 03/01/2024:\r\nscope narrowed, see notice"),
        wro_row("Hoshine Silicon Industry Co. Ltd. and Subsidiaries", date="06/24/2021"),
    ])
    assert b"\x92" in data and b"\xe9" in data  # ’ and é as Windows-1252 bytes

    parsed = parse_wro_csv(data, "wro.csv")

    first, hoshine = parsed.entities
    assert first.name == "Société Générale d’Équipements, S.A."
    assert first.country == "Côte d’Ivoire"
    assert first.merchandise == "Cocoa, cocoa butter and cocoa paste"
    assert first.remarks == "Modified 03/01/2024: scope narrowed, see notice"
    assert (first.list_id, first.section, first.status) == ("wro", "WRO", "Active")
    assert first.source == "line 2"
    assert hoshine.name == "Hoshine Silicon Industry Co. Ltd."
    assert hoshine.note == "and Subsidiaries"
    assert hoshine.effective_date == dt.date(2021, 6, 24)
    # The first row spans three file lines (two embedded line breaks).
    assert hoshine.source == "line 5"
    assert any("Windows-1252" in note for note in parsed.notes)


def test_a_utf8_file_is_read_as_utf8_without_a_note() -> None:
    parsed = parse_wro_csv(wro_csv([wro_row("Société Anonyme Ltd.")], encoding="utf-8-sig"), "wro.csv")

    assert parsed.entities[0].name == "Société Anonyme Ltd."
    assert parsed.notes == ()


def test_columns_are_found_by_header_name_in_any_order() -> None:
    header = tuple(reversed(WRO_HEADER))
    parsed = parse_wro_csv(wro_csv([wro_row("Grand Vast Group", kind="Finding", status="Partially Active")],
                                   header=header), "wro.csv")

    entity = parsed.entities[0]
    assert (entity.name, entity.section, entity.status, entity.country) == (
        "Grand Vast Group", "Finding", "Partially Active", "China")


def test_several_entities_aliases_and_scope_notes_in_one_row() -> None:
    rows = [
        wro_row("Hebei Malleable Fittings Factory, a/k/a Hebei Tongxin Fittings Company, "
                "a/k/a Hebei No. 5 Prison"),
        wro_row("Moyu Wig Manufacturing Co., Ltd. and Baoding HXQR Trade and Business Co., Ltd."),
        wro_row("Nanhai Pearl Farm; Imari Tea Manufacturing & Trading Co., Ltd. (of Nagoya, Japan)"),
        wro_row("Agricola Sol S.A. de C.V. and Horticola Sol S.A. de C.V. and their subsidiaries"),
        wro_row("Jiangnan Select Safety Products Company, Limited and its two subsidiaries from China, "
                "Select (Nantong) Safety Products Co. Limited and Select Protective Technology (HK) Limited"),
        wro_row("Xinjiang Northwest Reclamation Corps (XNRC) and its subordinates"),
    ]

    entities = parse_wro_csv(wro_csv(rows), "wro.csv").entities

    by_name = {entity.name: entity for entity in entities}
    assert by_name["Hebei Malleable Fittings Factory"].aliases == (
        "Hebei Tongxin Fittings Company", "Hebei No. 5 Prison")
    assert {"Moyu Wig Manufacturing Co., Ltd.", "Baoding HXQR Trade and Business Co., Ltd."} <= set(by_name)
    assert {"Nanhai Pearl Farm", "Imari Tea Manufacturing & Trading Co., Ltd. (of Nagoya, Japan)"} <= set(by_name)
    assert by_name["Agricola Sol S.A. de C.V."].note == "and their subsidiaries"
    assert by_name["Horticola Sol S.A. de C.V."].note == "and their subsidiaries"
    assert "Jiangnan Select Safety Products Company, Limited" in by_name
    assert by_name["Select (Nantong) Safety Products Co. Limited"].note == (
        "subsidiary of Jiangnan Select Safety Products Company, Limited")
    assert "Select Protective Technology (HK) Limited" in by_name
    corps = by_name["Xinjiang Northwest Reclamation Corps (XNRC)"]
    assert (corps.aliases, corps.note) == (("XNRC",), "and its subordinates")
    # Every entity of a row carries the row's line, so the user can find it in the file.
    assert {entity.source for entity in entities} == {f"line {n}" for n in range(2, 8)}


def test_a_row_without_an_entity_is_skipped_with_a_note() -> None:
    parsed = parse_wro_csv(wro_csv([wro_row(""), wro_row("Sinan Salt Farm")]), "wro.csv")

    assert [entity.name for entity in parsed.entities] == ["Sinan Salt Farm"]
    assert any("line 2" in note for note in parsed.notes)


def test_an_unbalanced_bracket_keeps_the_entity_text_whole_with_a_note() -> None:
    parsed = parse_wro_csv(wro_csv([wro_row("Rajan Rug (Kathmandu Pvt.")]), "wro.csv")

    assert parsed.entities[0].name == "Rajan Rug (Kathmandu Pvt."
    assert any(note.startswith("Line 2:") and "not closed" in note for note in parsed.notes)


@pytest.mark.parametrize(
    ("data", "location", "says"),
    [
        pytest.param(wro_csv([wro_row("A Co.")]) + b'"06/24/2021","2021","CN","China","x","WRO","y","Active","",'
                     b'"Unclosed Co., Ltd.\r\n', "line 3", "malformed", id="unterminated-quote"),
        pytest.param(wro_csv([wro_row("A Co."), wro_row("B Co.")]).replace(b'"B Co."', b'"B Co.","extra"'),
                     "line 3", "13 fields", id="extra-field"),
        pytest.param(wro_csv([wro_row("A Co.")], header=[h for h in WRO_HEADER if h != "Entity"]),
                     "line 1", "no 'Entity' column", id="missing-entity-column"),
        pytest.param(wro_csv([wro_row("A Co."), wro_row("B Co.", date="24.06.2021")]),
                     "line 3", "'24.06.2021' is not a date", id="bad-date"),
        pytest.param(wro_csv([wro_row("A Co.")]) + b'"06/24/2021","2021","CN","China","x\x81","WRO"\r\n',
                     "line 3", "0x81", id="neither-utf8-nor-1252"),
    ],
)
def test_a_malformed_csv_is_refused_with_the_line_and_the_problem(data: bytes, location: str, says: str) -> None:
    with pytest.raises(ListFileError) as raised:
        parse_wro_csv(data, "wro.csv")

    assert raised.value.location == location
    assert says in str(raised.value)
    assert str(raised.value).startswith(f"wro.csv, {location}: ")


def test_an_empty_or_entity_less_file_is_refused() -> None:
    with pytest.raises(ListFileError, match="empty"):
        parse_wro_csv(b"\r\n\r\n", "wro.csv")
    with pytest.raises(ListFileError, match="no row names an entity"):
        parse_wro_csv(wro_csv([]), "wro.csv")
