"""What the bundle reads from a case: the case itself and access to its stored files.

The build never holds a case file open itself: it gets a ``BundleSource``, which a test can
make from a case in memory and the window or the command line from an open case file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from importer_app.core.model import Case
from importer_app.screening.in_case import lists_to_use
from importer_app.screening.model import Snapshot
from importer_app.store.casefile import CaseFile


@dataclass(frozen=True)
class BundleSource:
    """The case and access to its stored files.

    Attributes:
        case: the case.
        read_blob: the bytes stored under a SHA-256 (checked against it).
        received: the date each document (by path) was added to the case.
        sizes: the size of each stored file by SHA-256, for splitting into volumes; a
            document's own size stands in for a missing entry.
        settings: case settings (the cover letter reads the signer's name and title).
        lists: the list versions the case is screened against, by list id
            (``screening.in_case.lists_to_use``); empty when none was imported.
        lists_in_case: the ids of those versions that are kept in the case file.
    """

    case: Case
    read_blob: Callable[[str], bytes]
    received: Mapping[str, dt.date] = field(default_factory=dict)
    sizes: Mapping[str, int] = field(default_factory=dict)
    settings: Mapping[str, str] = field(default_factory=dict)
    lists: Mapping[str, Snapshot] = field(default_factory=dict)
    lists_in_case: frozenset[str] = frozenset()

    @classmethod
    def from_casefile(cls, casefile: CaseFile) -> BundleSource:
        """Everything the bundle needs from an open case file (read on this thread)."""
        lists, lists_in_case = lists_to_use(casefile)
        return cls(
            case=casefile.load(),
            read_blob=casefile.read_blob,
            received=casefile.documents_received(),
            sizes=casefile.blob_sizes(),
            settings=casefile.settings(),
            lists=lists,
            lists_in_case=lists_in_case,
        )
