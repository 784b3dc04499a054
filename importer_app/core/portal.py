"""The portal sheet: what the user types and uploads to file a submission on CBP's portal.

Since January 2026 every review request goes through CBP's Forced Labor Portal, whose form
fields accept letters and digits only. The sheet gives the request type of the case's regime,
each value of the case cleaned to what the field accepts (with its length and the field's
limit, when known), the files to upload in order with their sizes against the upload limits,
and what is not known about the portal. It is written for the user, never for CBP.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from importer_app.core.byte_sizes import MB, size_against, size_text

if TYPE_CHECKING:
    # Annotations only: the command line imports this module for ROUTES at every start,
    # the window's included, and the case model and portal rules are not needed for that.
    from importer_app.core.model import Case
    from importer_app.core.portal_rules import PortalField, PortalRules

ROUTES: Final[tuple[str, ...]] = ("portal", "letter")
"""portal: filed on CBP's Forced Labor Portal (mandatory since 2026-01-21); letter: sent to
the port director or the reviewing office, e.g. when CBP asks for it outside the portal."""
ROUTE_SETTING: Final = "submission.route"
"""The case setting holding the route; absent means the portal."""
JSON_FORMAT: Final = "importer-app-portal/1"


def route_of(settings: Mapping[str, str]) -> str:
    """The case's submission route: the setting when it names one, else the portal."""
    route = settings.get(ROUTE_SETTING, "")
    return route if route in ROUTES else "portal"


def default_volume_mb(rules: PortalRules, route: str) -> float | None:
    """The volume size a bundle gets when none is asked for: the portal's per-file upload
    limit on the portal route, while it is known; None (one file) otherwise."""
    return rules.uploads.max_file_mb if route == "portal" else None


@dataclass(frozen=True)
class SheetField:
    """One value to type into the portal.

    Attributes:
        value: ``original`` reduced to what the field accepts.
        length: the length of ``value``.
        max_length: the field's limit; None while the portal's limits are not known.
    """

    label: str
    original: str
    value: str
    length: int
    max_length: int | None

    @property
    def too_long(self) -> bool:
        return self.max_length is not None and self.length > self.max_length


@dataclass(frozen=True)
class Upload:
    """A file to upload, in order; ``problems`` are the upload limits it breaks."""

    position: int
    path: Path
    size: int
    problems: tuple[str, ...]


