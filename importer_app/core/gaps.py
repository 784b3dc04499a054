"""The gaps of a case: items CBP asks for that the submission cannot supply, each with the
importer's explanation when the case records one.

The bundle prints every gap with its explanation; export refuses to go on while a gap that
blocks the submission (a required or expected item) has none, unless the user says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from importer_app.core.catalog_model import LEVEL_SEVERITY, Catalog
from importer_app.core.contention import case_contentions
from importer_app.core.model import Case, GapExplanation
from importer_app.core.report import Report


@dataclass(frozen=True)
class Gap:
    """One missing item in one scope.

    Attributes:
        blocking: a required or expected item (its absence blocks the submission).
        explanation: the importer's explanation, None when the case records none.
    """

    requirement: str
    scope: str
    title: str
    blocking: bool
    explanation: GapExplanation | None


def case_gaps(case: Case, report: Report, catalog: Catalog) -> tuple[Gap, ...]:
    """Every missing item of ``report``, in the report's order (catalog, then scope)."""
    regime, contentions = case.shipment.regime, case_contentions(case)
    explained = {(gap.requirement, gap.scope): gap for gap in case.gap_explanations}
    rows = {row.id: row for row in catalog.information_types}
    found = []
    for status in report.statuses:
        if status.state != "missing" or status.requirement not in rows:
            continue
        row = rows[status.requirement]
        found.append(Gap(
            requirement=row.id, scope=status.scope, title=row.title,
            blocking=LEVEL_SEVERITY[row.level_for(regime, contentions)] == "missing",
            explanation=explained.get((row.id, status.scope)),
        ))
    return tuple(found)


def unexplained_gaps(case: Case, report: Report, catalog: Catalog) -> tuple[Gap, ...]:
    """The blocking gaps the importer has not explained yet."""
    return tuple(gap for gap in case_gaps(case, report, catalog) if gap.blocking and gap.explanation is None)
