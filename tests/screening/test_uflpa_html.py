"""The saved DHS UFLPA Entity List page is read table by table, with every alias pattern DHS uses."""

from __future__ import annotations

import datetime as dt

import pytest
from screening_files import uflpa_page, uflpa_table

from importer_app.core.errors import ListFileError
from importer_app.screening.uflpa_html import parse_uflpa_html


def _entities(*tables: str) -> dict[str, object]:
    return {entity.name: entity for entity in parse_uflpa_html(uflpa_page(*tables), "uflpa.html").entities}


def test_each_table_takes_its_section_from_the_text_before_it() -> None:
    entities = _entities(
        uflpa_table("i", [("Xinjiang Hoshine Silicon Industry (Shanshan) Co., Ltd", "June 21, 2022")]),
        uflpa_table("ii", [("Hetian Fengda Apparel Co., Ltd.", "December 16, 2022")]),
        uflpa_table("iv", [("Ninepeak Corporation", "June 9, 2023")], name_header="Entity Name"),
        uflpa_table("v", [("Xinjiang Tianmian Textile Co., Ltd.", "Jan 15, 2025")]),
    )

    hoshine = entities["Xinjiang Hoshine Silicon Industry (Shanshan) Co., Ltd"]
    assert (hoshine.list_id, hoshine.section, hoshine.effective_date) == ("uflpa", "2(d)(2)(B)(i)", dt.date(2022, 6, 21))
    assert hoshine.source.startswith("table 1, row 1 (line ")
    assert entities["Hetian Fengda Apparel Co., Ltd."].section == "2(d)(2)(B)(ii)"
    assert entities["Ninepeak Corporation"].section == "2(d)(2)(B)(iv)"
    assert entities["Xinjiang Tianmian Textile Co., Ltd."].effective_date == dt.date(2025, 1, 15)


@pytest.mark.parametrize(
    ("cell", "name", "aliases", "note"),
    [
        ("Xinjiang Dongfang Nonferrous Metals Co. Ltd. (also known as Xinjiang Dongfang)",
         "Xinjiang Dongfang Nonferrous Metals Co. Ltd.", ("Xinjiang Dongfang",), ""),
        ("Xinjiang Tianguang New Energy Co., Ltd. (formerly known as Tianguang Solar Co., Ltd.)",
         "Xinjiang Tianguang New Energy Co., Ltd.", ("Tianguang Solar Co., Ltd.",), ""),
        ("Xinjiang Dongfang Metals Co. (also known as Xinjiang Dongfang, and formerly known as Dongfang Group Xinjiang)",
         "Xinjiang Dongfang Metals Co.", ("Xinjiang Dongfang", "Dongfang Group Xinjiang"), ""),
        ("Chenxi Biotech Group Co., Ltd. (including three aliases: Chenxi Biotech; CXBT; and Chenxi Group)",
         "Chenxi Biotech Group Co., Ltd.", ("Chenxi Biotech", "CXBT", "Chenxi Group"), ""),
        ("Aksu Jinhua Textiles Co. (including two aliases: Akesu Jinhua and Aksu Jinhua Dyed Melange Yarn)",
         "Aksu Jinhua Textiles Co.", ("Akesu Jinhua", "Aksu Jinhua Dyed Melange Yarn"), ""),
        ("Lop Meiyun Hair Products Co., Ltd. (and one alias: Lop Meiyun Hair)",
         "Lop Meiyun Hair Products Co., Ltd.", ("Lop Meiyun Hair",), ""),
        (("Xinjiang Qianshan Cotton Co., Ltd. (including one alias: Qianshan Cotton) and its subordinate and "
          "affiliated entities"), "Xinjiang Qianshan Cotton Co., Ltd.", ("Qianshan Cotton",),
         "and its subordinate and affiliated entities"),
        ("Xinjiang Northwest Reclamation Corps and its subordinate and affiliated entities",
         "Xinjiang Northwest Reclamation Corps", (), "and its subordinate and affiliated entities"),
        ("Changji Yuxiang Textile Co. Ltd. and subsidiaries", "Changji Yuxiang Textile Co. Ltd.", (), "and subsidiaries"),
        ("Hebei Ironworks Iron &amp; Steel Co., Ltd., and Subsidiaries", "Hebei Ironworks Iron & Steel Co., Ltd.", (),
         "and Subsidiaries"),
    ],
)
def test_alias_patterns_and_scope_notes_in_the_name_cell(cell: str, name: str, aliases: tuple[str, ...],
                                                          note: str) -> None:
    entities = _entities(uflpa_table("i", [(cell, "June 21, 2022")]))

    assert list(entities) == [name]
    assert (entities[name].aliases, entities[name].note) == (aliases, note)


