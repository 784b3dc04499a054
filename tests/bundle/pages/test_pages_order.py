"""The bundle states the order's consequences and its own dates to CBP as facts, never as the
user's countdown: a passed period "ended on" its date, and a revoked order asks for release."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from page_subjects import Subject, make_subject, pdf_text

from importer_app.bundle.pages.cover import cover_letter
from importer_app.bundle.pages.evidence_response import evidence_response
from importer_app.core.catalog import Catalog
from importer_app.core.model import DetentionOrder


def _with(big_wro: Subject, catalog: Catalog, **shipment: object) -> Subject:
    case = dataclasses.replace(big_wro.case, shipment=dataclasses.replace(big_wro.case.shipment, **shipment))
    return make_subject("changed", case, catalog)


def test_a_passed_12_43_period_is_stated_as_ended_never_as_days_ago(big_wro: Subject, catalog: Catalog) -> None:
    passed = _with(big_wro, catalog, date_of_importation=dt.date(2026, 8, 3))  # ends 2026-11-03, before the letter
    text = pdf_text(cover_letter(*passed.args).pdf)
    assert "The three-month period of 19 CFR 12.43 for this proof ended on November 3, 2026." in text
    ahead = _with(big_wro, catalog, date_of_importation=dt.date(2026, 10, 2))
    assert "for this proof ends on January 2, 2027." in pdf_text(cover_letter(*ahead.args).pdf)
    response = pdf_text(evidence_response(*passed.args).pdf)
    assert not re.search(r"passed \d+ days? ago|days left|\(in \d+ days\)", text + response)


def test_a_revoked_order_asks_cbp_for_release(big_wro: Subject, catalog: Catalog) -> None:
    order = DetentionOrder("wro", dt.date(2022, 11, 23), "revoked", dt.date(2026, 11, 2))
    revoked = make_subject("revoked", dataclasses.replace(big_wro.case, order=order), catalog)
    text = pdf_text(evidence_response(*revoked.args).pdf)
    assert ("The order under which the goods were detained no longer covers them; the importer asks that they be "
            "released.") in text
    assert "no longer covers them" not in pdf_text(evidence_response(*big_wro.args).pdf)
