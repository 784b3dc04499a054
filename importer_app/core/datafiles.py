"""Where the project's data folders are: ``forms/`` (CBP rule data) and ``resources/``.

In a source checkout they sit beside the package; an installed wheel carries them as the
packages ``importer_app.forms`` and ``importer_app.resources`` (pyproject.toml maps them).
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path


def _data_dir(name: str) -> Path:
    try:
        located = importlib.resources.files(f"importer_app.{name}")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / name
    return Path(str(located))


def forms_dir() -> Path:
    """The folder of rule data: the catalog, sources, deadline rules, form texts."""
    return _data_dir("forms")


def resources_dir() -> Path:
    """The folder of fonts, icons and public list data."""
    return _data_dir("resources")
