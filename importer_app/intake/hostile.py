"""Active content in a PDF: found, named, and removed from the copy the bundle uses.

A CBP officer opens the bundle; nothing in it may run code, launch programs or carry files
that were not reviewed. The original stays untouched in the case (it is the evidence); the
rendition has every action that runs by itself or by a click on a script removed, and no
attachments. qpdf (through pikepdf) writes only objects still referenced, so a script cut off
from the document does not survive in the saved copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

LABELS: Final[dict[str, str]] = {
    "JavaScript": "JavaScript",
    "OpenAction": "an action that runs when the file is opened",
    "AA": "automatic actions (run on page, field or document events)",
    "Launch": "a command that starts another program",
    "EmbeddedFiles": "attached files",
    "RichMedia": "embedded media (Flash or video)",
    "XFA": "an XFA form",
    "HTML": "web page markup (the file also opens as a web page, with its scripts)",
    "Macros": "macros (programs an office program may run when the file is opened)",
}
"""What each ``ProcessedFile.hostile`` entry means, for a sentence."""
SHORT: Final[dict[str, str]] = {
    "JavaScript": "JavaScript",
    "OpenAction": "open action",
    "AA": "automatic actions",
    "Launch": "launch actions",
    "EmbeddedFiles": "attachments",
    "RichMedia": "embedded media",
    "XFA": "XFA form",
    "HTML": "web page markup",
    "Macros": "macros",
}
"""The same, in a few words, for ``ProcessedFile.rendition_reason``."""

_RUNNING_ACTIONS: Final = frozenset({
    Name.JavaScript, Name.Launch, Name.ImportData, Name.RichMediaExecute, Name.Rendition,
})
"""Action types that execute something or load outside data; GoTo, URI and Named stay."""
_ACTION_KEYS: Final = ("/A", "/Next", "/PA")
_MEDIA_ANNOTATIONS: Final = frozenset({Name.FileAttachment, Name.RichMedia, Name.Screen, Name.Movie, Name.Sound})
_HTML: Final = re.compile(rb"<\s*(?:script|iframe|object|embed|html|svg)[\s>/]", re.IGNORECASE)
"""Markup a browser runs or loads from: a PDF that carries it is a polyglot, a web page as well.
Inside compressed streams such bytes cannot occur by chance, so a hit is deliberate markup."""
_MAX_DEPTH: Final = 64
"""Direct objects nest only a few levels in real files; deeper is a crafted file, not content."""


@dataclass(frozen=True)
class Findings:
    """Active content and other facts found in one pass over a PDF's objects.

    Attributes:
        hostile: keys of :data:`LABELS`, in the order of that mapping.
        attachments: names of the embedded files.
        signatures: number of signed signature fields (document timestamps included).
    """

    hostile: tuple[str, ...]
    attachments: tuple[str, ...]
    signatures: int

    def merged(self, other: Findings) -> Findings:
        """What either of two scans of one file's contents found (the most signatures seen)."""
        found = set(self.hostile) | set(other.hostile)
        attachments = self.attachments + tuple(a for a in other.attachments if a not in self.attachments)
        return Findings(tuple(key for key in LABELS if key in found), attachments,
                        max(self.signatures, other.signatures))


