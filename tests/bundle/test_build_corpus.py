"""Real-world files through intake and into the bundle: stamped, upright, whole.

The files come from the shared corpus (never copied into the repository); each is added to a
copy of the demo case the way the window adds a dropped file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pikepdf
import pytest
from assembly_support import (
    build_case,
    catalog,
    copy_case,
    demo_case,
    outline,
    page_words,
    qpdf_check,
)
from pypdf import PdfReader

from importer_app.bundle.build import BundleResult
from importer_app.case.intake import AddOptions, add_files
from importer_app.store.casefile import CaseFile

pytestmark = pytest.mark.corpus
CORPUS = Path(os.environ.get("IMPORTER_APP_CORPUS", Path(__file__).resolve().parents[3] / "shared" / "corpus"))

FILES = {
    "rotated": ["rotate-mixed-20p.pdf", "rotate-inherited-from-pages-node.pdf", "page-boxes-crop-rotate.pdf",
                "scan-4-orientations-portrait-landscape.pdf"],
    "mixed sizes": ["page-sizes-mixed.pdf", "scan-mixed-6p-mixed-sizes.pdf", "page-poster-25x50in.pdf"],
    "scanned": ["scan-rotate90-skewed.pdf", "scan-ccitt-g4.pdf", "tiff-multipage-different-sizes.tiff",
                "jpeg-exif-orientation-6.jpg"],
    "non-Latin": ["zh-product-list.pdf", "arabic-rotated-4p.pdf"],
    "filled form": ["form-filled-by-acrobat.pdf"],
}
NAMES = [name for names in FILES.values() for name in names]


@pytest.fixture(scope="module")
def corpus_dir() -> Path:
    """The shared corpus, once for the module (the suite-wide ``corpus`` fixture is per test)."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}; set IMPORTER_APP_CORPUS to its folder")
    return CORPUS


@pytest.fixture(scope="module")
def corpus_bundle(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[BundleResult, dict[str, str]]:
    folder = tmp_path_factory.mktemp("corpus-bundle")
    case_path = copy_case(demo_case(tmp_path_factory), folder / "case.tcase")
    with CaseFile.open(case_path) as casefile:
        results = add_files(casefile, [corpus_dir / name for name in NAMES], AddOptions(entities=("garment",)),
                            catalog())
    refused = [f"{Path(r.source).name}: {r.message}" for r in results if not r.added]
    assert not refused, "intake accepts these files"
    paths = {Path(r.source).name: r.document.path for r in results if r.document is not None}
    return build_case(case_path, folder / "bundle.pdf"), paths


def _exhibit(result: BundleResult, path: str) -> tuple[str, int, int]:
    (exhibit,) = [e for e in result.plan.exhibits if e.document.path == path]
    return exhibit.id, result.placements[exhibit.id].page, exhibit.page_count


@pytest.mark.parametrize("name", NAMES)
def test_every_page_is_stamped_upright_at_the_bottom(corpus_bundle: tuple[BundleResult, dict[str, str]],
                                                     name: str) -> None:
    result, paths = corpus_bundle
    exhibit_id, first, count = _exhibit(result, paths[name])
    bates = result.placements[exhibit_id].bates
    output = result.volumes[0].path
    pages = page_words(output, first + 1, first + count)
    assert len(pages) == count
    for offset, page in enumerate(pages):
        stamp = [w for w in page.words if w.text == f"HARBORLINE-{bates.first + offset:06d}"]
        assert len(stamp) == 1, f"page {offset + 1} of {name} carries its Bates number"
        word = stamp[0]
        assert word.x1 - word.x0 > 2 * (word.y1 - word.y0), f"page {offset + 1} of {name}: the stamp reads across"
        assert page.height * 0.85 < word.y0 and word.y1 <= page.height + 0.5, f"page {offset + 1}: at the bottom"
        assert page.width / 2 < word.x1 <= page.width + 0.5
        label = " ".join(w.text for w in page.words if w.y0 >= word.y0 - 1 and w.x1 < page.width / 2)
        assert f"Exhibit {exhibit_id} - page {offset + 1} of {count}" in label


def test_the_bundle_passes_qpdf(corpus_bundle: tuple[BundleResult, dict[str, str]]) -> None:
    qpdf_check(corpus_bundle[0].volumes[0].path)


def test_a_documents_layers_and_unicode_bookmarks_come_along(corpus: Path, tmp_path: Path,
                                                             tmp_path_factory: pytest.TempPathFactory) -> None:
    case_path = copy_case(demo_case(tmp_path_factory), tmp_path / "case.tcase")
    with CaseFile.open(case_path) as casefile:
        (added,) = add_files(casefile, [corpus / "pdf20-utf8-bookmarks-layers.pdf"], AddOptions(), catalog())
    assert added.document is not None
    result = build_case(case_path, tmp_path / "bundle.pdf")
    exhibit_id, first, _ = _exhibit(result, added.document.path)
    marks = outline(PdfReader(result.volumes[0].path))
    at = next(i for i, mark in enumerate(marks) if mark[1].startswith(f"{exhibit_id} "))
    carried = [title for depth, title, page in marks[at + 1:at + 4] if depth == marks[at][0] + 1 and page == first]
    assert carried[0] == "PDF 2.0 with UTF-8 test file" and "🌈" in carried[2]
    with pikepdf.open(result.volumes[0].path) as pdf:
        properties = pdf.Root.OCProperties
        assert sorted(str(group.Name) for group in properties.OCGs) == sorted(str(g.Name) for g in properties.D.OFF)
        assert {group.objgen for group in properties.OCGs} == {group.objgen for group in properties.D.OFF}
