"""`bundle --optimize-images DPI`: scans finer than DPI resampled to JPEG; bi-level scans and originals untouched."""

from __future__ import annotations

import functools
import io
import json
import random
import zlib
from pathlib import Path

import img2pdf
import pikepdf
import pytest
from pikepdf import Name
from assembly_support import Doc, build_case, qpdf_check, small_case
from PIL import Image, ImageCms, ImageDraw

from importer_app.bundle.images import QUALITY, downsample_images
from importer_app.cli.main import main


@functools.cache
def _scan(mode: str, seed: int, profile: bool = False) -> bytes:
    """A 3 x 3 inch page scanned at 300 dpi: a photograph-like colour page or a bi-level one,
    with ``profile`` tagged sRGB as scanners and phones tag theirs (an ICCBased colour space)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (900, 900), "white")
    draw = ImageDraw.Draw(image)
    for _ in range(300):
        x, y = rng.randrange(900), rng.randrange(900)
        draw.ellipse((x, y, x + rng.randrange(20, 200), y + rng.randrange(20, 200)),
                     fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    out = io.BytesIO()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() if profile else None
    image.convert(mode).save(out, "PNG", dpi=(300, 300), icc_profile=icc)
    return img2pdf.convert(out.getvalue())


def _images(pdf_path: Path) -> list[tuple[int, int, str, int]]:
    """(width, height, filter, bits) of every image on an exhibit page, in page order."""
    found = []
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            for _, image in page.get_images().items():
                found.append((int(image.Width), int(image.Height), str(image.get("/Filter")),
                              int(image.BitsPerComponent)))
    return found


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("optimize-images")
    return small_case(folder / "case.tcase", [Doc("colour.pdf", _scan("RGB", 1), links=("farm-mill",)),
                                              Doc("typed.pdf", _scan("1", 2), links=("farm-mill",))])


def test_a_colour_scan_is_resampled_to_jpeg_and_a_bi_level_one_stays_lossless(case: Path, tmp_path: Path) -> None:
    as_received = build_case(case, tmp_path / "lossless.pdf", include_originals=False)
    smaller = build_case(case, tmp_path / "smaller.pdf", include_originals=False, optimize_images_dpi=100)
    assert sorted(_images(as_received.volumes[0].path)) == sorted([(900, 900, "/FlateDecode", 8),
                                                                   (900, 900, _images_filter_of_bilevel(), 1)])
    assert sorted(_images(smaller.volumes[0].path)) == sorted([(300, 300, "/DCTDecode", 8),
                                                               (900, 900, _images_filter_of_bilevel(), 1)])
    assert _colour_bytes(smaller.volumes[0].path) < _colour_bytes(as_received.volumes[0].path)
    assert smaller.volumes[0].size < as_received.volumes[0].size
    qpdf_check(smaller.volumes[0].path)


def _colour_bytes(pdf_path: Path) -> int:
    with pikepdf.open(pdf_path) as pdf:
        return sum(len(image.read_raw_bytes()) for page in pdf.pages for image in page.get_images().values()
                   if int(image.BitsPerComponent) == 8)


def _images_filter_of_bilevel() -> str:
    with pikepdf.open(io.BytesIO(_scan("1", 2))) as pdf:
        (image,) = pdf.pages[0].get_images().values()
        return str(image.get("/Filter"))


def test_a_scan_tagged_with_an_icc_profile_is_resampled_and_keeps_its_profile(tmp_path: Path) -> None:
    case = small_case(tmp_path / "case.tcase", [Doc("tagged.pdf", _scan("RGB", 3, profile=True), links=("farm-mill",))])
    as_received = build_case(case, tmp_path / "lossless.pdf", include_originals=False)
    smaller = build_case(case, tmp_path / "smaller.pdf", include_originals=False, optimize_images_dpi=100)
    assert _images(smaller.volumes[0].path) == [(300, 300, "/DCTDecode", 8)]
    with pikepdf.open(smaller.volumes[0].path) as pdf:
        (image,) = [image for page in pdf.pages for image in page.get_images().values()]
        assert image.ColorSpace[0] == "/ICCBased"
        assert int(image.ColorSpace[1].N) == 3
    assert smaller.volumes[0].size < as_received.volumes[0].size
    qpdf_check(smaller.volumes[0].path)


def _raster_page(strips: int) -> pikepdf.Pdf:
    """A 2-inch-wide page printed at 600 dpi as a printer's raster (PCLm) sends it: strips of 16
    rows, one image each, every other one blank (its lossless code is smaller than any JPEG)."""
    rng = random.Random(4)
    pdf = pikepdf.Pdf.new()
    page = pdf.add_blank_page(page_size=(144, strips * 1.92))
    drawing, resources = [], pikepdf.Dictionary()
    page.Resources = pikepdf.Dictionary(XObject=resources)
    for number in range(strips):
        pixels = rng.randbytes(1200 * 16 * 3) if number % 2 else bytes([255]) * (1200 * 16 * 3)
        strip = pdf.make_stream(b"", Type=Name.XObject, Subtype=Name.Image, Width=1200, Height=16,
                                ColorSpace=Name.DeviceRGB, BitsPerComponent=8)
        strip.write(zlib.compress(pixels), filter=Name.FlateDecode)
        resources[f"/S{number}"] = strip
        drawing.append(f"q 144 0 0 1.92 0 {(strips - 1 - number) * 1.92:.2f} cm /S{number} Do Q")
    page.Contents = pdf.make_stream("\n".join(drawing).encode())
    return pdf


def test_the_strips_of_a_raster_page_are_left_alike() -> None:
    pdf = _raster_page(20)
    downsample_images(pdf, 150)
    sizes = {(int(image.Width), int(image.Height)) for image in pdf.pages[0].get_images().values()}
    assert sizes == {(1200, 16)}


def test_the_attached_originals_keep_their_bytes(case: Path, tmp_path: Path) -> None:
    result = build_case(case, tmp_path / "smaller.pdf", optimize_images_dpi=100)
    with pikepdf.open(result.volumes[0].path) as pdf:
        attached = {name: spec.get_file().read_bytes() for name, spec in pdf.attachments.items()}
    manifest = json.loads(attached.pop("manifest.json"))
    assert sorted(attached.values()) == sorted([_scan("RGB", 1), _scan("1", 2)])
    assert len(manifest["originals"]) == 2


def test_an_image_already_at_the_resolution_is_left_alone(case: Path, tmp_path: Path) -> None:
    result = build_case(case, tmp_path / "same.pdf", optimize_images_dpi=300)
    assert (900, 900, "/FlateDecode", 8) in _images(result.volumes[0].path)


@pytest.mark.parametrize("dpi", ["0", "50", "99", "5000"])
def test_a_resolution_out_of_range_is_bad_input(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                dpi: str) -> None:
    out = tmp_path / "bundle.pdf"
    assert main(["bundle", str(case), "-o", str(out), "--allow-unexplained-gaps", "--optimize-images", dpi]) == 2
    assert "--optimize-images takes a resolution from 100 to 1200 dpi, for example 150: below 100 dpi small print" \
        in capsys.readouterr().err
    assert not out.exists()


def test_the_help_states_the_jpeg_quality(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["bundle", "--help"])
    assert f"JPEG at quality {QUALITY}" in " ".join(capsys.readouterr().out.split())
