"""Shared test set-up: offscreen Qt, a private app home per test, and small case builders."""

from __future__ import annotations

import os

# Must be set before anything imports Qt: without it pytest-qt aborts on a machine with no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from importer_app.core.model import Entity, Link, Shipment  # noqa: E402
from importer_app.third_party_warnings import QUIET  # noqa: E402

CORPUS = Path(os.environ.get("IMPORTER_APP_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))


def pytest_configure(config: pytest.Config) -> None:
    """The libraries' own deprecation warnings are ignored exactly as the command line ignores
    them; every other warning stays an error (pyproject.toml)."""
    for quiet in QUIET:
        config.addinivalue_line("filterwarnings", quiet.pytest_line())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that read the shared corpus are marked ``corpus`` so they can be selected."""
    for item in items:
        if "corpus" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.corpus)


@pytest.fixture(autouse=True)
def app_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, logs and data of the app go to a fresh folder, never the user's."""
    home = tmp_path_factory.mktemp("app-home")
    monkeypatch.setenv("IMPORTER_APP_HOME", str(home))
    return home


@pytest.fixture
def corpus() -> Path:
    """The shared corpus of real-world PDFs and images (read-only; never copied here)."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}; set IMPORTER_APP_CORPUS to its folder")
    return CORPUS


@pytest.fixture
def shipment() -> Shipment:
    return Shipment(
        regime="wro",
        entry_number="ABC-1234567-8",
        importer_of_record="Acme Apparel Inc.",
        merchandise="Men's cotton knit shirts",
        quantity=12000,
        unit="pcs",
        country_of_origin="VN",
        date_of_importation=dt.date(2026, 10, 2),
        hts=("6105.10.0010",),
        entry_lines=(1, 2),
    )


@pytest.fixture
def entities() -> tuple[Entity, ...]:
    return (
        Entity("importer", "Acme Apparel Inc.", "importer", "US", tier=0),
        Entity("factory", "Saigon Garment JSC", "manufacturer", "VN", address="Binh Duong"),
        Entity("spinner", "Delta Spinning Co., Ltd.", "processor", "VN", name_local="Công ty Sợi Delta",
               aliases=("Delta Yarn Trading",)),
    )


@pytest.fixture
def links() -> tuple[Link, ...]:
    return (
        Link("spinner-factory", "spinner", "factory", "cotton yarn", 5000.0, "kg", yield_=3.2,
             shipped=dt.date(2026, 6, 1), references=("PO-77",)),
        Link("factory-importer", "factory", "importer", "shirts", 12000.0, "pcs",
             shipped=dt.date(2026, 9, 1), references=("INV-9",)),
    )
