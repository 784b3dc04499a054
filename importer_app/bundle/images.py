"""Smaller scans on request: images drawn at more than a resolution are resampled to it.

Scanned evidence is often stored at 300-600 dpi in colour, which makes a bundle many times
larger than a reader needs on screen or paper. With ``--optimize-images DPI`` each image of an
exhibit's pages finer than DPI (measured against the page it is drawn on, so a full-page scan
is measured exactly and a smaller picture is never made coarser than DPI) is resampled to DPI
and stored as JPEG at ``QUALITY``. Grey and RGB images tagged with an ICC profile (as scanners
and phones tag them) keep their profile. Bi-level scans (one bit per pixel: typed pages,
signatures) are left as they are, losslessly coded; so are images with a mask, a colour space
other than grey or RGB, data pikepdf cannot decode, and the strips of a printer's raster page.
The originals attached to the bundle are never touched: they are the evidence as received.
"""

from __future__ import annotations

import io
from typing import Final

import pikepdf
from PIL import Image
from pikepdf import Name

QUALITY: Final = 80
"""JPEG quality of a resampled image (Pillow's scale, 1-95): text of a scanned page stays
sharp at 150 dpi; the file is about a tenth of a 300 dpi lossless scan."""
_COLOUR_SPACES: Final = {"/DeviceGray": "L", "/DeviceRGB": "RGB"}
_ICC_COMPONENTS: Final = {1: "L", 3: "RGB"}
_STRIP_PIXELS: Final = 16
"""An image that would come out narrower than this (a strip of a printer's raster page, PCLm:
16 rows at 600 dpi) is left as received. Resampled one by one, some strips would be left
(their JPEG larger than the original) beside others that were not, and the page would show
seams across its letters, for a few percent of its bytes."""


def downsample_images(pdf: pikepdf.Pdf, dpi: int) -> int:
    """Resample every image of ``pdf``'s pages finer than ``dpi``; returns how many were."""
    done: set[tuple[int, int]] = set()
    count = 0
    for page in pdf.pages:
        box = page.mediabox
        width_in, height_in = abs(float(box[2]) - float(box[0])) / 72, abs(float(box[3]) - float(box[1])) / 72
        for _, stream in page.get_images().items():
            if stream.objgen in done or stream.objgen == (0, 0):
                continue
            done.add(stream.objgen)
            count += _resample(stream, dpi, width_in, height_in)
    return count


def _mode(colour_space: object) -> str | None:
    """Pillow's mode for a grey or RGB colour space, ICC-tagged or not; None for any other."""
    if isinstance(colour_space, Name):
        return _COLOUR_SPACES.get(str(colour_space))
    if (isinstance(colour_space, pikepdf.Array) and len(colour_space) == 2 and colour_space[0] == Name.ICCBased
            and isinstance(colour_space[1], pikepdf.Stream)):
        components = colour_space[1].get(Name.N)
        return _ICC_COMPONENTS.get(components) if isinstance(components, int) else None
    return None


def _resample(stream: pikepdf.Stream, dpi: int, width_in: float, height_in: float) -> int:
    width, height = int(stream.get(Name.Width, 0)), int(stream.get(Name.Height, 0))
    mode = _mode(stream.get(Name.ColorSpace))
    if (mode is None or int(stream.get(Name.BitsPerComponent, 0)) != 8 or width <= 0 or height <= 0
            or Name.SMask in stream or Name.Mask in stream or Name.Decode in stream):
        return 0
    # The finest the image can be drawn is across the whole page.
    scale = min(dpi * width_in / width, dpi * height_in / height)
    if scale >= 1 or min(width, height) * scale < _STRIP_PIXELS:
        return 0
    try:
        with pikepdf.PdfImage(stream).as_pil_image() as image:
            smaller = image.convert(mode).resize((max(1, round(width * scale)), max(1, round(height * scale))),
                                                 Image.Resampling.LANCZOS)
    except (pikepdf.PdfError, pikepdf.models.image.UnsupportedImageTypeError, OSError, ValueError):
        return 0
    out = io.BytesIO()
    smaller.save(out, "JPEG", quality=QUALITY, optimize=True)
    if out.tell() >= len(stream.read_raw_bytes()):
        return 0
    stream.write(out.getvalue(), filter=Name.DCTDecode)
    stream.Width, stream.Height = smaller.width, smaller.height
    if Name.DecodeParms in stream:
        del stream[Name.DecodeParms]
    return 1
