"""Converting the quantity units of a supply chain (kg, t, lb, m, yd, pcs, dozen, pairs ...).

pint does the conversions, over a registry of trade units only: pint's full default
registry reads "pcs" as parsecs and "doz" as deci-ounces, which would turn a unit typo into a
silently wrong mass balance. Unit names are matched as written, then in lower case; anything
that is not a plain unit name (an expression, a number, a typo) is simply not convertible.
"""

from __future__ import annotations

import functools
import re
from typing import Final

import pint

_DEFINITIONS: Final[tuple[str, ...]] = (
    "kilogram = [mass] = kg = kgs = kilo = kilos",
    "gram = 1e-3 * kilogram = g",
    "tonne = 1000 * kilogram = t = metric_ton = mt",
    "pound = 0.45359237 * kilogram = lb = lbs",
    "ounce = pound / 16 = oz",
    "meter = [length] = m = metre",
    "centimeter = 1e-2 * meter = cm",
    "millimeter = 1e-3 * meter = mm",
    "kilometer = 1000 * meter = km",
    "yard = 0.9144 * meter = yd = yds",
    "foot = 0.3048 * meter = ft = feet",
    "square_meter = meter ** 2 = m2 = sqm",
    "square_yard = yard ** 2 = yd2 = sqyd",
    "piece = [count] = pcs = pc = pce = unit = units = ea = each",
    "dozen = 12 * piece = dz = doz",
    "pair = 2 * piece = pairs = pr = prs",
)
_UNIT_NAME: Final = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


@functools.cache
def _registry() -> pint.UnitRegistry:
    # Built on first use, once: even this small registry costs milliseconds to parse.
    registry = pint.UnitRegistry(None)
    for definition in _DEFINITIONS:
        registry.define(definition)
    return registry


def _unit(name: str) -> pint.Unit | None:
    text = name.strip()
    if not _UNIT_NAME.fullmatch(text):
        return None
    registry = _registry()
    for candidate in (text, text.lower()):
        try:
            return registry.parse_units(candidate)
        except pint.UndefinedUnitError:
            continue
    return None


def known_unit(name: str) -> bool:
    """Whether ``name`` is a unit the app converts (``kg``, ``t``, ``lb``, ``m2``, ``pcs`` ...)."""
    return _unit(name) is not None


@functools.lru_cache(maxsize=4096)
def conversion_factor(source: str, target: str) -> float | None:
    """How many ``target`` units one ``source`` unit makes, or None if they do not convert.

    >>> conversion_factor("dozen", "pcs")
    12.0

    The same name converts to itself even when it is no unit the app knows ("bales").
    """
    if source.strip() == target.strip():
        return 1.0
    from_unit, to_unit = _unit(source), _unit(target)
    if from_unit is None or to_unit is None:
        return None
    try:
        return float(_registry().Quantity(1.0, from_unit).to(to_unit).magnitude)
    except pint.DimensionalityError:
        return None
