"""Unit conversion for the mass balance: trade units only, typos never convert."""

from __future__ import annotations

import pytest

from importer_app.core.units import conversion_factor


@pytest.mark.parametrize(
    ("source", "target", "factor"),
    [
        ("kg", "t", 0.001),
        ("t", "kg", 1000.0),
        ("g", "kg", 0.001),
        ("lb", "kg", 0.45359237),
        ("yd", "m", 0.9144),
        ("dozen", "pcs", 12.0),
        ("pairs", "pcs", 2.0),
        ("pcs", "dozen", 1 / 12),
        ("KG", "kg", 1.0),
        ("MT", "kg", 1000.0),
        ("m2", "sqm", 1.0),
        (" kg ", "kg", 1.0),
        ("bales", "bales", 1.0),
    ],
)
def test_trade_units_convert(source: str, target: str, factor: float) -> None:
    assert conversion_factor(source, target) == pytest.approx(factor)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("kg", "pcs"),  # mass is not a count
        ("pcs", "m"),  # pint's default registry would read "pcs" as parsecs and convert
        ("doz", "kg"),  # ... and "doz" as deci-ounces
        ("bales", "kg"),
        ("5kg", "kg"),
        ("kg)", "kg"),
        ("", "kg"),
        ("m**2", "m2"),
    ],
)
def test_other_units_do_not_convert(source: str, target: str) -> None:
    assert conversion_factor(source, target) is None