def scan(pdf: pikepdf.Pdf) -> Findings:
    """Find active content and attachments anywhere in ``pdf``."""
    found: set[str] = set()
    attachments: list[str] = []
    signatures = 0
    root = pdf.Root
    open_action = root.get("/OpenAction")
    if isinstance(open_action, Dictionary) and open_action.get("/S") != Name.GoTo:
        # A plain destination (page 1, fit width) is how most exports open; only actions count.
        found.add("OpenAction")
    acroform = root.get("/AcroForm")
    if isinstance(acroform, Dictionary) and "/XFA" in acroform:
        found.add("XFA")
    names = root.get("/Names")
    if isinstance(names, Dictionary):
        if "/JavaScript" in names:
            found.add("JavaScript")
        if "/EmbeddedFiles" in names:
            found.add("EmbeddedFiles")
    for item in _dictionaries(pdf):
        keys = set(item.keys())
        action = item.get("/S")
        if "/JS" in keys or action == Name.JavaScript:
            found.add("JavaScript")
        if action == Name.Launch:
            found.add("Launch")
        if "/AA" in keys:
            found.add("AA")
        subtype = item.get("/Subtype")
        if isinstance(item.get("/EF"), Dictionary):
            found.add("EmbeddedFiles")
            attachments.append(_filespec_name(item))
        if subtype in (Name.RichMedia, Name.Screen, Name.Movie) or action == Name.RichMediaExecute:
            found.add("RichMedia")
        if item.get("/FT") == Name.Sig and isinstance(item.get("/V"), Dictionary):
            # Signed fields only: Reader's usage-rights signature (/Perms /UR3) signs nothing.
            signatures += 1
    return Findings(tuple(key for key in LABELS if key in found), tuple(attachments), signatures)


def html_markup(data: bytes) -> Findings:
    """``HTML`` when the raw bytes of a PDF carry web page markup; nothing otherwise.

    qpdf writes the bundle copy from the PDF's objects only, so markup before the header, in
    comments or between objects is left out of it, and stream data is compressed.
    """
    return Findings(("HTML",) if _HTML.search(data) else (), (), 0)


def remove_active_content(pdf: pikepdf.Pdf) -> None:
    """Cut every script, automatic action, launch, media and attachment out of ``pdf``."""
    root = pdf.Root
    for key in ("/OpenAction", "/AA"):
        if key in root:
            del root[key]
    names = root.get("/Names")
    if isinstance(names, Dictionary):
        for key in ("/JavaScript", "/EmbeddedFiles"):
            if key in names:
                del names[key]
    acroform = root.get("/AcroForm")
    if isinstance(acroform, Dictionary) and "/XFA" in acroform:
        del acroform["/XFA"]
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if isinstance(annotations, Array):
            kept = [a for a in annotations
                    if not (isinstance(a, Dictionary) and a.get("/Subtype") in _MEDIA_ANNOTATIONS)]
            if len(kept) != len(annotations):
                page.obj.Annots = Array(kept)
    for item in _dictionaries(pdf):
        # /EF holds a file specification's embedded bytes: the specification may stay
        # referenced (PDF/A-3 /AF, GoToE actions) but carries nothing once it is gone.
        for key in ("/AA", "/JS"):
            if key in item:
                del item[key]
        if isinstance(item.get("/EF"), Dictionary):
            del item["/EF"]
        for key in _ACTION_KEYS:
            value = item.get(key)
            if _runs_something(value):
                del item[key]
            elif isinstance(value, Array):
                kept = [entry for entry in value if not _runs_something(entry)]
                if len(kept) != len(value):
                    item[key] = Array(kept)


def _runs_something(value: object) -> bool:
    return isinstance(value, Dictionary) and value.get("/S") in _RUNNING_ACTIONS


def _filespec_name(filespec: Dictionary | Stream) -> str:
    for key in ("/UF", "/F"):
        value = filespec.get(key)
        if isinstance(value, pikepdf.String):
            return str(value)
    return "unnamed"


def _dictionaries(pdf: pikepdf.Pdf) -> Iterator[Dictionary | Stream]:
    """Every dictionary in the file: each indirect object and the direct ones nested in it.

    Indirect references are not followed: each indirect object is visited once, from
    ``pdf.objects``, so reference cycles cannot loop.
    """
    for top in pdf.objects:
        if not isinstance(top, (Dictionary, Stream, Array)):
            continue
        stack: list[tuple[Dictionary | Stream | Array, int]] = [(top, 0)]
        while stack:
            current, depth = stack.pop()
            if isinstance(current, Array):
                children = list(current)
            else:
                yield current
                children = [current[key] for key in current.keys()]
            if depth >= _MAX_DEPTH:
                continue
            for child in children:
                if isinstance(child, (Dictionary, Array)) and not child.is_indirect:
                    stack.append((child, depth + 1))
