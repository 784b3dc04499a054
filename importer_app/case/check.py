"""One case checked: loaded, screened against the lists it uses, and evaluated.

Every caller that reports on a case (``check``, request letters, the bundle, the window) goes
through here, so all of them screen the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from importer_app.core.catalog import Catalog
from importer_app.core.engine import evaluate
from importer_app.core.model import Case
from importer_app.core.report import Report
from importer_app.screening.in_case import CaseScreening, Lists, screen_case
from importer_app.store.casefile import CaseFile


@dataclass(frozen=True)
class CheckedCase:
    case: Case
    screening: CaseScreening
    report: Report


def check_case(casefile: CaseFile, catalog: Catalog, today: dt.date, *, lists: Lists | None = None,
               previous: CaseScreening | None = None) -> CheckedCase:
    """Check the case in ``casefile`` on ``today``.

    Args:
        lists: the list versions to screen against; by default ``lists_to_use(casefile)``.
        previous: an earlier screening of this case, reused when entities and lists are the same.

    Raises:
        ListStoreError: a list version kept in the case or on this computer cannot be read.
    """
    case = casefile.load()
    screening = screen_case(casefile, case, today, lists=lists, previous=previous)
    return CheckedCase(case, screening, evaluate(case, catalog, today, screening.state))
