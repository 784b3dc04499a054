"""Images (phone photos, scans, faxes) become PDF pages.

img2pdf embeds JPEG, PNG, TIFF (CCITT fax included) and GIF data without decoding and
re-encoding it, so a scan keeps every pixel it had, and it turns the page with /Rotate as the
EXIF orientation says. What it cannot take (HEIC, flipped orientations, exotic TIFFs) is
decoded with Pillow and re-encoded: as JPEG when the source was lossy anyway, as PNG when not.

Pillow's decompression-bomb limit is kept: an image with more pixels than
``Image.MAX_IMAGE_PIXELS`` is refused before it is decoded.
"""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import img2pdf
import pikepdf
import pi_heif
import pypdf
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from importer_app.core.errors import DocumentRefused
from importer_app.core.model import PageInfo
from importer_app.intake.geometry import describe_pages
from importer_app.intake.text import quiet

log = logging.getLogger(__name__)

# pi-heif is pillow-heif's HEIC decoder without the x265 encoder, which is GPL: we only read.
# It applies the HEIF rotation itself and resets the EXIF orientation, so nothing turns twice.
pi_heif.register_heif_opener()

MIN_SCAN_DPI: Final = 150
"""An image stating at least this resolution is a scan: its page gets its physical size."""
MAX_NATURAL_PT: Final = (11 * 72, 17 * 72)
"""Scans larger than tabloid (11 x 17 in) are fitted to a Letter page instead."""
MIN_NATURAL_PT: Final = 4 * 72
"""Scans whose longer side is under 4 in are fitted to a Letter page instead."""
LETTER_PT: Final = (612.0, 792.0)
MARGIN_PT: Final = 36.0
JPEG_QUALITY: Final = 90
"""For re-encoding images that were lossy already (HEIC, old-style JPEG in TIFF)."""

_LOSSY_SOURCES: Final = frozenset({"JPEG", "HEIC", "WebP"})
_MULTI_PAGE: Final = frozenset({"TIFF"})
_IMG2PDF_FAILURES: Final = (
    img2pdf.AlphaChannelError, img2pdf.ExifOrientationError, img2pdf.ImageOpenError,
    img2pdf.JpegColorspaceError, img2pdf.UnsupportedColorspaceError, img2pdf.NegativeDimensionError,
    img2pdf.PdfTooLargeError, ValueError, TypeError, KeyError, IndexError, OSError, AssertionError,
)
"""img2pdf refuses what it cannot embed as is with its errors, or fails in Pillow's."""
_PILLOW_FAILURES: Final = (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError, IndexError, TypeError)
_EXIF_ORIENTATION: Final = 0x0112


@dataclass(frozen=True)
class ImageFacts:
    """The PDF made from an image, and what to tell the user.

    Attributes:
        rendition: the PDF, one page per image (every page of a multi-page TIFF).
        rendition_reason: e.g. ``converted from JPEG``.
        pages: the rendition's pages.
        notes: sentences for the user.
    """

    rendition: bytes
    rendition_reason: str
    pages: tuple[PageInfo, ...]
    notes: tuple[str, ...]


def image_to_pdf(data: bytes, name: str, image_format: str) -> ImageFacts:
    """Turn an image file into a PDF, one page per frame (TIFF) or for the first frame.

    Args:
        data: the file's bytes.
        name: the file's name, for messages.
        image_format: the sniffed format (``JPEG``, ``PNG``, ``TIFF``, ``HEIC``, ``BMP``,
            ``GIF``, ``WebP``).

    Raises:
        DocumentRefused: ``decompression-bomb`` or ``damaged``.
    """
    notes: list[str] = []
    with quiet():
        # After quiet(): this filter goes first, so a bomb warning is raised, not recorded.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            frames = _frame_sizes(image, image_format)
            for width, height in frames:
                _check_pixels(name, width, height)
            layout = _layout(_scan_dpi(image))
            orientation = image.getexif().get(_EXIF_ORIENTATION, 1)
            frame_count = getattr(image, "n_frames", 1)
            if frame_count > 1 and image_format not in _MULTI_PAGE:
                notes.append(f"the {image_format} holds {frame_count} images: only the first is used")
            reason = f"converted from {image_format}"
            pdf = None
            if image_format != "HEIC":
                pdf = _embed(data, layout, single=image_format not in _MULTI_PAGE)
            if pdf is None:
                pdf = _reencode(image, image_format, layout)
                reason += " (re-encoded as JPEG)" if image_format in _LOSSY_SOURCES else " (decoded and re-encoded)"
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _bomb(name) from error
        except _PILLOW_FAILURES as error:
            log.info("%s: image unreadable: %s: %s", name, type(error).__name__, error)
            raise DocumentRefused(
                f"{name} is a damaged {image_format} image that could not be read. Ask the sender"
                " for a new copy.",
                code="damaged",
            ) from error
        with pikepdf.open(io.BytesIO(pdf)) as converted:
            pages = describe_pages(converted, pypdf.PdfReader(io.BytesIO(pdf)), ())
    if orientation in range(2, 9):
        notes.append("turned upright as its EXIF orientation says")
    if len(frames) > 1:
        notes.append(f"{len(frames)} pages, one per image in the {image_format}")
    return ImageFacts(pdf, reason, pages, tuple(notes))


