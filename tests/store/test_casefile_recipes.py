"""An entity's recipe in the case file: kept with the entity through every write, refused when
it is not one the check can read, and a file holding an oversized one refused at opening."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from importer_app.core import limits
from importer_app.core.errors import CaseFileError
from importer_app.core.model import Case, Entity, Link, RecipeRow, Shipment
from importer_app.store.casefile import CaseFile, write_new_case

_SHIPMENT = Shipment("wro", "ABC-1234567-8", "Acme Floors Inc.", "SPC flooring", 20000, "m2", "VN", dt.date(2026, 10, 2))
_RECIPE = (RecipeRow("PVC resin", 400.0, "t"), RecipeRow("calcium carbonate filler", 200.0, "t"))
_MILL = Entity("mill", "Mekong Vinyl Flooring Co.", "manufacturer", "VN", recipe=_RECIPE)
_BUYER = Entity("acme", "Acme Floors Inc.", "importer", "US")


def _case(path: Path) -> Path:
    with CaseFile.create(path, _SHIPMENT) as casefile:
        casefile.add_entity(_MILL)
        casefile.add_entity(_BUYER)
    return path


def _loaded(path: Path) -> Case:
    with CaseFile.open(path, readonly=True) as casefile:
        return casefile.load()


def test_a_recipe_is_kept_in_order_and_replaced_with_its_entity(tmp_path: Path) -> None:
    path = _case(tmp_path / "case.tcase")
    assert _loaded(path).entity("mill").recipe == _RECIPE and _loaded(path).entity("acme").recipe == ()
    changed = dataclasses.replace(_MILL, recipe=(RecipeRow("calcium carbonate filler", 190.0, "kg"),))
    with CaseFile.open(path) as casefile:
        casefile.update_entity(changed)
    assert _loaded(path).entity("mill") == changed
    with CaseFile.open(path) as casefile:
        casefile.update_entity(dataclasses.replace(changed, recipe=()))
        casefile.remove_entity("mill")
        casefile.add_entity(_MILL, position=0)  # as an undo puts it back
    assert _loaded(path).entities == (_MILL, _BUYER)


def test_removing_an_entity_removes_its_recipe(tmp_path: Path) -> None:
    path = _case(tmp_path / "case.tcase")
    with CaseFile.open(path) as casefile:
        casefile.remove_entity("mill")
        casefile.add_entity(dataclasses.replace(_MILL, recipe=()))
    assert _loaded(path).entity("mill").recipe == ()


@pytest.mark.parametrize(("recipe", "message"), [
    ((RecipeRow("PVC resin", 400.0, "t"), RecipeRow("pvc  RESIN", 410.0, "t")), "names 'pvc  RESIN' twice"),
    ((RecipeRow("PVC resin", 0.0, "t"),), "a yield of 0"),
    ((RecipeRow("PVC resin", 400.0, "bags"),), "'bags', which is not a unit the app converts"),
    ((RecipeRow(" ", 400.0, "t"),), "has a row without a material"),
    (tuple(RecipeRow(f"material {n}", 1.0, "kg") for n in range(limits.RECIPE_ROWS + 1)),
     f"has {limits.RECIPE_ROWS + 1} rows, more than the {limits.RECIPE_ROWS}"),
])
def test_a_recipe_the_check_cannot_read_is_refused_and_the_case_is_unchanged(
    tmp_path: Path, recipe: tuple[RecipeRow, ...], message: str
) -> None:
    path = _case(tmp_path / "case.tcase")
    with CaseFile.open(path) as casefile, pytest.raises(CaseFileError) as refused:
        casefile.update_entity(dataclasses.replace(_MILL, recipe=recipe))
    assert "the recipe of Mekong Vinyl Flooring Co." in str(refused.value) and message in str(refused.value)
    assert "The case is unchanged" in str(refused.value)
    assert _loaded(path).entity("mill").recipe == _RECIPE


def test_an_imported_case_keeps_its_recipes_and_refuses_a_bad_one_whole(tmp_path: Path) -> None:
    link = Link("mill-acme", "mill", "acme", "SPC flooring", 20000.0, "m2")
    case = Case(_SHIPMENT, (_MILL, _BUYER), (link,))
    write_new_case(tmp_path / "case.tcase", case, {}, source="test")
    assert _loaded(tmp_path / "case.tcase").entity("mill").recipe == _RECIPE
    bad = dataclasses.replace(case, entities=(dataclasses.replace(_MILL, recipe=(RecipeRow("resin", -1.0, "t"),)), _BUYER))
    with pytest.raises(CaseFileError, match="a yield of -1"):
        write_new_case(tmp_path / "bad.tcase", bad, {}, source="test")
    assert not (tmp_path / "bad.tcase").exists()


def _written_around_the_store(path: Path, sql: str, *values: object) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql, values)
    conn.close()


def test_a_file_with_a_recipe_longer_than_the_app_writes_is_refused_at_opening(tmp_path: Path) -> None:
    path = _case(tmp_path / "case.tcase")
    for position in range(2, limits.RECIPE_ROWS):
        _written_around_the_store(path, "INSERT INTO recipe_rows VALUES ('mill', ?, ?, 1.0, 'kg')", position,
                                  f"material {position}")
    assert len(_loaded(path).entity("mill").recipe) == limits.RECIPE_ROWS
    _written_around_the_store(path, "INSERT INTO recipe_rows VALUES ('mill', 99, 'one more', 1.0, 'kg')")
    with pytest.raises(CaseFileError, match=rf"the recipe of 'mill', {limits.RECIPE_ROWS + 1} rows"):
        CaseFile.open(path)


@pytest.mark.parametrize(("column", "value"), [("unit", "'bags'"), ("material", "'pvc RESIN'")])
def test_a_recipe_row_the_app_never_writes_makes_the_case_damaged_not_a_crash(tmp_path: Path, column: str,
                                                                              value: str) -> None:
    path = _case(tmp_path / "case.tcase")
    _written_around_the_store(path, f"UPDATE recipe_rows SET {column} = {value} WHERE position = 1")
    with CaseFile.open(path) as casefile, pytest.raises(CaseFileError, match="is damaged"):
        casefile.load()
