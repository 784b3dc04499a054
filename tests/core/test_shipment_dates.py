"""The shipment's dates in the order the events happen."""

from __future__ import annotations

import dataclasses
import datetime as dt

from importer_app.core.model import Shipment
from importer_app.core.shipment_dates import date_order_problems


def test_dates_in_order_or_unknown_raise_nothing(shipment: Shipment) -> None:
    assert date_order_problems(shipment) == []
    ordered = dataclasses.replace(shipment, date_presented=dt.date(2026, 10, 3), date_of_detention=dt.date(2026, 10, 3),
                                  date_of_notice=dt.date(2026, 10, 8))
    assert date_order_problems(ordered) == []


def test_a_detention_before_the_importation_is_named_with_both_dates(shipment: Shipment) -> None:
    wrong = dataclasses.replace(shipment, date_of_detention=dt.date(2026, 9, 30))
    assert date_order_problems(wrong) == [
        "The date of detention (September 30, 2026) is before the date of importation (October 2, 2026), which"
        " cannot be: check both, since CBP's deadlines count from these dates."]


def test_each_pair_out_of_order_is_reported(shipment: Shipment) -> None:
    wrong = dataclasses.replace(shipment, date_presented=dt.date(2026, 10, 10), date_of_detention=dt.date(2026, 10, 5),
                                date_of_notice=dt.date(2026, 10, 1))
    problems = date_order_problems(wrong)
    assert len(problems) == 4  # notice before importation, presentation and detention; detention before presentation
