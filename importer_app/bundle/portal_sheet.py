"""The portal sheet of a case and its exported bundle, for every front end (the CLI, the window).

The sheet itself is core (``core.portal``); this service adds what only a case file and a bundle
on disk know: the importer number kept with the case and the files a bundle export wrote.
"""

from __future__ import annotations

from pathlib import Path

from importer_app.bundle.pages.cover import contact_keys
from importer_app.bundle.volumes import volume_paths
from importer_app.core.catalog import Catalog
from importer_app.core.model import Case
from importer_app.core.portal import PortalSheet, portal_sheet
from importer_app.core.portal_rules import load_portal_rules


def bundle_files(output: Path) -> tuple[Path, ...]:
    """The files ``bundle -o OUTPUT`` wrote, in upload order: OUTPUT itself, or its volumes
    ``OUTPUT-vol1.pdf``, ``OUTPUT-vol2.pdf``, ...; none when neither exists."""
    if output.is_file():
        return (output,)
    found: list[Path] = []
    while (candidate := volume_paths(output, len(found) + 2)[len(found)]).is_file():
        found.append(candidate)
    return tuple(found)


def case_portal_sheet(case: Case, settings: dict[str, str], catalog: Catalog,
                      bundle: Path | None = None) -> PortalSheet:
    """The portal sheet of ``case``, with the importer number among ``settings`` (the case's)
    and, when ``bundle`` is given, the files that export wrote."""
    return portal_sheet(case, load_portal_rules(catalog), importer_number=settings.get(contact_keys()["number"], ""),
                        files=bundle_files(bundle) if bundle is not None else ())
