"""A size limit holds for the signed files: the signature's bytes are in the budget."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from assembly_support import DOCUMENT_DATE, Doc, catalog, quick_front, small_case, text_pdf
from signing_support import BOX, NOW, loaded_identity
from test_volumes import _heavy_pdf

from importer_app.bundle.build import VolumeResult, build
from importer_app.bundle.plan import BundleOptions
from importer_app.bundle.signing import sign_pdf
from importer_app.bundle.source import BundleSource
from importer_app.bundle.verify import verify_pdf
from importer_app.bundle.volumes import MB
from importer_app.store.casefile import CaseFile


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("signed-volumes")
    docs = [Doc(f"doc-{n}.pdf", _heavy_pdf(n), links=("farm-mill",)) for n in range(7)]
    return small_case(folder / "case.tcase", docs)


def _signed_build(case: Path, output: Path, limit_mb: float) -> tuple[list, dict[int, int]]:
    signings: dict[int, int] = {}

    def sign(temp: Path, volume: VolumeResult) -> None:
        signings[volume.number] = signings.get(volume.number, 0) + 1
        sign_pdf(temp, temp, loaded_identity(), signature_box=volume.signature or BOX,
                 reason="Response to CBP detention", location="Long Beach, CA", now=NOW)

    with CaseFile.open(case, readonly=True) as casefile:
        result = build(BundleSource.from_casefile(casefile),
                       BundleOptions(output=output, document_date=DOCUMENT_DATE, max_volume_mb=limit_mb),
                       catalog=catalog(), front_matter=quick_front, finish_volume=sign)
    return result, signings


# Under these limits the unsigned volumes fit and the signed ones did not, before the
# signature was in the budget.
@pytest.mark.parametrize("limit_mb", [0.60, 0.64])
def test_signed_volumes_all_stay_under_a_tight_limit(case: Path, tmp_path: Path, limit_mb: float) -> None:
    result, signings = _signed_build(case, tmp_path / "bundle.pdf", limit_mb)
    assert len(result.volumes) >= 2
    for volume in result.volumes:
        assert volume.size == volume.path.stat().st_size, "sizes are those of the signed files"
        assert volume.size <= limit_mb * MB, (volume.path.name, volume.size)
        report = verify_pdf(volume.path, now=NOW)
        assert report.intact, report.reasons
    assert set(signings) == {volume.number for volume in result.volumes}
    assert not any("over the" in warning for warning in result.warnings)


@pytest.fixture(scope="module")
def long_manifest_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sixty small documents (a manifest of several pages) and, last, one heavy page."""
    folder = tmp_path_factory.mktemp("long-manifest")
    docs = [Doc(f"small-document-with-a-rather-long-name-{n:03d}.pdf", text_pdf(f"small {n}"), links=("farm-mill",))
            for n in range(60)]
    docs.append(Doc("heavy.pdf", _heavy_pdf(5), links=("farm-mill",)))
    return small_case(folder / "case.tcase", docs)


# Before the manifest was counted, under 0.40 MB the last volume (the heavy page and the
# manifest) came out at 0.42 MB, and under 0.44 MB volume 1 stayed at 0.45 MB after every split
# the build tried.
@pytest.mark.parametrize("limit_mb", [0.40, 0.44])
def test_the_manifest_moves_to_a_volume_of_its_own_rather_than_push_the_last_one_over_the_limit(
        long_manifest_case: Path, tmp_path: Path, limit_mb: float) -> None:
    result, _ = _signed_build(long_manifest_case, tmp_path / "bundle.pdf", limit_mb)
    for volume in result.volumes:
        assert volume.size == volume.path.stat().st_size <= limit_mb * MB, (volume.path.name, volume.size)
        assert verify_pdf(volume.path, now=NOW).intact
    last = result.volumes[-1]
    assert last.exhibits == () and result.volumes[-2].exhibits[-1] == result.plan.exhibits[-1].id
    text = subprocess.run(["pdftotext", str(last.path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Manifest of original files" in text and "heavy" in text
    assert not any("over the" in warning for warning in result.warnings)
