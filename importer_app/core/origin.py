"""Where the goods come from: the location item (ORG-03) and the applicability item (ORG-01).

An entity is *in* the XUAR when the user says so (its subdivision is ``CN-XJ``) and *detected*
there when its address names a place of the region (``geography``); a detection blocks until
the user settles it. Under an applicability review, an entity in the XUAR or confirmed on the
UFLPA Entity List means the route cannot succeed: the finding says so and names the routes
left (the ``applicability-route-closed`` check in ``checks.toml``).
"""

from __future__ import annotations

from collections.abc import Sequence

from importer_app.core.caseindex import CaseIndex
from importer_app.core.catalog import LEVEL_SEVERITY, SEVERITY_WORD, Catalog, InformationType
from importer_app.core.geography import DETECTED, IN_REGION, Location
from importer_app.core.model import Case
from importer_app.core.report import Finding, ItemRow
from importer_app.core.screening_state import ScreeningCandidate

ROUTE_CLOSED = "applicability-route-closed"


def check_location(
    row: InformationType,
    case: Case,
    catalog: Catalog,
    index: CaseIndex,
    locations: Sequence[Location],
    not_applicable: dict[tuple[str, str], str],
    statuses: list[ItemRow],
    findings: list[Finding],
) -> None:
    """ORG-03: each entity in a recognised region, or detected there and not yet settled."""
    if not locations:
        statuses.append((row.id, "case", "provided", (), "No entity is in, or has an address naming a place in, "
                         + " or ".join(region.name for region in catalog.regions) + "."))
        return
    severity = LEVEL_SEVERITY[row.level_for(case.shipment.regime)]
    citation = catalog.cite(row.citation)
    for location in locations:
        scope = f"entity:{location.entity_id}"
        region = location.region
        if location.state == IN_REGION:
            statuses.append((row.id, scope, "provided", (), f"In the {region.name} ({region.code})."))
            continue
        reason = not_applicable.get((row.id, scope))
        if reason is not None:
            statuses.append((row.id, scope, "not_applicable", (), reason))
            continue
        statuses.append((row.id, scope, "missing", (), ""))
        message = (f"{SEVERITY_WORD[severity]}: {row.title}, for {index.entity_phrase(location.entity_id)}: its address "
                   f"names {'; '.join(location.named)}, in the {region.name}. Set its region to {region.code} "
                   f"if it is there. {row.guidance}")
        findings.append(Finding(row.finding_kind, severity, scope, message, citation, row.id))


def check_origin(
    row: InformationType,
    case: Case,
    catalog: Catalog,
    index: CaseIndex,
    locations: Sequence[Location],
    listed: Sequence[ScreeningCandidate],
    not_applicable: dict[tuple[str, str], str],
    statuses: list[ItemRow],
    findings: list[Finding],
) -> None:
    """ORG-01: provided (the bundle states it) only while no entity is in the XUAR, none is
    detected there unsettled, and none is confirmed on the UFLPA Entity List.

    Args:
        listed: the candidate hits on the UFLPA Entity List the user confirmed; their findings
            are the screening item's, worded for the regime.
    """
    inside = [location for location in locations if location.state == IN_REGION]
    location_rows = [other.id for other in catalog.information_types if other.satisfied_by == "location"]
    unsettled = [location for location in locations if location.state == DETECTED
                 and not any((other, f"entity:{location.entity_id}") in not_applicable for other in location_rows)]
    if not (inside or unsettled or listed):
        statuses.append((row.id, "case", "provided", (), "The submission bundle writes this."))
        return
    held_by = [index.entity_phrase(location.entity_id) for location in inside + unsettled]
    held_by += [index.entity_phrase(candidate.entity_id) for candidate in listed]
    statuses.append((row.id, "case", "missing", (), "Cannot be stated while " + ", ".join(dict.fromkeys(held_by))
                     + " is in, or may be in, the XUAR, or is on the UFLPA Entity List."))
    check = catalog.checks[ROUTE_CLOSED]
    for location in inside:
        message = (f"{_capital(index.entity_phrase(location.entity_id))} is in the {location.region.name} "
                   f"(region {location.region.code}). {check.guidance}")
        findings.append(Finding(check.kind, check.severity, f"entity:{location.entity_id}", message,
                                catalog.cite(check.citation), row.id))


def _capital(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]
