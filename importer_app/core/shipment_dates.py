"""The order the shipment's dates must keep: CBP's clocks count from them, so a date typed in
the wrong field or the wrong year moves every deadline."""

from __future__ import annotations

import datetime as dt

from importer_app.core.model import Shipment

# Each event happens on or after the ones before it (19 CFR 151.16: goods are imported, then
# presented for examination, then detained, then the notice of detention is issued).
ORDER = (
    ("date_of_importation", "the date of importation"),
    ("date_presented", "the date the goods were presented for examination"),
    ("date_of_detention", "the date of detention"),
    ("date_of_notice", "the date of the detention notice"),
)


def long_date(date: dt.date) -> str:
    """``November 3, 2026``: a date as CBP reads it."""
    return f"{date:%B} {date.day}, {date.year}"


def date_order_problems(shipment: Shipment) -> list[str]:
    """A sentence for each pair of known dates out of order, earliest event first."""
    known = [(name, label, getattr(shipment, name)) for name, label in ORDER if getattr(shipment, name) is not None]
    problems = []
    for index, (_, label, date) in enumerate(known):
        for _, later_label, later in known[index + 1:]:
            if later < date:
                problems.append(f"{later_label.capitalize()} ({long_date(later)}) is before {label} ({long_date(date)}),"
                                " which cannot be: check both, since CBP's deadlines count from these dates.")
    return problems
