"""Any mix of test folders collects in one run, in any order, as one folder alone does.

The test folders are not packages: pytest puts each one on ``sys.path`` and imports its modules
by their bare names, so ``conftest`` is whichever folder's conftest came last, and two helper
modules of one name in two folders would shadow each other.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _modules() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if "__pycache__" not in p.parts)


def _imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
    return names


def test_no_test_module_imports_a_conftest_by_name() -> None:
    importers = [str(p.relative_to(TESTS)) for p in _modules() if "conftest" in _imported_names(p)]
    assert importers == [], "import the helper module the conftest takes it from instead"


def test_helper_and_test_modules_have_names_unique_across_the_test_folders() -> None:
    names = Counter(p.stem for p in _modules() if p.name != "conftest.py")
    assert [name for name, count in names.items() if count > 1] == []
