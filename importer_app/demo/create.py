"""Make the demo case file: the description imported, screened against fictional lists."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from importer_app.case.description import import_description
from importer_app.core.catalog import Catalog
from importer_app.core.model import Case, ScreeningDecision
from importer_app.core.progress import Progress
from importer_app.demo.case import write_demo
from importer_app.demo.listfiles import write_demo_lists
from importer_app.screening.in_case import case_screening, lists_in_case
from importer_app.screening.snapshots import read_list_file, snapshot_to_json
from importer_app.store.casefile import CaseFile

_DISMISSAL = (
    "A different company: the listed Lam Thuy Knitting Factory is in Cambodia; our supplier Lam Thuy Knitting "
    "Co., Ltd. is registered in Dong Nai Province, Vietnam, tax code 3603551207, and has no affiliate in Cambodia "
    "(business registration and facility visit report in the case)."
)


def create_demo_case(target: Path, catalog: Catalog, *, regime: str, today: dt.date,
                     overwrite: bool = False, progress: Progress | None = None) -> Case:
    """Write the demo case file at ``target``.

    The case keeps fictional versions of both lists, imported ``today``, and the importer's
    dismissal of the one candidate hit (the knitting mill's trading name on the WRO list).

    Raises:
        DescriptionError, CaseFileError: as ``import_description``.
    """
    with tempfile.TemporaryDirectory(prefix="importer-app-demo-") as name:
        folder = Path(name)
        spec = write_demo(folder, regime=regime, today=today)
        import_description(spec, target, catalog, overwrite=overwrite, progress=progress)
        # Never later than now: a list the user imports afterwards must count as the later one.
        imported = min(dt.datetime.combine(today, dt.time(0), dt.UTC), dt.datetime.now(dt.UTC))
        with CaseFile.open(target) as casefile:
            for path in write_demo_lists(folder / "lists"):
                snapshot = read_list_file(path, imported)
                casefile.put_screening_list(snapshot.list_id, snapshot.id, snapshot.sha256,
                                            snapshot.confirmed_at, snapshot_to_json(snapshot))
            case = casefile.load()
            screening = case_screening(case, lists_in_case(casefile), frozenset(), today)
            for hit in screening.result.hits:
                casefile.decide_screening_hit(ScreeningDecision(
                    hit.key.as_text(), hit.entity_id, "dismissed", _DISMISSAL, imported))
            return casefile.load()
