"""Fixtures for the engine tests: the catalog, the case kit (``case_kit``) and catalog copies to break."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from case_kit import TODAY, CaseKit

from importer_app.core.catalog import Catalog, load_catalog
from importer_app.core.datafiles import forms_dir
from importer_app.core.engine import evaluate
from importer_app.core.model import Case
from importer_app.core.report import Report
from importer_app.core.screening_state import NOT_SCREENED


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The project's catalog, loaded once."""
    return load_catalog()


@pytest.fixture(scope="session")
def kit() -> CaseKit:
    return CaseKit()


@pytest.fixture
def check(catalog: Catalog) -> Callable[[Case], Report]:
    """``evaluate`` against the project's catalog on the kit's day."""
    return lambda case: evaluate(case, catalog, TODAY, NOT_SCREENED)


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A writable copy of the catalog folder, to break on purpose."""
    target = tmp_path / "catalog"
    shutil.copytree(forms_dir() / "catalog", target)
    return target


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    """Replace ``old`` (which must occur) by ``new`` in one catalog file."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def break_catalog(catalog_copy: Path) -> Callable[[str, str, str], Path]:
    """Edit a copied catalog file: ``break_catalog(file, old, new)``; returns the folder."""

    def apply(name: str, old: str, new: str) -> Path:
        _edit(catalog_copy, name, old, new)
        return catalog_copy

    return apply
