"""A catalog edited by hand, however badly, loads or is refused with located problems: a
future edit of forms/ can never crash the check."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importer_app.core.catalog import load_catalog
from importer_app.core.catalog_model import CatalogError
from importer_app.core.datafiles import forms_dir

CATALOG = forms_dir() / "catalog"
FILES = sorted(p.name for p in CATALOG.glob("*.toml"))
VALUES = st.sampled_from(['""', '"wro"', "[]", '["S99"]', "3", "true", '"nonsense"', '["purchase_order"]', "2026-13-01",
                          '"DL-01"', '["missing", "x"]', '{ a = 1 }'])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FILES), st.data())
def test_a_mangled_catalog_loads_or_names_each_problem(name: str, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "catalog"
        shutil.copytree(CATALOG, folder)
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        for _ in range(data.draw(st.integers(1, 4))):
            index = data.draw(st.integers(0, len(lines) - 1))
            line = lines[index]
            action = data.draw(st.sampled_from(["drop", "value", "key"]))
            if action == "drop":
                del lines[index]
            elif "=" in line and not line.lstrip().startswith("#"):
                key, _, _ = line.partition("=")
                lines[index] = f"{key}= {data.draw(VALUES)}" if action == "value" else f"x{key.strip()} = {data.draw(VALUES)}"
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            load_catalog(folder)
        except CatalogError as error:
            assert error.problems
            assert all(problem.file and problem.message for problem in error.problems)
