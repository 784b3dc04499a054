"""Volumes: split at exhibit boundaries under a size limit, each announced, numbers continuous."""

from __future__ import annotations

import hashlib
import io
import json
import random
from pathlib import Path

import pytest
from assembly_support import (
    Doc,
    build_case,
    outline,
    page_words,
    qpdf_check,
    small_case,
    text_pdf,
)
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from importer_app.bundle.build import BundleResult
from importer_app.bundle.plan import Exhibit
from importer_app.bundle.volumes import MB, split, volume_paths
from importer_app.core.model import Document

LIMIT_MB = 0.8


def _exhibits(*pages: int) -> list[Exhibit]:
    return [Exhibit(f"1.{n}", 1, Document(path=f"d{n}.pdf", sha256="0" * 64, type="other", size=1), count)
            for n, count in enumerate(pages, start=1)]


def test_exhibits_fill_each_volume_in_order_without_being_split() -> None:
    exhibits = _exhibits(1, 1, 1, 1, 1)
    costs = {e.id: 40 for e in exhibits}
    result = split(exhibits, costs, limit=100, fixed=10, first_extra=0)
    assert [[e.id for e in volume] for volume in result.volumes] == [["1.1", "1.2"], ["1.3", "1.4"], ["1.5"]]
    assert result.oversize == ()


def test_an_exhibit_over_the_limit_gets_a_volume_of_its_own() -> None:
    exhibits = _exhibits(1, 1, 1, 1)
    costs = {"1.1": 30, "1.2": 500, "1.3": 30, "1.4": 30}
    result = split(exhibits, costs, limit=100, fixed=10, first_extra=0)
    assert [[e.id for e in volume] for volume in result.volumes] == [["1.1"], ["1.2"], ["1.3", "1.4"]]
    assert result.oversize == ("1.2",)


def test_the_first_volume_counts_the_letter_and_index_and_may_hold_only_them() -> None:
    exhibits = _exhibits(1, 1)
    result = split(exhibits, {"1.1": 60, "1.2": 60}, limit=100, fixed=10, first_extra=50)
    assert [[e.id for e in volume] for volume in result.volumes] == [[], ["1.1"], ["1.2"]]


def test_without_a_limit_there_is_one_volume_named_as_asked() -> None:
    exhibits = _exhibits(1, 1)
    assert split(exhibits, {}, limit=None, fixed=0, first_extra=0).volumes == (tuple(exhibits),)
    assert volume_paths(Path("out/bundle.pdf"), 1) == (Path("out/bundle.pdf"),)
    assert volume_paths(Path("out/bundle.pdf"), 2) == (Path("out/bundle-vol1.pdf"), Path("out/bundle-vol2.pdf"))