def test_subsidiaries_named_in_the_cell_become_listed_entities_of_their_own() -> None:
    cell = ("Ninepeak Corporation and its eight Zhuhai-based subsidiaries, which include "
            "Zhuhai Ninepeak Information Technology Co., Ltd., Zhuhai Pantu Electronics Co., Ltd., "
            "Zhuhai Apexa Microelectronics Co., Ltd., Geeto Semiconductor Co., Ltd., "
            "Zhuhai Pu-Tech Industrial Co., Ltd., Zhuhai G&amp;G Digital Technology Co., Ltd., "
            "Zhuhai Seine Printing Technology Co., Ltd., and Zhuhai Ninepeak Management Co., Ltd.")

    entities = _entities(uflpa_table("iv", [(cell, "June 9, 2023")]))

    assert len(entities) == 9
    assert entities["Ninepeak Corporation"].note == ""
    assert entities["Zhuhai G&G Digital Technology Co., Ltd."].note == "subsidiary of Ninepeak Corporation"
    assert entities["Zhuhai Ninepeak Management Co., Ltd."].section == "2(d)(2)(B)(iv)"


def test_markup_inside_cells_and_layout_tables_do_not_disturb_the_lists() -> None:
    layout = "<table><tr><td>Skip to main content</td></tr></table>"
    table = uflpa_table("i", [("<a href='#'>Xinjiang Lam</a><br>Textile Co., Ltd.", "June&nbsp;21, 2022")])

    parsed = parse_uflpa_html(uflpa_page(layout, table), "uflpa.html")

    assert [(e.name, e.effective_date) for e in parsed.entities] == [("Xinjiang Lam Textile Co., Ltd.", dt.date(2022, 6, 21))]
    assert parsed.entities[0].source.startswith("table 2, row 1")


def test_a_table_without_a_section_before_it_is_kept_with_a_note() -> None:
    table = uflpa_table("i", [("Turpan Jinpin Knitting Co., Ltd.", "June 21, 2022")]).replace(
        "UFLPA Section 2(d)(2)(B)(i)", "Section link")

    parsed = parse_uflpa_html(uflpa_page(table), "uflpa.html")

    assert parsed.entities[0].section == ""
    assert any(note.startswith("Table 1:") for note in parsed.notes)


@pytest.mark.parametrize(
    ("page", "location", "says"),
    [
        pytest.param(uflpa_page("<p>Page not found</p>"), "", "no table has a 'Name of Entity' column", id="no-table"),
        pytest.param(uflpa_page(uflpa_table("i", [("A Co.", "June 21, 2022")]),
                                uflpa_table("ii", [("B Co.", "June 21, 2022"), ("C Co.", "Juen 21, 2022")])),
                     "table 2, row 2", "'Juen 21, 2022' is not a date", id="bad-date"),
        pytest.param(uflpa_page(uflpa_table("i", [("A Co.", "June 21, 2022")]).replace(
            "<td>June 21, 2022</td>", "")), "table 1, row 1", "the row has 1 cell but the table has 2 columns", id="short-row"),
    ],
)
def test_a_malformed_page_is_refused_with_the_table_row_and_problem(page: bytes, location: str, says: str) -> None:
    with pytest.raises(ListFileError) as raised:
        parse_uflpa_html(page, "uflpa.html")

    assert raised.value.location.startswith(location)
    assert says in str(raised.value)
