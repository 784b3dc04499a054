"""A recipe's rows: what makes one the check can read, and how inputs are sorted by material."""

from __future__ import annotations

import math

import pytest

from importer_app.core import limits
from importer_app.core.model import Link, RecipeRow
from importer_app.core.recipes import by_recipe, material_key, recipe_problem

RESIN = RecipeRow("PVC resin", 400.0, "t")
FILLER = RecipeRow("calcium carbonate filler", 200.0, "t")


def test_materials_match_whatever_their_case_and_spaces() -> None:
    assert material_key(" PVC  Resin ") == material_key("pvc resin") == material_key("PVCresin") == "pvcresin"


def test_a_sound_recipe_has_no_problem() -> None:
    assert recipe_problem((RESIN, FILLER)) == "" and recipe_problem(()) == ""


@pytest.mark.parametrize(("recipe", "problem"), [
    ((RESIN, RecipeRow("pvc RESIN", 1.0, "kg")), "names 'pvc RESIN' twice; give each material one row"),
    ((RecipeRow("  ", 1.0, "kg"),), "has a row without a material; name the input material of each row"),
    ((RecipeRow("resin", -2.0, "kg"),), "gives 'resin' a yield of -2; a yield is the output one unit makes, more than 0"),
    ((RecipeRow("resin", math.nan, "kg"),), "gives 'resin' a yield of nan"),
    ((RecipeRow("resin", 1.0, "sacks"),), "counts 'resin' in 'sacks', which is not a unit the app converts (kg, g, t,"),
    (tuple(RecipeRow(f"m{n}", 1.0, "kg") for n in range(limits.RECIPE_ROWS + 1)),
     f"has {limits.RECIPE_ROWS + 1} rows, more than the {limits.RECIPE_ROWS} a recipe may have"),
])
def test_a_recipe_the_check_cannot_read_says_what_is_wrong(recipe: tuple[RecipeRow, ...], problem: str) -> None:
    assert recipe_problem(recipe).startswith(problem)


def test_inputs_are_sorted_by_material_and_converted_to_the_row_s_unit() -> None:
    links = (
        Link("r1", "a", "mill", "PVC resin", 30.0, "t"),
        Link("f1", "b", "mill", "Calcium Carbonate Filler", 60_000.0, "kg"),
        Link("r2", "c", "mill", "pvc resin", 20_000.0, "kg"),
        Link("s1", "d", "mill", "stabilizer", 2.0, "t"),
    )
    found = by_recipe((RESIN, FILLER), links)
    resin, filler = found.materials
    assert [(i.link.id, i.quantity) for i in resin.inputs] == [("r1", 30.0), ("r2", 20.0)]
    assert (resin.quantity, resin.allows, filler.quantity, filler.allows) == (50.0, 20000.0, 60.0, 12000.0)
    assert found.limiting is filler and found.allows == 12000.0 and found.unconverted is None
    assert [link.id for link in found.not_in_recipe] == ["s1"]


def test_a_material_in_a_unit_that_does_not_convert_is_the_one_named_and_nothing_is_allowed() -> None:
    found = by_recipe((RESIN, FILLER), (Link("r1", "a", "mill", "PVC resin", 30.0, "t"),
                                        Link("f1", "b", "mill", "calcium carbonate filler", 12.0, "bags")))
    assert found.unconverted is not None
    material, item = found.unconverted
    assert (material.row, item.link.id, item.quantity) == (FILLER, "f1", None)
    assert (found.limiting.row, found.allows, found.materials[1].quantity) == (FILLER, None, None)
