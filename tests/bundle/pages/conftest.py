"""Cases, reports and plans for the page generator tests, built once per session."""

from __future__ import annotations

import pytest
from page_builders import big_case
from page_subjects import TODAY, Subject, make_subject

from importer_app.case.description import import_description
from importer_app.core.catalog import Catalog, load_catalog
from importer_app.demo import write_demo
from importer_app.store.casefile import CaseFile


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


_DEMOS: dict[str, Subject] = {}


def _demo(name: str, catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Subject:
    """The demo case written and imported as ``importer-app demo`` does, once per session."""
    if name not in _DEMOS:
        folder = tmp_path_factory.mktemp(name)
        regime = "wro" if name == "demo-wro" else "uflpa-applicability"
        spec = write_demo(folder / "source", regime=regime, today=TODAY)
        import_description(spec, folder / "demo.tcase", catalog)
        casefile = CaseFile.open(folder / "demo.tcase", readonly=True)
        try:
            _DEMOS[name] = make_subject(name, casefile.load(), catalog)
        finally:
            casefile.close()
    return _DEMOS[name]


@pytest.fixture(scope="session", params=["demo-uflpa", "demo-wro", "big-wro", "big-uflpa"])
def subject(request: pytest.FixtureRequest, catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Subject:
    """The demo case and the generated 30-entity case, each in a Section 307 and a UFLPA regime."""
    name: str = request.param
    if name.startswith("big"):
        return make_subject(name, big_case("wro" if name == "big-wro" else "uflpa-applicability"), catalog)
    return _demo(name, catalog, tmp_path_factory)


@pytest.fixture(scope="session")
def demo_wro(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Subject:
    return _demo("demo-wro", catalog, tmp_path_factory)


@pytest.fixture(scope="session")
def big_wro(catalog: Catalog) -> Subject:
    return make_subject("big-wro", big_case("wro"), catalog)
