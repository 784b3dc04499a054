"""Reconciling a processing entity's output material by material, by its recipe.

A flooring mill needs resin and filler: a mountain of resin makes no flooring without the
filler it also takes. When an entity has a recipe (rows of input material, yield and unit),
each material is counted on its own: the inputs of that material, converted to the row's
unit, times the row's yield, are the output that material allows, and the entity can make no
more than the smallest of these (the limiting material). Inputs of a material the recipe does
not name do not become the output and are not counted.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from importer_app.core import limits
from importer_app.core.model import Link, RecipeRow
from importer_app.core.units import conversion_factor, known_unit

UNITS_HINT = "kg, g, t, lb, oz, m, m2, yd, pcs, dozen, pairs"
"""Units a recipe row may use, as a message lists them."""


def material_key(material: str) -> str:
    """A material as recipes match it: "PVC  Resin" and "pvc resin" are the same material."""
    return "".join(material.casefold().split())


def recipe_problem(recipe: Sequence[RecipeRow]) -> str:
    """What is wrong with a recipe, as the end of a sentence starting "the recipe of X";
    empty when nothing is."""
    if len(recipe) > limits.RECIPE_ROWS:
        return limits.too_many_recipe_rows(len(recipe))
    seen: set[str] = set()
    for row in recipe:
        key = material_key(row.material)
        if not key:
            return "has a row without a material; name the input material of each row"
        if key in seen:
            return f"names {row.material!r} twice; give each material one row"
        seen.add(key)
        if not math.isfinite(row.yield_) or row.yield_ <= 0:
            return f"gives {row.material!r} a yield of {row.yield_:g}; a yield is the output one unit makes, more than 0"
        if not known_unit(row.unit):
            return f"counts {row.material!r} in {row.unit!r}, which is not a unit the app converts ({UNITS_HINT})"
    return ""


@dataclass(frozen=True)
class MaterialInput:
    """One transfer of a recipe material.

    Attributes:
        link: the transfer.
        quantity: its quantity in the row's unit; None when its unit does not convert to it.
    """

    link: Link
    quantity: float | None


@dataclass(frozen=True)
class MaterialAllowance:
    """What one material of the recipe allows.

    Attributes:
        row: the recipe row.
        inputs: the counted transfers of that material, in case order.
    """

    row: RecipeRow
    inputs: tuple[MaterialInput, ...]

    @property
    def quantity(self) -> float | None:
        """The material received, in the row's unit; None when a transfer's unit does not convert."""
        amounts = [item.quantity for item in self.inputs]
        return None if None in amounts else sum(amount or 0.0 for amount in amounts)

    @property
    def allows(self) -> float | None:
        """The output this material allows, in the entity's output unit."""
        quantity = self.quantity
        return None if quantity is None else quantity * self.row.yield_


@dataclass(frozen=True)
class RecipeBalance:
    """An entity's inputs sorted by its recipe.

    Attributes:
        materials: one allowance per recipe row, in the recipe's order.
        not_in_recipe: counted transfers of a material the recipe does not name.
    """

    materials: tuple[MaterialAllowance, ...]
    not_in_recipe: tuple[Link, ...]

    @property
    def unconverted(self) -> tuple[MaterialAllowance, MaterialInput] | None:
        """The first transfer whose unit does not convert to its row's unit, with its material."""
        for material in self.materials:
            for item in material.inputs:
                if item.quantity is None:
                    return material, item
        return None

    @property
    def limiting(self) -> MaterialAllowance:
        """The material that allows the least output (the first of equals); while a unit does
        not convert, the first material it concerns."""
        return min(self.materials, key=lambda material: (material.allows is not None, material.allows or 0.0))

    @property
    def allows(self) -> float | None:
        """The most output the inputs allow: what the limiting material allows; None when a
        unit does not convert."""
        return self.limiting.allows


def by_recipe(recipe: Sequence[RecipeRow], inputs: Sequence[Link]) -> RecipeBalance:
    """Sort ``inputs`` (those a balance counts) by the materials of ``recipe``, which names
    each material once (the store and the case description refuse a second row of one)."""
    rows = {material_key(row.material): row for row in recipe}
    found: dict[str, list[MaterialInput]] = {key: [] for key in rows}
    others: list[Link] = []
    for link in inputs:
        key = material_key(link.material)
        row = rows.get(key)
        if row is None:
            others.append(link)
            continue
        factor = conversion_factor(link.unit, row.unit)
        found[key].append(MaterialInput(link, None if factor is None else link.quantity * factor))
    materials = tuple(MaterialAllowance(row, tuple(found[key])) for key, row in rows.items())
    return RecipeBalance(materials, tuple(others))
