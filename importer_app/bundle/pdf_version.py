"""The PDF version a bundle declares in its header: the latest its contents need.

pikepdf starts a new file at PDF 1.3 and keeps that header whatever is copied into it, so
a bundle would claim 1.3 while holding 1.7 attachments and the exhibits' own later features
(transparency, JPEG 2000, object streams). A reader may refuse or misread a feature its
declared version does not have.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

BASELINE: Final = "1.4"
"""The document language (/Lang) and the DisplayDocTitle viewer preference (ISO 32000-1, 14.9.2.1, 12.2)."""
LAYERS: Final = "1.5"
"""Optional content carried from an exhibit (ISO 32000-1, 8.11)."""
ATTACHMENTS: Final = "1.7"
"""File specifications with a Unicode file name (/UF, ISO 32000-1, 7.11.3), used for the originals."""


def required(sources: Iterable[str], *, layers: bool, attachments: bool) -> str:
    """The header version for a volume.

    Args:
        sources: the declared versions of the PDFs copied into it (each exhibit's).
        layers: the volume carries optional content.
        attachments: the volume will carry the original files.
    """
    needed = [BASELINE, *sources]
    if layers:
        needed.append(LAYERS)
    if attachments:
        needed.append(ATTACHMENTS)
    return max(needed, key=_number)


def _number(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return (0,)
