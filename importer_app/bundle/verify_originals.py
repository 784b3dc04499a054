"""Check the originals embedded in a bundle against its ``manifest.json`` attachment.

The manifest is written by the bundle assembly; :func:`parse_manifest` is the one place that
knows its format.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

MANIFEST_NAME = "manifest.json"

OK, CHANGED, MISSING, UNLISTED, UNREADABLE = "ok", "changed", "missing", "not in manifest", "unreadable"


@dataclass(frozen=True)
class ManifestEntry:
    """One original as the manifest lists it.

    Attributes:
        name: the attachment's file name.
        sha256: lowercase hex SHA-256 of its bytes.
        size: its length in bytes.
        exhibit: the exhibit id it belongs to (``3.2``), empty when the manifest has none.
    """

    name: str
    sha256: str
    size: int
    exhibit: str = ""


@dataclass(frozen=True)
class OriginalCheck:
    """The verdict on one embedded original.

    Attributes:
        name: the attachment's file name.
        exhibit: its exhibit id from the manifest, empty when unknown.
        status: ``ok``, ``changed``, ``missing``, ``not in manifest`` or ``unreadable``.
        expected_sha256: what the manifest says, empty for an unlisted attachment.
        actual_sha256: what the embedded bytes hash to, empty when missing or unreadable.
        expected_size: the manifest's size, None for an unlisted attachment.
        actual_size: the embedded bytes' length, None when missing or unreadable.
    """

    name: str
    exhibit: str
    status: str
    expected_sha256: str = ""
    actual_sha256: str = ""
    expected_size: int | None = None
    actual_size: int | None = None

    @property
    def reason(self) -> str:
        """A sentence for the user when the status is not ``ok``."""
        label = f"the attachment {self.name!r}" + (f" (exhibit {self.exhibit})" if self.exhibit else "")
        if self.status == CHANGED:
            return (f"{label} was changed: its SHA-256 is {self.actual_sha256} ({self.actual_size:,} bytes), "
                    f"manifest.json lists {self.expected_sha256} ({self.expected_size:,} bytes)")
        if self.status == MISSING:
            return f"{label} listed in manifest.json is missing from the file"
        if self.status == UNLISTED:
            return f"{label} is not listed in manifest.json"
        if self.status == UNREADABLE:
            return f"{label} cannot be read (its data is damaged, or too large to decode safely)"
        return f"{label} matches manifest.json"


class ManifestError(ValueError):
    """``manifest.json`` is not in the expected format; the message says what is wrong."""


def parse_manifest(data: bytes) -> dict[str, ManifestEntry]:
    """Read ``manifest.json``: ``{"originals": [{"file", "sha256", "size", "exhibit"}, ...]}``.

    Raises:
        ManifestError: not JSON, or not that shape.
    """
    try:
        document = json.loads(data)
        entries = {}
        for item in document["originals"]:
            entry = ManifestEntry(
                name=str(item["file"]), sha256=str(item["sha256"]).lower(),
                size=int(item["size"]), exhibit=str(item.get("exhibit", "")),
            )
            if entry.name in entries:
                raise ManifestError(f"manifest.json lists {entry.name!r} twice")
            entries[entry.name] = entry
    except (ValueError, KeyError, TypeError) as error:
        if isinstance(error, ManifestError):
            raise
        raise ManifestError(f"manifest.json cannot be read ({type(error).__name__}: {error})") from error
    return entries


def check_originals(reader: PdfFileReader) -> tuple[list[OriginalCheck], list[str]]:
    """Hash every embedded file and compare with the manifest.

    Returns:
        One check per original listed or embedded, and the problems that are not about one
        original (manifest missing or unreadable, duplicate attachment names). A file with no
        attachment at all has nothing to check (a bundle built without originals).
    """
    # Hash each attachment as it is read and keep only the digest: the originals may be
    # hundreds of megabytes, the manifest a few kilobytes.
    files: dict[str, list[_Digest | None]] = {}
    manifest_data: bytes | None = None
    for name, stream in _embedded_files(reader):
        data = _data(reader, stream)
        if name == MANIFEST_NAME and manifest_data is None:
            manifest_data = data
        files.setdefault(name, []).append(_Digest(hashlib.sha256(data).hexdigest(), len(data)) if data is not None else None)
    problems = [f"two attachments are named {name!r}" for name, copies in files.items() if len(copies) > 1]
    files.pop(MANIFEST_NAME, None)
    if not files and manifest_data is None:
        return [], problems
    if manifest_data is None:
        return [], [*problems, "manifest.json, the list of attached originals with their SHA-256, is missing"]
    try:
        manifest = parse_manifest(manifest_data)
    except ManifestError as error:
        return [], [*problems, str(error)]
    checks = []
    for name, entry in manifest.items():
        copies = files.pop(name, None)
        found = copies[0] if copies else None
        if copies is None:
            status = MISSING
        elif found is None:
            status = UNREADABLE
        else:
            status = OK if found == _Digest(entry.sha256, entry.size) else CHANGED
        checks.append(OriginalCheck(
            name=name, exhibit=entry.exhibit, status=status,
            expected_sha256=entry.sha256, expected_size=entry.size,
            actual_sha256=found.sha256 if found else "", actual_size=found.size if found else None,
        ))
    for name, copies in files.items():
        found = copies[0]
        checks.append(OriginalCheck(
            name=name, exhibit="", status=UNLISTED if found else UNREADABLE,
            actual_sha256=found.sha256 if found else "", actual_size=found.size if found else None,
        ))
    return checks, problems


@dataclass(frozen=True)
class _Digest:
    sha256: str
    size: int


def embedded_file_refs(reader: PdfFileReader) -> dict[str, list[generic.Reference]]:
    """The objects that make up each attachment (file specification and data stream), by name."""
    refs: dict[str, list[generic.Reference]] = {}
    for name, spec in _file_specs(reader):
        found = refs.setdefault(name, [])
        if isinstance(spec, generic.IndirectObject):
            found.append(spec.reference)
        streams = value(spec.get_object(), "/EF")
        for key in ("/F", "/UF"):
            stream = streams.raw_get(key) if isinstance(streams, generic.DictionaryObject) and key in streams else None
            if isinstance(stream, generic.IndirectObject):
                found.append(stream.reference)
    return refs


def _embedded_files(reader: PdfFileReader) -> Iterator[tuple[str, generic.PdfObject | None]]:
    """(name, data stream as stored: usually an indirect reference, not yet read)."""
    for name, spec in _file_specs(reader):
        streams = value(spec.get_object(), "/EF")
        if not isinstance(streams, generic.DictionaryObject):
            yield name, None
            continue
        key = "/F" if "/F" in streams else "/UF"
        yield name, streams.raw_get(key) if key in streams else None


def _data(reader: PdfFileReader, stored: generic.PdfObject | None) -> bytes | None:
    try:
        if isinstance(stored, generic.IndirectObject):
            # Asking for the latest revision reads past pyHanko's object cache, so each
            # original is freed once hashed instead of the whole file staying in memory.
            stored = reader.get_object(stored.reference, revision=reader.xrefs.total_revisions - 1)
        return stored.data if isinstance(stored, generic.StreamObject) else None
    except (PdfError, ValueError, NotImplementedError):
        return None


def _file_specs(reader: PdfFileReader) -> Iterator[tuple[str, generic.PdfObject]]:
    """(name, file specification) for every entry of the EmbeddedFiles name tree."""
    names = value(reader.root, "/Names")
    if not isinstance(names, generic.DictionaryObject) or "/EmbeddedFiles" not in names:
        return
    stack, seen = [names.raw_get("/EmbeddedFiles")], set()
    while stack:
        node_value = stack.pop()
        if isinstance(node_value, generic.IndirectObject):
            if node_value.reference in seen:  # a name tree with a loop
                continue
            seen.add(node_value.reference)
        node = node_value.get_object()
        if not isinstance(node, generic.DictionaryObject):
            continue
        pairs = value(node, "/Names")
        if not isinstance(pairs, generic.ArrayObject):
            pairs = generic.ArrayObject()
        for index in range(0, len(pairs) - 1, 2):
            key = pairs[index]
            spec_value = pairs.raw_get(index + 1)
            spec = spec_value.get_object()
            # The file name shown to users is /UF (Unicode) or /F, else the tree's key.
            label = (value(spec, "/UF") or value(spec, "/F") or key) if isinstance(spec, generic.DictionaryObject) else key
            yield str(label), spec_value
        kids = value(node, "/Kids")
        if isinstance(kids, generic.ArrayObject):
            stack.extend(kids)  # iterating keeps the references, which the loop check needs


def value(dictionary: generic.PdfObject | None, key: str) -> generic.PdfObject | None:
    """``dictionary[key]`` dereferenced, or None when absent or not a dictionary (pyHanko's
    ``get`` would return the indirect reference itself)."""
    if isinstance(dictionary, generic.DictionaryObject) and key in dictionary:
        return dictionary[key]
    return None
