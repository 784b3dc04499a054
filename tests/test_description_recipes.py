"""A company's recipe in the case description: ``[[entities.recipe]]`` tables (or an inline
array), located errors, and the round trip through ``import`` and ``describe``."""

from __future__ import annotations

from pathlib import Path

import pytest

from importer_app.cli.main import main
from importer_app.core import limits
from importer_app.core.description import parse_description
from importer_app.core.errors import DescriptionError
from importer_app.core.model import RecipeRow
from importer_app.store.casefile import CaseFile

GOOD = """\
format = "importer-app-case/1"

[shipment]
regime = "wro"
entry_number = "ABC-1234567-8"
importer_of_record = "Acme Floors Inc."
merchandise = "SPC vinyl plank flooring"
quantity = 20000
unit = "m2"
country_of_origin = "VN"
date_of_importation = 2026-10-02

[[entities]]
id = "mill"
name = "Mekong Vinyl Flooring Co."
role = "manufacturer"
country = "VN"

[[entities.recipe]]
material = "PVC resin"
yield = 400
unit = "t"

[[entities.recipe]]
material = "calcium carbonate filler"
yield = 200
unit = "t"

[[entities]]
id = "acme"
name = "Acme Floors Inc."
role = "importer"
country = "US"

[[links]]
id = "mill-acme"
from = "mill"
to = "acme"
material = "SPC vinyl plank flooring"
quantity = 20000
unit = "m2"
"""

RECIPE = (RecipeRow("PVC resin", 400.0, "t"), RecipeRow("calcium carbonate filler", 200.0, "t"))


def _problems(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(DescriptionError) as refused:
        parse_description(text, "case.toml")
    return [(p.line, p.key, p.message) for p in refused.value.problems]


def test_recipe_tables_under_a_company_are_its_recipe() -> None:
    spec = parse_description(GOOD, "case.toml")
    assert [e.recipe for e in spec.entities] == [RECIPE, ()]


def test_an_inline_recipe_reads_the_same() -> None:
    inline = GOOD.split("[[entities.recipe]]")[0] + (
        'recipe = [{material = "PVC resin", yield = 400, unit = "t"},'
        ' {material = "calcium carbonate filler", yield = 200, unit = "t"}]\n\n[[entities]]'
        + GOOD.split("[[entities]]", 2)[2])
    assert parse_description(inline, "case.toml").entities == parse_description(GOOD, "case.toml").entities


def test_a_bad_yield_an_unknown_unit_and_a_material_named_twice_are_located_at_their_row() -> None:
    text = (GOOD.replace('yield = 200\nunit = "t"', 'yield = 0\nunit = "sacks"')
            .replace('material = "calcium carbonate filler"', 'material = "pvc  RESIN"'))
    assert _problems(text) == [
        (25, "entities[1].recipe[2].material", "'pvc  RESIN' is already in the recipe (recipe[1]); give each material"
                                               " one row"),
        (26, "entities[1].recipe[2].yield", "must be more than 0: the output one unit of this material makes, like 1.82"),
        (27, "entities[1].recipe[2].unit", "'sacks' is not a unit the app converts; use one of kg, g, t, lb, oz, m, m2,"
                                           " yd, pcs, dozen, pairs"),
    ]


def test_a_missing_or_misspelt_key_of_a_row_is_located_at_the_row() -> None:
    text = GOOD.replace('yield = 200\nunit = "t"', 'yeild = 200\nunit = "t"')
    assert _problems(text) == [
        (26, "entities[1].recipe[2].yeild", "unknown key 'yeild'; did you mean 'yield'? allowed keys: material, yield,"
                                            " unit"),
        (24, "entities[1].recipe[2].yield", "the required key 'yield' is missing (the output one unit of this material"
                                            " makes, like 1.82)"),
    ]


def test_an_inline_recipe_s_problem_is_located_at_its_line() -> None:
    text = GOOD.replace('country = "US"\n', 'country = "US"\nrecipe = [{material = "flooring", yield = -1, unit = "m2"}]\n')
    assert _problems(text) == [(34, "entities[2].recipe[1].yield",
                                "must be more than 0: the output one unit of this material makes, like 1.82")]


def test_a_recipe_that_is_not_a_list_of_tables_or_too_long_is_refused() -> None:
    assert _problems(GOOD.replace('country = "US"\n', 'country = "US"\nrecipe = "resin"\n')) == [
        (34, "entities[2].recipe", "write each material of the recipe as a [[entities.recipe]] table under its company")]
    rows = "".join(f'\n[[entities.recipe]]\nmaterial = "m{n}"\nyield = 1\nunit = "kg"\n'
                   for n in range(limits.RECIPE_ROWS - 1))
    too_long = GOOD.replace('\n[[entities]]\nid = "acme"', rows + '\n[[entities]]\nid = "acme"')
    [(_, key, message)] = _problems(too_long)
    assert key == "entities[1].recipe" and message.startswith(f"has {limits.RECIPE_ROWS + 1} rows, more than the 50")


def test_a_recipe_material_longer_than_a_case_keeps_is_refused() -> None:
    text = GOOD.replace('material = "PVC resin"', f'material = "{"r" * (limits.cell_limit("recipe_rows", "material") + 1)}"')
    [(line, key, message)] = _problems(text)
    assert (line, key) == (20, "entities[1].recipe[1].material") and message.endswith("a case keeps here; shorten it")


def test_import_and_describe_keep_the_recipe(tmp_path: Path) -> None:
    (tmp_path / "case.toml").write_text(GOOD, encoding="utf-8")
    assert main(["import", str(tmp_path / "case.toml"), str(tmp_path / "case.tcase")]) == 0
    with CaseFile.open(tmp_path / "case.tcase", readonly=True) as casefile:
        assert casefile.load().entity("mill").recipe == RECIPE
    assert main(["describe", str(tmp_path / "case.tcase"), "-o", str(tmp_path / "again.toml")]) == 0
    text = (tmp_path / "again.toml").read_text(encoding="utf-8")
    assert '[[entities.recipe]]\nmaterial = "calcium carbonate filler"\nyield = 200\nunit = "t"' in text
    assert parse_description(text, "again.toml").entities == parse_description(GOOD, "case.toml").entities


def test_import_of_a_bad_recipe_exits_2_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "case.toml").write_text(GOOD.replace('unit = "t"', 'unit = "sacks"', 1), encoding="utf-8")
    assert main(["import", str(tmp_path / "case.toml"), str(tmp_path / "case.tcase")]) == 2
    assert "line 22, entities[1].recipe[1].unit: 'sacks' is not a unit the app converts" in capsys.readouterr().err
    assert not (tmp_path / "case.tcase").exists()
