"""`verify` on a signed bundle damaged anywhere: a report that is not intact, or our error."""

from __future__ import annotations

import functools
import io
import tempfile
from pathlib import Path

from asn1crypto import parser
from hypothesis import HealthCheck, given, settings
from pyhanko.pdf_utils.reader import PdfFileReader
from hypothesis import strategies as st
from signing_support import NOW, build_unsigned, sign

from importer_app.bundle.verify import verify_pdf
from importer_app.core.errors import AppError


@functools.cache
def _signed() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = build_unsigned(Path(folder) / "bundle.pdf")
        sign(path)
        return path.read_bytes()


@functools.cache
def _signature_value() -> range:
    """The hex digits of the CMS structure: the one part of the unsigned gap (the signature's
    own value) that is not zero padding, which verify checks byte for byte."""
    start, first, second_start, _ = PdfFileReader(io.BytesIO(_signed())).embedded_signatures[0].byte_range
    digits = _signed()[start + first + 1:second_start - 1]
    _, _, _, header, content, trailer = parser.parse(bytes.fromhex(digits.decode()))
    return range(start + first + 1, start + first + 1 + 2 * (len(header) + len(content) + len(trailer)))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)),
                      min_size=1, max_size=4))
def test_a_damaged_bundle_is_never_called_intact_and_never_crashes(tmp_path: Path,
                                                                  flips: list[tuple[int, int]]) -> None:
    original = _signed()
    data = bytearray(original)
    for offset, value in flips:
        data[offset % len(data)] = value
    path = tmp_path / "bundle.pdf"
    path.write_bytes(bytes(data))
    try:
        report = verify_pdf(path, now=NOW)
    except AppError:
        return  # refused with a sentence: not a PDF any more
    changed = {index for index, (a, b) in enumerate(zip(data, original, strict=True)) if a != b}
    # Inside the CMS structure nothing of the document changes (PAdES leaves it out of the
    # digest), and some of its bytes (the certificate's own signature) are not checked without
    # a trust anchor; everywhere else, the padding included, a change is never intact.
    assert not report.intact or changed <= set(_signature_value())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.integers(min_value=0), st.sampled_from(b"123456789abcdefABCDEF \n")),
                      min_size=1, max_size=4))
def test_anything_written_into_the_signature_padding_is_never_intact(tmp_path: Path,
                                                                     flips: list[tuple[int, int]]) -> None:
    _, _, second_start, _ = PdfFileReader(io.BytesIO(_signed())).embedded_signatures[0].byte_range
    padding = range(_signature_value().stop, second_start - 1)
    data = bytearray(_signed())
    for offset, value in flips:
        data[padding[offset % len(padding)]] = value
    path = tmp_path / "bundle.pdf"
    path.write_bytes(bytes(data))
    try:
        report = verify_pdf(path, now=NOW)
    except AppError:
        return
    assert not report.intact
