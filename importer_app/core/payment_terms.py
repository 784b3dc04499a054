"""When the payment for a transfer falls due, from the payment terms the case records for it.

A missing payment record is a gap only once the payment is due: goods sold on consignment are
paid for when the buyer sells them, and goods on net terms within the days the terms allow.
Prepaid and cash-on-delivery transfers, and transfers whose terms are not stated, were due by
the time the goods moved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from importer_app.core.model import Link

_NET = re.compile(r"^net ([0-9]{1,3})$")


@dataclass(frozen=True)
class NotDue:
    """A payment not due yet on the check date.

    Attributes:
        reason: why no payment record exists yet, in words CBP reads (third person).
        when: when it falls due, as the end of a sentence for the user.
    """

    reason: str
    when: str


def payment_not_due(link: Link, buyer: str, today: dt.date) -> NotDue | None:
    """Why the payment for ``link`` is not due on ``today``, or None when it is (or may be) due."""
    if link.payment_terms == "consignment":
        return NotDue(
            f"The goods were delivered on consignment: {buyer} pays for them when it sells them, so no"
            " payment was due for this transfer.",
            f"when {buyer} sells the goods",
        )
    net = _NET.match(link.payment_terms)
    if net is None or link.shipped is None:
        return None
    due = link.shipped + dt.timedelta(days=int(net.group(1)))
    if today > due:
        return None
    return NotDue(
        f"The terms of this transfer are net {net.group(1)} days from shipment on {link.shipped.isoformat()}:"
        f" payment falls due on {due.isoformat()}.",
        f"on {due.isoformat()} (net {net.group(1)} days from shipment on {link.shipped.isoformat()})",
    )
