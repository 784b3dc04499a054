"""The one unsigned gap in a signed PDF: the signature's /Contents, checked byte for byte.

A signature covers the whole file except its own /Contents hex string, which a signer
reserves larger than the CMS structure it writes and fills up with zeros. Validators check the
CMS structure and stop there, so bytes hidden in the padding (one changed digit, or a payload
of a few hundred bytes) leave the signature "intact". Here the gap must be exactly ``<``, hex
digits, ``>``, and every byte after the CMS structure must be zero.
"""

from __future__ import annotations

import re
from typing import BinaryIO, Final

from asn1crypto import parser

_HEX: Final = re.compile(rb"[0-9A-Fa-f]*")


def contents_problem(handle: BinaryIO, byte_range: list[int] | tuple[int, ...], field_name: str) -> str | None:
    """What is wrong with the unsigned gap of one signature, or None when it holds only its
    CMS structure and zeros.

    Args:
        handle: the whole file, seekable.
        byte_range: the signature's /ByteRange: start, length, start, length.
        field_name: the signature field's name, for the sentence.
    """
    if len(byte_range) != 4:
        return f"signature {field_name!r} signs {len(byte_range) // 2} parts of the file, not the usual two"
    start, end = int(byte_range[0]) + int(byte_range[1]), int(byte_range[2])
    if start >= end:
        return f"signature {field_name!r} leaves no room for its own value: its byte range is malformed"
    handle.seek(start)
    gap = handle.read(end - start)
    if len(gap) < 2 or gap[:1] != b"<" or gap[-1:] != b">" or _HEX.fullmatch(gap[1:-1]) is None or len(gap) % 2:
        return (f"signature {field_name!r}: the unsigned part of the file holds more than the signature "
                f"value ({end - start:,} bytes that are not one hex string)")
    value = bytes.fromhex(gap[1:-1].decode("ascii"))
    try:
        _, _, _, header, content, trailer = parser.parse(value)
    except ValueError:
        # The signature check names an unreadable CMS structure; nothing to add here.
        return None
    used = len(header) + len(content) + len(trailer)
    padding = value[used:]
    if padding.count(0) != len(padding):
        changed = len(padding) - padding.count(0)
        return (f"signature {field_name!r}: {changed:,} byte{'s' if changed != 1 else ''} in the unsigned "
                "padding after the signature value were changed (it must be all zeros); something was "
                "hidden in the file after signing")
    return None