@dataclass(frozen=True)
class PortalSheet:
    """Everything the user needs at the portal for this case.

    Attributes:
        request_type: the portal's request type for the case's regime.
        fields: the values to type, cleaned, in the order of ``portal.toml``.
        uploads: the files to upload in order; empty when no bundle was given.
        notes: what the user must know: the extension limit and what is not known.
    """

    portal: str
    url: str
    regime: str
    request_type: str
    fields: tuple[SheetField, ...]
    uploads: tuple[Upload, ...]
    notes: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The sheet as ``importer-app portal --json`` prints it (format ``importer-app-portal/1``)."""
        return {
            "format": JSON_FORMAT,
            "portal": {"name": self.portal, "url": self.url},
            "regime": self.regime,
            "request_type": self.request_type,
            "fields": [{"label": f.label, "value": f.value, "length": f.length, "max_length": f.max_length,
                        "original": f.original} for f in self.fields],
            "uploads": [{"position": u.position, "file": str(u.path), "size": u.size, "problems": list(u.problems)}
                        for u in self.uploads],
            "notes": list(self.notes),
        }


def clean(value: str, *, keep_spaces: bool) -> str:
    """``value`` with only the characters a portal field accepts: ASCII letters and digits
    (accented letters lose their accents; punctuation and other scripts are dropped, so
    ``ABC-1234567-8`` becomes ``ABC12345678``), and single spaces between words when
    ``keep_spaces``."""
    decomposed = unicodedata.normalize("NFKD", value)
    kept = "".join(ch for ch in decomposed if (ch.isascii() and ch.isalnum()) or ch.isspace())
    return " ".join(kept.split()) if keep_spaces else re.sub(r"\s+", "", kept)


def portal_sheet(case: Case, rules: PortalRules, *, importer_number: str = "",
                 files: Sequence[Path] = ()) -> PortalSheet:
    """The portal sheet of a case.

    Args:
        case: the case.
        rules: what is known of the portal (``load_portal_rules``).
        importer_number: the importer of record's number the case keeps, if any.
        files: the bundle's volumes (and any file sent with them), in upload order.
    """
    regime = case.shipment.regime
    keep_spaces = rules.spaces != "refused"
    fields = []
    for field in rules.fields:
        if regime not in field.regimes:
            continue
        original = _value(case, field, importer_number)
        if not original:
            continue
        value = clean(original, keep_spaces=keep_spaces)
        fields.append(SheetField(field.label, original, value, len(value), field.max_length))
    return PortalSheet(
        portal=rules.name, url=rules.url, regime=regime, request_type=rules.request_types[regime],
        fields=tuple(fields), uploads=_uploads(files, rules), notes=_notes(rules))


def _value(case: Case, field: PortalField, importer_number: str) -> str:
    if field.source == "importer_number":
        return importer_number.strip()
    raw = getattr(case.shipment, field.source)
    if isinstance(raw, tuple):
        return " ".join(str(item) for item in raw)
    return str(raw or "").strip()


def _uploads(files: Sequence[Path], rules: PortalRules) -> tuple[Upload, ...]:
    limits = rules.uploads
    uploads = []
    for position, path in enumerate(files, start=1):
        size = path.stat().st_size
        problems = []
        if limits.max_file_mb is not None and size > limits.max_file_mb * MB:
            problems.append(f"larger than the portal's {size_text(limits.max_file_mb * MB)} per file")
        if limits.file_types is not None and path.suffix.lower().lstrip(".") not in limits.file_types:
            problems.append(f"not a file type the portal accepts ({', '.join(limits.file_types)})")
        if limits.max_files is not None and position > limits.max_files:
            problems.append(f"beyond the portal's {limits.max_files} files per submission")
        uploads.append(Upload(position, path, size, tuple(problems)))
    total = sum(upload.size for upload in uploads)
    if uploads and limits.max_total_mb is not None and total > limits.max_total_mb * MB:
        last = uploads[-1]
        uploads[-1] = Upload(last.position, last.path, last.size, (
            *last.problems, f"the files together are {size_against(total, limits.max_total_mb * MB)},"
            f" over the portal's {size_text(limits.max_total_mb * MB)}"))
    return tuple(uploads)


_LIMIT_NAMES: Final = {"file_types": "the file types it accepts", "max_file_mb": "the largest file",
                       "max_total_mb": "the largest submission", "max_files": "the number of files"}


def _notes(rules: PortalRules) -> tuple[str, ...]:
    notes = ["Fields accept letters and digits only: each value is shown as it must be typed."]
    if rules.spaces == "unknown":
        notes.append("The sources do not say whether a space is accepted; if a field refuses one, type the value"
                     " without spaces.")
    if "max_length" in rules.field_unknown:
        notes.append(f"The portal's length limits were not found (looked {rules.looked:%Y-%m-%d}): the length of"
                     " each value is shown so you can shorten it if a field is shorter.")
    unknown = rules.uploads.unknown
    if unknown:
        names = ", ".join(_LIMIT_NAMES[key] for key in unknown)
        notes.append(f"The portal's upload limits were not found (looked {rules.uploads.looked:%Y-%m-%d}): {names}."
                     " If it refuses a volume as too large, build the bundle again in smaller volumes.")
    if rules.no_extension_past_due:
        notes.append(f"An extension of a task can be requested at most {rules.max_extensions} times, and not once the"
                     " task is past due.")
    else:
        notes.append(f"An extension of a task can be requested at most {rules.max_extensions} times.")
    return tuple(notes)
