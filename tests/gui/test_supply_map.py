"""The window's supply chain map: the bundle's layout, and text that never runs out of its box."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from importer_app.bundle.numbering import number_exhibits
from importer_app.bundle.pages.facts import CaseFacts
from importer_app.bundle.pages.map_layout import map_sheets
from importer_app.core.catalog import Catalog
from importer_app.core.model import Case, Entity, Link
from importer_app.gui.script_fonts import load_script_fonts
from importer_app.gui.supply_map import SupplyMap
from importer_app.store.casefile import CaseFile

LONG_NAMES = (
    ("新疆维吾尔自治区阿克苏地区温宿县天山雪莲棉花种植专业合作社联合社", "天山雪莲棉花种植专业合作社联合社有限责任公司"),
    ("Tổng Công ty Cổ phần Dệt May Thành Công Phước Thịnh Đông Nam Á", "Công ty TNHH Một Thành Viên Sợi Dệt Nhuộm Hoàn Tất Phước Thịnh"),
    ("Consolidated Intercontinental Cotton Ginning and Baling Cooperative Association of West Texas LLC",
     "江苏恒远纺织印染服装进出口贸易集团股份有限公司"),
    ("株式会社東京国際繊維製品総合商社ホールディングスグループ本社", ""),
)


@pytest.fixture
def chinese_font(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Han characters drawn at their real width also where the system has no Chinese font (Qt
    would draw narrow empty boxes): the window loads the shipped font as a case opens."""
    assert load_script_fonts()["NotoSansSC-Regular.ttf"], "the shipped Chinese font did not load"
    yield


def _demo(path: Path) -> Case:
    with CaseFile.open(path, readonly=True) as casefile:
        return casefile.load()


def _long_named_case(demo: Case) -> Case:
    entities = [Entity(f"e{n}", name, "processor", "CN" if n % 2 == 0 else "VN", name_local=local, tier=4 - n)
                for n, (name, local) in enumerate(LONG_NAMES)]
    entities.append(Entity("importer", "Harborline Apparel Inc.", "importer", "US", tier=0))
    ids = [entity.id for entity in entities]
    links = tuple(Link(f"l{n}", source, target,
                       "綿花と綿糸の混紡原料（未漂白、未染色、梱包済み）および付属資材一式", 123456789.5, "kg")
                  for n, (source, target) in enumerate(zip(ids, ids[1:])))
    return dataclasses.replace(demo, entities=tuple(entities), links=links, documents=())


def _branching_case(demo: Case) -> Case:
    """Two mills supply the importer, three farms the mills; listed out of the chain's order."""
    tiers = {"importer": 0, "m1": 1, "m2": 1, "f1": 2, "f2": 2, "f3": 2}
    order = ("f3", "importer", "f1", "m2", "m1", "f2")
    entities = tuple(Entity(e, f"Company {e.upper()}", "importer" if e == "importer" else "processor", "US",
                            tier=tiers[e]) for e in order)
    pairs = (("m1", "importer"), ("m2", "importer"), ("f1", "m1"), ("f2", "m1"), ("f3", "m2"))
    links = tuple(Link(f"{s}-{t}", s, t, "cotton", 10.0, "kg") for s, t in pairs)
    return dataclasses.replace(demo, entities=entities, links=links, documents=())


def test_no_text_runs_out_of_its_box_with_long_chinese_and_vietnamese_names(  # type: ignore[no-untyped-def]
        qtbot, demo_case: Path, chinese_font: None) -> None:
    view = SupplyMap()
    qtbot.addWidget(view)
    case = _long_named_case(_demo(demo_case))
    view.show_case(case, {"entity:e0": 3}, {"e0": "open", "e1": "clear"})
    assert set(view.boxes) == {entity.id for entity in case.entities}
    cut = 0
    for entity in case.entities:
        box = view.boxes[entity.id]
        texts = [item for item in box.childItems() if isinstance(item, QGraphicsSimpleTextItem)]
        assert texts
        for item in texts:
            drawn = item.mapRectToParent(item.boundingRect())
            assert box.rect().contains(drawn), (entity.id, item.text(), drawn, box.rect())
            cut += item.text().endswith("…")
        assert entity.name in box.toolTip() and entity.name_local in box.toolTip()
    assert cut >= len(LONG_NAMES), "the long names must have been cut to their boxes"


def test_the_window_places_companies_as_the_bundle_map_does(qtbot, demo_case: Path,  # type: ignore[no-untyped-def]
                                                           catalog: Catalog) -> None:
    case = _branching_case(_demo(demo_case))
    view = SupplyMap()
    qtbot.addWidget(view)
    view.show_case(case, {})
    info = CaseFacts.of(case, number_exhibits(case), catalog)
    (sheet,) = map_sheets(info, 10_000, 10_000, lambda key, numbers: f"{key} {numbers}")

    def order(positions: dict[str, tuple[float, float]]) -> list[list[str]]:
        columns = sorted({x for x, _ in positions.values()})
        return [sorted((e for e, (x, _) in positions.items() if x == column), key=lambda e: positions[e][1])
                for column in columns]

    window = {e: (box.pos().x(), box.pos().y()) for e, box in view.boxes.items()}
    bundle = {e: (box.x, box.y) for e, box in sheet.boxes.items()}
    # The case lists M2 before M1, so M2 comes first and its farm above the farms of M1: no arrows cross.
    assert order(window) == order(bundle) == [["f3", "f1", "f2"], ["m2", "m1"], ["importer"]]


def test_opening_a_case_makes_the_shipped_script_fonts_known_to_qt(window, demo_case: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    families = set(QFontDatabase.families())
    assert {"Noto Sans SC", "Noto Sans Khmer", "Noto Sans Thai"} <= families, sorted(f for f in families if "Noto" in f)
