"""Distinct subset tags for the embedded fonts of one PDF (ISO 32000-1, 9.6.4).

An embedded font subset is named ``ABCDEF+Name``; different subsets in one file must carry
different tags. reportlab names the first subset of every font ``AAAAAA+`` in every document
it writes, and many exhibits were made by the same kind of tool, so a merged bundle holds
dozens of different subsets under one tag; a viewer or a preflight tool may then take one for
another. Every font descriptor gets a tag of its own: the first keeps the tag it has, the others
get a new one drawn from a hash of their name and position, so the same input gives the same
file.
"""

from __future__ import annotations

import hashlib
import re
from typing import Final

import pikepdf
from pikepdf import Dictionary, Name

_TAGGED: Final = re.compile(r"^/?([A-Z]{6})\+(.*)$")


def make_distinct(pdf: pikepdf.Pdf, *, salt: str = "") -> int:
    """Give every tagged font subset of ``pdf`` a tag no other subset in it has.

    Args:
        pdf: changed in place.
        salt: mixed into the new tags; a document that will be added to another (a signature
            appearance) uses its own, so its tags do not repeat the other's.

    Returns:
        How many subsets were renamed.
    """
    fonts: list[tuple[Dictionary, Dictionary]] = []
    composite: list[Dictionary] = []
    for obj in pdf.objects:
        if not isinstance(obj, Dictionary) or obj.get(Name.Type) != Name.Font:
            continue
        descriptor = obj.get(Name.FontDescriptor)
        if isinstance(descriptor, Dictionary):
            fonts.append((obj, descriptor))
        elif Name.DescendantFonts in obj:
            composite.append(obj)
    used: set[str] = set()
    renamed: dict[tuple[int, int], str] = {}
    seen: set[tuple[int, int]] = set()
    for _, descriptor in fonts:
        key = descriptor.objgen
        if key in seen:
            continue
        seen.add(key)
        match = _TAGGED.match(str(descriptor.get(Name.FontName, "")))
        if match is None:
            continue
        tag, name = match.groups()
        if tag in used or salt:
            tag = _new_tag(name, len(seen), used, salt)
            renamed[key] = tag
            descriptor.FontName = Name(f"/{tag}+{name}")
        used.add(tag)
    for font, descriptor in fonts:
        tag = renamed.get(descriptor.objgen)
        if tag is not None:
            _retag(font, tag)
    for font in composite:
        descendants = font.DescendantFonts
        first = descendants[0] if isinstance(descendants, pikepdf.Array) and len(descendants) else None
        descriptor = first.get(Name.FontDescriptor) if isinstance(first, Dictionary) else None
        if isinstance(descriptor, Dictionary) and descriptor.objgen in renamed:
            _retag(font, renamed[descriptor.objgen])
    return len(renamed)


def tags(pdf: pikepdf.Pdf) -> list[str]:
    """The subset tags of every font descriptor of ``pdf``, in object order."""
    found = []
    for obj in pdf.objects:
        if isinstance(obj, Dictionary) and obj.get(Name.Type) == Name.FontDescriptor:
            match = _TAGGED.match(str(obj.get(Name.FontName, "")))
            if match is not None:
                found.append(match.group(1))
    return found


def _retag(font: Dictionary, tag: str) -> None:
    match = _TAGGED.match(str(font.get(Name.BaseFont, "")))
    if match is not None:
        font.BaseFont = Name(f"/{tag}+{match.group(2)}")


def _new_tag(name: str, position: int, used: set[str], salt: str) -> str:
    attempt = 0
    while True:
        digest = hashlib.sha256(f"{salt}\0{name}\0{position}\0{attempt}".encode()).digest()
        tag = "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
        if tag not in used:
            return tag
        attempt += 1
