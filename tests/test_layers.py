"""The layers below the window never load Qt, so every job runs headless."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize(
    "module",
    ["importer_app.core", "importer_app.store", "importer_app.intake", "importer_app.bundle",
     "importer_app.cli", "importer_app.case", "importer_app.demo",
     "importer_app.screening"],
)
def test_headless_layers_do_not_import_qt(module: str) -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        f"package = importlib.import_module({module!r})\n"
        "for info in pkgutil.walk_packages(getattr(package, '__path__', []), package.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_every_bundle_module_imports_first_in_a_fresh_process() -> None:
    """An import cycle breaks only when its modules load in one order: try each first."""
    root = Path(__file__).resolve().parents[1] / "importer_app" / "bundle"
    modules = ["importer_app." + ".".join(path.relative_to(root.parent).with_suffix("").parts)
               for path in sorted(root.rglob("*.py")) if path.name != "__init__.py"]
    code = (
        "import subprocess, sys\n"
        f"for name in {modules!r}:\n"
        "    done = subprocess.run([sys.executable, '-c', 'import ' + name], capture_output=True, text=True)\n"
        "    if done.returncode:\n"
        "        print(name, done.stderr.strip().splitlines()[-1])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


# Each layer of importer_app/ and the layers it may import, from the bottom up: the tree reads
# core, store, intake, screening, case services, bundle, demo, then the two front ends. Modules
# at the top of the package (fileio, paths, ...) are shared by every layer.
_LAYERS: dict[str, set[str]] = {
    "core": set(),
    "store": {"core"},
    "intake": {"core"},
    "screening": {"core", "store"},
    "case": {"core", "store", "intake", "screening"},
    "bundle": {"core", "store", "intake", "screening", "case"},
    "demo": {"core", "store", "intake", "screening", "case", "bundle"},
    "cli": {"core", "store", "intake", "screening", "case", "bundle", "demo", "gui"},
    "gui": {"core", "store", "intake", "screening", "case", "bundle", "demo"},
}
_ROOT = Path(__file__).resolve().parents[1]


def _imported_layers(source: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + ([f"importer_app.{a.name}" for a in node.names] if node.module == "importer_app" else [])
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found |= {name.split(".")[1] for name in names if name.startswith("importer_app.")}
    return found


@pytest.mark.parametrize("layer", sorted(_LAYERS))
def test_each_layer_imports_only_the_layers_below_it(layer: str) -> None:
    package = _ROOT / "importer_app" / layer
    wrong = {}
    for source in sorted(package.rglob("*.py")):
        upward = {name for name in _imported_layers(source) if name in _LAYERS and name != layer} - _LAYERS[layer]
        if upward:
            wrong[str(source.relative_to(_ROOT))] = sorted(upward)
    assert wrong == {}


def test_every_module_belongs_to_a_layer_or_is_shared() -> None:
    loose = sorted(p.name for p in (_ROOT / "importer_app").glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "fileio.py", "logsetup.py", "paths.py", "third_party_warnings.py"]
    packages = sorted(p.name for p in (_ROOT / "importer_app").iterdir() if (p / "__init__.py").is_file())
    assert packages == sorted(_LAYERS)


def test_code_and_data_name_no_issue_numbers() -> None:
    word = "issue"  # spelled apart so that this test does not find itself
    pattern = re.compile(rf"\b{word}s? #?\d+|\({word}\b", re.IGNORECASE)
    hits = []
    for folder in ("importer_app", "forms", "bench", "scripts", "tests", "docs", ".ci"):
        for path in sorted((_ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".toml", ".md", ".sql", ".txt", ""} and path.stat().st_size < 2_000_000:
                text = path.read_text(encoding="utf-8", errors="replace")
                hits += [f"{path.relative_to(_ROOT)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert hits == []
