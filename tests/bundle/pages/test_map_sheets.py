"""The supply chain map: legible at any size, every company once, boxes that open their exhibits."""

from __future__ import annotations

import dataclasses
import io
import itertools

import pytest
from reportlab.platypus import SimpleDocTemplate
from page_builders import big_case, simple_plan
from page_subjects import Subject, make_subject, text_sizes

from importer_app.bundle.pages.supply_map import supply_chain_map
from importer_app.bundle.pages.facts import CaseFacts
from importer_app.bundle.pages.map_drawing import MapLinks, MapSheet
from importer_app.bundle.pages.map_layout import TEXT_SIZE, Sheet, map_sheets
from importer_app.bundle.pages.section import MARGIN, page_size
from importer_app.core.catalog import Catalog
from importer_app.core.model import Case, Entity, Link

PAPERS = ("letter", "a4")


def hundred_companies() -> Case:
    """100 companies in seven tiers, each supplying one buyer of the next tier downstream."""
    base = big_case("wro")
    counts = (30, 24, 20, 14, 8, 3)
    entities = [base.entity("importer")]
    layers: list[list[str]] = []
    for tier, count in zip(range(6, 0, -1), counts, strict=True):
        ids = [f"h{tier}-{n}" for n in range(1, count + 1)]
        entities += [Entity(i, f"Supplier {i.upper()} Manufacturing Co., Ltd.", "processor", "VN", tier=tier)
                     for i in ids]
        layers.append(ids)
    layers.append(["importer"])
    links = [Link(f"{s}-{b}", s, b, "yarn", 10.0, "kg")
             for suppliers, buyers in itertools.pairwise(layers)
             for n, s in enumerate(suppliers) for b in [buyers[n * len(buyers) // len(suppliers)]]]
    return dataclasses.replace(base, entities=tuple(entities), links=tuple(links), documents=())


@pytest.fixture(scope="module")
def subjects(demo_wro: Subject, big_wro: Subject, catalog: Catalog) -> dict[int, Subject]:
    return {6: demo_wro, 30: big_wro, 100: make_subject("hundred", hundred_companies(), catalog)}


def _sheets(subject: Subject, paper: str) -> tuple[tuple[float, float], tuple[Sheet, ...]]:
    width, height = page_size(subject.options(paper), landscape=True)
    area = (width - 2 * MARGIN, height - 2 * MARGIN - 88)
    info = CaseFacts.of(subject.case, subject.plan, subject.catalog)
    return area, map_sheets(info, *area, lambda key, numbers: f"{key} {numbers}")


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("companies", [6, 30, 100])
def test_no_map_text_is_smaller_than_eight_points(subjects: dict[int, Subject], companies: int, paper: str) -> None:
    assert len(subjects[companies].case.entities) == companies
    _, sheets = _sheets(subjects[companies], paper)
    # The sheets drawn alone, as the section draws them, without the page's footer and tables.
    out = io.BytesIO()
    links = MapLinks()
    SimpleDocTemplate(out, pagesize=page_size(subjects[companies].options(paper), landscape=True),
                      invariant=1).build([MapSheet(sheet, lambda tier: f"Tier {tier}", links) for sheet in sheets])
    sizes = text_sizes(out.getvalue())
    shown = " ".join(text for _, text in sizes)
    assert all(entity.name.split()[0] in shown for entity in subjects[companies].case.entities)
    assert min(size for size, _ in sizes) >= TEXT_SIZE - 0.01, min(sizes)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("companies", [6, 30, 100])
def test_every_company_is_drawn_once_inside_its_sheet(subjects: dict[int, Subject], companies: int,
                                                       paper: str) -> None:
    area, sheets = _sheets(subjects[companies], paper)
    drawn = [entity_id for sheet in sheets for entity_id in sheet.boxes]
    assert sorted(drawn) == sorted(entity.id for entity in subjects[companies].case.entities)
    for sheet in sheets:
        assert sheet.width <= area[0] + 0.01 and sheet.height <= area[1] + 0.01
        boxes = list(sheet.boxes.values())
        for box in boxes:
            assert 0 <= box.x and box.x + box.width <= sheet.width + 0.01 and box.y + box.height <= sheet.height
        for one, other in itertools.combinations(boxes, 2):
            assert (one.x + one.width <= other.x or other.x + other.width <= one.x
                    or one.y + one.height <= other.y or other.y + other.height <= one.y), (one, other)


@pytest.mark.parametrize("paper", PAPERS)
def test_a_six_company_chain_is_one_sheet_that_spans_the_page(subjects: dict[int, Subject], paper: str) -> None:
    area, sheets = _sheets(subjects[6], paper)
    assert len(sheets) == 1
    assert sheets[0].width >= 0.95 * area[0]


@pytest.mark.parametrize("paper", PAPERS)
def test_a_large_chain_is_cut_by_branch_into_few_sheets(subjects: dict[int, Subject], paper: str) -> None:
    _, sheets = _sheets(subjects[30], paper)
    assert 2 <= len(sheets) <= 3
    importer_sheet = next(sheet for sheet in sheets if "importer" in sheet.boxes)
    assert importer_sheet.number == 1 and importer_sheet.root == "importer"
    case = subjects[30].case
    where = {entity_id: sheet.number for sheet in sheets for entity_id in sheet.boxes}
    crossing = [link for link in case.links if where[link.source] != where[link.target]]
    assert crossing
    for link in crossing:
        # Cut by branch: a supplier's branch goes to a later sheet, and both boxes say where the
        # other end is.
        assert where[link.source] > where[link.target]
        source = next(sheet for sheet in sheets if link.source in sheet.boxes).boxes[link.source]
        target = next(sheet for sheet in sheets if link.target in sheet.boxes).boxes[link.target]
        assert any(line.sheet == where[link.target] for line in source.lines)
        assert any(line.sheet and "from_sheet" in line.text and str(where[link.source]) in line.text
                   for line in target.lines)


@pytest.mark.parametrize("companies", [6, 30, 100])
def test_each_sheet_draws_the_transfers_between_its_companies_numbered_as_in_the_case(
        subjects: dict[int, Subject], companies: int) -> None:
    case = subjects[companies].case
    _, sheets = _sheets(subjects[companies], "letter")
    numbers = {link.id: number for number, link in enumerate(case.links, start=1)}
    for sheet in sheets:
        between = [(numbers[link.id], link.source, link.target) for link in case.links
                   if link.source in sheet.boxes and link.target in sheet.boxes]
        assert [(arrow.number, arrow.source, arrow.target) for arrow in sheet.arrows] == between
    assert sum(len(sheet.arrows) for sheet in sheets) > len(case.links) / 2


def test_every_box_links_to_its_companys_first_exhibit(subjects: dict[int, Subject]) -> None:
    subject = subjects[30]
    section = supply_chain_map(*subject.args)
    to_exhibits = [link for link in section.links if link.exhibit]
    firsts = {entity.id: subject.plan.exhibit_ids_for_entity(entity.id) for entity in subject.case.entities}
    assert sorted(link.exhibit for link in to_exhibits) == sorted(ids[0] for ids in firsts.values() if ids)
    notes = [link for link in section.links if not link.exhibit]
    assert notes and all(0 <= link.to_page < section.page_count for link in notes)


def test_simple_plan_of_the_hundred_has_no_exhibits(subjects: dict[int, Subject]) -> None:
    # The 100-company case measures the drawing alone: no box carries an exhibit line.
    assert simple_plan(subjects[100].case).exhibits == ()