def _frame_sizes(image: Image.Image, image_format: str) -> list[tuple[int, int]]:
    if image_format not in _MULTI_PAGE:
        return [image.size]
    sizes = []
    for frame in ImageSequence.Iterator(image):
        sizes.append(frame.size)
    image.seek(0)
    return sizes


def _check_pixels(name: str, width: int, height: int) -> None:
    # Pillow checks only the first frame, and only warns below twice its limit.
    limit = Image.MAX_IMAGE_PIXELS
    if limit is not None and width * height > limit:
        raise _bomb(name)


def _bomb(name: str) -> DocumentRefused:
    return DocumentRefused(
        f"{name} is an image with more pixels than importer_app reads safely (over"
        f" {(Image.MAX_IMAGE_PIXELS or 0) // 1_000_000} million). Ask the sender for a smaller"
        " copy (a normal scan or photo is well under this), or save it as a PDF.",
        code="decompression-bomb",
    )


def _scan_dpi(image: Image.Image) -> tuple[float, float] | None:
    dpi = image.info.get("dpi")
    if not isinstance(dpi, tuple) or len(dpi) != 2:
        return None
    try:
        x, y = float(dpi[0]), float(dpi[1])
    except (TypeError, ValueError):
        return None
    return (x, y) if min(x, y) >= MIN_SCAN_DPI else None


Layout = Callable[[int, int, tuple[float, float]], tuple[float, float, float, float]]


def _layout(scan_dpi: tuple[float, float] | None) -> Layout:
    """img2pdf's layout: a scan at its physical size, anything else fitted to a Letter page.

    A phone photo says 72 dpi and would make a 56-inch page; a scan says 300 dpi and should
    print at the size of the paper it was.
    """

    def layout(width_px: int, height_px: int, ndpi: tuple[float, float]) -> tuple[float, float, float, float]:
        # ndpi keeps fax resolutions such as 204 x 196 dpi from distorting the page.
        width = width_px * 72.0 / ndpi[0]
        height = height_px * 72.0 / ndpi[1]
        if scan_dpi is not None:
            short, long = sorted((width, height))
            if short <= MAX_NATURAL_PT[0] and MIN_NATURAL_PT <= long <= MAX_NATURAL_PT[1]:
                return width, height, width, height
        page_width, page_height = LETTER_PT if height >= width else LETTER_PT[::-1]
        scale = min((page_width - 2 * MARGIN_PT) / width, (page_height - 2 * MARGIN_PT) / height)
        return page_width, page_height, width * scale, height * scale

    return layout


def _embed(data: bytes, layout: Layout, *, single: bool) -> bytes | None:
    """The image data embedded as it is by img2pdf; None when img2pdf cannot."""
    try:
        # nodate: the same image always makes the same rendition, byte for byte.
        return img2pdf.convert(
            data, layout_fun=layout, rotation=img2pdf.Rotation.auto, first_frame_only=single, nodate=True,
        )
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise
    except _IMG2PDF_FAILURES as error:
        log.info("img2pdf cannot embed the image as it is (%s: %s); re-encoding", type(error).__name__, error)
        return None


def _reencode(image: Image.Image, image_format: str, layout: Layout) -> bytes:
    encoded = []
    frames = ImageSequence.Iterator(image) if image_format in _MULTI_PAGE else [image]
    for frame in frames:
        upright = _flatten(ImageOps.exif_transpose(frame))
        out = io.BytesIO()
        if image_format in _LOSSY_SOURCES:
            upright.save(out, "JPEG", quality=JPEG_QUALITY, dpi=image.info.get("dpi", (72, 72)))
        else:
            upright.save(out, "PNG", dpi=image.info.get("dpi", (72, 72)))
        encoded.append(out.getvalue())
    # Already upright: any EXIF orientation the encoder copied must not turn it again.
    return img2pdf.convert(encoded, layout_fun=layout, rotation=img2pdf.Rotation.none, nodate=True)


def _flatten(image: Image.Image) -> Image.Image:
    """An RGB or greyscale copy, transparency composited onto white paper."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        paper = Image.new("RGB", rgba.size, "white")
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    if image.mode in ("RGB", "L"):
        return image
    return image.convert("RGB")
