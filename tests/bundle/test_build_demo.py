"""The demo case's bundle read back: pages, bookmarks, index links, Bates numbers, originals."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from assembly_support import (
    build_case,
    demo_case,
    outline,
    page_words,
    qpdf_check,
    text_in_box,
)
from pypdf import PdfReader

from importer_app.bundle.build import BundleResult
from importer_app.screening.in_case import lists_in_case
from importer_app.store.casefile import CaseFile


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[BundleResult, Path, Path]:
    """The WRO demo bundle with every generated section, built once for this module."""
    case_path = demo_case(tmp_path_factory, "wro")
    output = tmp_path_factory.mktemp("demo-bundle") / "submission.pdf"
    return build_case(case_path, output, quick=False), output, case_path


def test_page_count_is_the_sections_plus_every_exhibit_page(demo: tuple[BundleResult, Path, Path]) -> None:
    result, output, _ = demo
    reader = PdfReader(output)
    volume = result.volumes[0]
    exhibit_pages = sum(exhibit.page_count for exhibit in result.plan.exhibits)
    first_exhibit = result.placements[result.plan.exhibits[0].id].page
    appendix = outline(reader)[-1][2]
    assert len(reader.pages) == volume.page_count == first_exhibit + exhibit_pages + (len(reader.pages) - appendix)
    assert appendix == first_exhibit + exhibit_pages


def test_top_level_bookmarks_are_the_sections_in_reading_order(demo: tuple[BundleResult, Path, Path]) -> None:
    result, output, _ = demo
    marks = outline(PdfReader(output))
    top = [(title, page) for depth, title, page in marks if depth == 0]
    assert [title for title, _ in top] == [
        "Cover letter", "Executive summary", "Index of exhibits", "Evidence response", "Supply chain map",
        "Forms under 19 CFR 12.43", "Sources cited", "Exhibits", "Manifest of original files"]
    assert top[0][1] == 0
    assert [page for _, page in top] == sorted(page for _, page in top)
    assert dict(top)["Exhibits"] == result.placements["1.1"].page


def test_steps_and_exhibits_are_bookmarked_at_their_first_page(demo: tuple[BundleResult, Path, Path]) -> None:
    result, output, _ = demo
    marks = outline(PdfReader(output))
    steps = [(title, page) for depth, title, page in marks if depth == 1 and title.startswith("Step ")]
    assert [title for title, _ in steps] == [step.title for step in result.plan.steps]
    assert steps[0][0].startswith("Step 1: Pettibone Creek Farms LLC (raw material producer")
    assert steps[-1][0].endswith("Evidence for the whole supply chain")
    exhibits = {title.split(" ", 1)[0]: page for depth, title, page in marks if depth == 2}
    assert exhibits == {exhibit_id: placement.page for exhibit_id, placement in result.placements.items()}


def test_every_index_row_links_to_its_exhibit(demo: tuple[BundleResult, Path, Path]) -> None:
    result, output, _ = demo
    reader = PdfReader(output)
    top = [page for depth, _, page in outline(reader) if depth == 0]
    start = next(page for _, title, page in outline(reader) if title == "Index of exhibits")
    end = min(page for page in top if page > start)
    linked: dict[str, int] = {}
    for number, page in enumerate(reader.pages[start:end], start=start):
        for annotation in page.get("/Annots", []):
            link = annotation.get_object()
            if "/Dest" not in link:  # the page of sources links to web addresses
                continue
            target = reader.get_page_number(link["/Dest"][0].get_object())
            row_text = text_in_box(output, number, tuple(float(v) for v in link["/Rect"]))
            linked[row_text.split()[0]] = target
    assert linked == {exhibit_id: placement.page for exhibit_id, placement in result.placements.items()}


def test_every_company_box_on_the_map_opens_that_companys_first_exhibit(
        demo: tuple[BundleResult, Path, Path]) -> None:
    result, output, case_path = demo
    reader = PdfReader(output)
    top = [(title, page) for depth, title, page in outline(reader) if depth == 0]
    start = dict(top)["Supply chain map"]
    end = min(page for _, page in top if page > start)
    with CaseFile.open(case_path, readonly=True) as casefile:
        entities = casefile.load().entities
    opened: dict[str, int] = {}
    for number in range(start, end):
        for annotation in reader.pages[number].get("/Annots", []):
            link = annotation.get_object()
            box_text = " ".join(text_in_box(output, number, tuple(float(v) for v in link["/Rect"])).split())
            named = [entity.id for entity in entities if entity.name in box_text]
            assert len(named) == 1, box_text
            opened[named[0]] = reader.get_page_number(link["/Dest"][0].get_object())
    expected = {entity.id: result.placements[result.plan.exhibit_ids_for_entity(entity.id)[0]].page
                for entity in entities if result.plan.exhibit_ids_for_entity(entity.id)}
    assert opened == expected and len(expected) == len(entities)


def test_bates_numbers_run_in_order_across_every_exhibit_page(demo: tuple[BundleResult, Path, Path]) -> None:
    result, output, _ = demo
    first = result.placements["1.1"].page + 1
    last = first + sum(exhibit.page_count for exhibit in result.plan.exhibits) - 1
    found = []
    for page in page_words(output, first, last):
        numbers = [word.text for word in page.words if word.text.startswith(f"{result.bates_prefix}-")]
        assert len(numbers) == 1
        found.append(numbers[0])
    assert found == [f"HARBORLINE-{number:06d}" for number in range(1, last - first + 2)]
    assert result.volumes[0].bates is not None and str(result.volumes[0].bates).endswith(found[-1])


def test_the_stamp_names_the_exhibit_and_its_page(demo: tuple[BundleResult, Path, Path]) -> None:
    result, output, _ = demo
    exhibit = next(e for e in result.plan.exhibits if e.page_count > 1)
    first = result.placements[exhibit.id].page + 1
    texts = [" ".join(w.text for w in page.words) for page in page_words(output, first, first + 1)]
    assert f"Exhibit {exhibit.id} - page 1 of {exhibit.page_count}" in texts[0]
    assert f"Exhibit {exhibit.id} - page 2 of {exhibit.page_count}" in texts[1]


def test_attached_originals_are_the_case_files_byte_for_byte(demo: tuple[BundleResult, Path, Path]) -> None:
    result, output, case_path = demo
    attachments = dict(PdfReader(output).attachments)
    manifest = json.loads(attachments.pop("manifest.json")[0])
    listed = {item["file"]: item for item in manifest["originals"]}
    with CaseFile.open(case_path, readonly=True) as casefile:
        documents = {d.path: d for d in casefile.load().documents}
        assert set(attachments) == set(listed)
        for name, (data,) in attachments.items():
            document = documents[listed[name]["path"]]
            assert hashlib.sha256(data).hexdigest() == listed[name]["sha256"] == document.sha256
            assert data == casefile.read_blob(document.sha256)
    assert len(listed) == len(result.plan.exhibits)


def test_the_signature_goes_in_the_cover_letters_box(demo: tuple[BundleResult, Path, Path]) -> None:
    result, output, _ = demo
    assert result.volumes[0].signature is not None
    page, box = result.volumes[0].signature
    letter = [p for _, title, p in outline(PdfReader(output)) if title in ("Cover letter", "Executive summary")]
    assert letter[0] <= page < letter[1]
    assert box[2] > box[0] and box[3] > box[1]


def test_qpdf_finds_nothing_wrong(demo: tuple[BundleResult, Path, Path]) -> None:
    qpdf_check(demo[1])


def test_the_same_case_and_options_give_the_same_bytes(demo: tuple[BundleResult, Path, Path],
                                                        tmp_path: Path) -> None:
    _, output, case_path = demo
    again = build_case(case_path, tmp_path / "submission.pdf", quick=False)
    assert again.volumes[0].path.read_bytes() == output.read_bytes()


def test_the_screening_record_is_bookmarked_inside_the_evidence_response(
        demo: tuple[BundleResult, Path, Path]) -> None:
    _, output, case_path = demo
    marks = outline(PdfReader(output))
    top = {title: page for depth, title, page in marks if depth == 0}
    [record] = [page for depth, title, page in marks if depth == 1 and title == "Screening record"]
    assert top["Evidence response"] < record < top["Supply chain map"]
    text = " ".join(" ".join(w.text for w in page.words) for page in page_words(output, record + 1, record + 2))
    assert text.startswith("Screening record")
    with CaseFile.open(case_path, readonly=True) as casefile:
        kept = lists_in_case(casefile)
        [decision] = casefile.load().screening_decisions
    assert len(kept) == 2 and all(snapshot.sha256 in text for snapshot in kept.values())
    assert " ".join(decision.reason.split()) in text
