"""`verify` on a signed bundle damaged anywhere: a report that is not intact, or our error."""

from __future__ import annotations

import functools
import io
import tempfile
from pathlib import Path

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
def _unsigned_gap() -> range:
    """The bytes the signature does not cover: its own value, a hex string with zero padding."""
    start, first, second_start, _ = PdfFileReader(io.BytesIO(_signed())).embedded_signatures[0].byte_range
    return range(start + first, second_start)


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
    # Inside the signature's own value nothing of the document changes: PAdES leaves it out.
    assert not report.intact or changed <= set(_unsigned_gap())
