"""Window tests: a demo case built once per session and copied for each test."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from window_support import TODAY

from importer_app.core.catalog import Catalog, load_catalog
from importer_app.demo import create_demo_case


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def garbage_collected_on_the_gui_thread() -> Iterator[None]:
    """The cyclic garbage a window test leaves (closed windows, dialogs, models) is collected at
    its end, on the GUI thread. Left to the collector, it could be finalised on whichever thread
    next allocates enough: a later test's export worker, where freeing Qt objects that belong to
    the GUI thread crashes PySide (a segfault in the export worker, seen once under
    pytest-xdist, where one process runs some 40 window test files in a row)."""
    yield
    gc.collect()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("template") / "demo.tcase"
    create_demo_case(target, load_catalog(), regime="uflpa-applicability", today=TODAY)
    return target


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def demo_case(demo_template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.tcase"
    shutil.copy(demo_template, copy)
    return copy


@pytest.fixture
def window(qtbot, catalog: Catalog, app_home: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from importer_app.gui.main_window import MainWindow
    from importer_app.gui.settings import Settings

    main_window = MainWindow(Settings(), lambda: catalog, today=lambda: TODAY)
    qtbot.addWidget(main_window)
    main_window.show()
    yield main_window
    main_window.close_case()