def _heavy_pdf(seed: int, pages: int = 1) -> bytes:
    """About 110 KB a page of noise that does not compress, so volume sizes are predictable."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    for page in range(pages):
        image = io.BytesIO()
        Image.frombytes("L", (300, 300), random.Random(seed * 100 + page).randbytes(90000)).save(image, "PNG")
        canvas.drawImage(ImageReader(io.BytesIO(image.getvalue())), 72, 300, 300, 300)
        canvas.drawString(72, 700, f"heavy document {seed}, page {page + 1}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


@pytest.fixture(scope="module")
def volumes(tmp_path_factory: pytest.TempPathFactory) -> tuple[BundleResult, dict[str, bytes]]:
    folder = tmp_path_factory.mktemp("volumes")
    datas = {f"doc-{n}.pdf": _heavy_pdf(n) for n in range(8)}
    datas["huge.pdf"] = _heavy_pdf(99, pages=12)
    docs = [Doc(name, data, links=("farm-mill",)) for name, data in datas.items()]
    result = build_case(small_case(folder / "case.tcase", docs), folder / "bundle.pdf", max_volume_mb=LIMIT_MB)
    return result, datas


def test_volumes_are_named_and_announced_k_of_n(volumes: tuple[BundleResult, dict[str, bytes]]) -> None:
    result, _ = volumes
    count = len(result.volumes)
    assert count >= 3
    assert [v.path.name for v in result.volumes] == [f"bundle-vol{k}.pdf" for k in range(1, count + 1)]
    for volume in result.volumes:
        (cover,) = page_words(volume.path, 1, 1)
        text = " ".join(w.text for w in cover.words)
        assert text.startswith(f"Volume {volume.number} of {count}")
        assert all(f"bundle-vol{k}.pdf" in text for k in range(1, count + 1)), "every cover lists every volume"
        assert outline(PdfReader(volume.path))[0][1:] == (f"Volume {volume.number} of {count}", 0)
        qpdf_check(volume.path)


def test_each_volume_keeps_under_the_limit_except_an_oversize_exhibit_alone(
        volumes: tuple[BundleResult, dict[str, bytes]]) -> None:
    result, _ = volumes
    huge = result.placements["1.9"].volume
    for volume in result.volumes:
        assert volume.size == volume.path.stat().st_size
        if volume.number == huge:
            assert volume.exhibits == ("1.9",)
        else:
            assert volume.size <= LIMIT_MB * MB
    assert any("1.9" in warning and "volume of its own" in warning for warning in result.warnings)


def test_bates_numbers_run_on_from_one_volume_to_the_next(volumes: tuple[BundleResult, dict[str, bytes]]) -> None:
    result, _ = volumes
    found = []
    for volume in result.volumes:
        reader = PdfReader(volume.path)
        for page in page_words(volume.path, 1, len(reader.pages)):
            # Stamps only: covers and the index list Bates ranges too, higher up the page.
            found += [w.text for w in page.words if w.text.startswith("ACME-") and w.y0 > 0.9 * page.height]
    assert found == [f"ACME-{n:06d}" for n in range(1, sum(e.page_count for e in result.plan.exhibits) + 1)]


def test_the_index_links_into_other_volumes_by_file_and_page(volumes: tuple[BundleResult, dict[str, bytes]]) -> None:
    result, _ = volumes
    reader = PdfReader(result.volumes[0].path)
    targets = {}
    index = next(item for item in reader.outline if not isinstance(item, list) and item.title == "Index of exhibits")
    for page in reader.pages[reader.get_destination_page_number(index):result.placements["1.1"].page]:
        for annotation in page.get("/Annots", []):
            link = annotation.get_object()
            if "/A" in link:
                targets[(link["/A"]["/F"], link["/A"]["/D"][0])] = True
            else:
                targets[(result.volumes[0].path.name, reader.get_page_number(link["/Dest"][0].get_object()))] = True
    expected = {(result.volumes[p.volume - 1].path.name, p.page) for p in result.placements.values()}
    assert set(targets) == expected


def test_each_volume_carries_its_own_originals_and_manifest(volumes: tuple[BundleResult, dict[str, bytes]]) -> None:
    result, datas = volumes
    for volume in result.volumes:
        attachments = dict(PdfReader(volume.path).attachments)
        manifest = json.loads(attachments.pop("manifest.json")[0])
        assert manifest["volume"] == volume.number and manifest["volumes"] == len(result.volumes)
        assert sorted(item["exhibit"] for item in manifest["originals"]) == sorted(volume.exhibits)
        for item in manifest["originals"]:
            (data,) = attachments[item["file"]]
            assert data == datas[item["original_name"]]
            assert hashlib.sha256(data).hexdigest() == item["sha256"]


def test_an_older_volume_left_in_the_folder_is_pointed_out(tmp_path: Path) -> None:
    case = small_case(tmp_path / "case.tcase", [Doc("a.pdf", text_pdf("a"), links=("farm-mill",))])
    (tmp_path / "bundle-vol7.pdf").write_bytes(b"old")
    result = build_case(case, tmp_path / "bundle.pdf")
    assert any("bundle-vol7.pdf" in warning for warning in result.warnings)
    assert (tmp_path / "bundle-vol7.pdf").read_bytes() == b"old"


def test_volumes_come_out_the_same_byte_for_byte_every_time(volumes: tuple[BundleResult, dict[str, bytes]],
                                                             tmp_path: Path) -> None:
    result, _ = volumes
    again = build_case(result.volumes[0].path.parent / "case.tcase", tmp_path / "bundle.pdf", max_volume_mb=LIMIT_MB)
    assert [v.path.name for v in again.volumes] == [v.path.name for v in result.volumes]
    assert all(a.path.read_bytes() == b.path.read_bytes() for a, b in zip(again.volumes, result.volumes, strict=True))


def test_a_later_volume_labels_its_cover_and_links_each_exhibit_page_back_to_it(
        volumes: tuple[BundleResult, dict[str, bytes]]) -> None:
    result, _ = volumes
    volume = result.volumes[1]
    reader = PdfReader(volume.path)
    first = min(result.placements[exhibit_id].page for exhibit_id in volume.exhibits)
    assert reader.page_labels[:first] == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"][:first]
    assert reader.page_labels[first] == f"Exhibit {volume.exhibits[0]}, p. 1"
    for page in reader.pages[first:first + 3]:
        targets = [reader.get_page_number(a.get_object()["/Dest"][0].get_object()) for a in page.get("/Annots", [])
                   if "/Dest" in a.get_object()]
        assert 0 in targets
