"""The list screening in the bundle: the build hands it to the front matter, and the bundle's
file ID names the list versions and the decisions on candidates."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path

import pikepdf
import pytest
from assembly_support import DOCUMENT_DATE, Doc, catalog, quick_front, small_case, text_pdf

from importer_app.bundle.build import BundleSource, build
from importer_app.bundle.front import FrontMatter
from importer_app.bundle.plan import BundleOptions, BundlePlan
from importer_app.core.catalog import Catalog
from importer_app.core.model import Case, ScreeningDecision
from importer_app.core.report import Report
from importer_app.demo.listfiles import uflpa_page, uflpa_table, wro_csv, wro_row
from importer_app.screening.in_case import CaseScreening
from importer_app.screening.model import Snapshot
from importer_app.screening.snapshots import read_list_file
from importer_app.store.casefile import CaseFile

IMPORTED = dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)


@pytest.fixture
def source(tmp_path: Path) -> Iterator[BundleSource]:
    """A three-company case whose mill the WRO list names, screened against both lists."""
    path = small_case(tmp_path / "case.tcase", [Doc("invoice.pdf", text_pdf("Invoice"), links=("mill-importer",))])
    with CaseFile.open(path, readonly=True) as casefile:
        plain = BundleSource.from_casefile(casefile)
        yield dataclasses.replace(plain, lists=_lists(tmp_path, "Delta Mill Joint Stock Company"),
                                  lists_in_case=frozenset({"uflpa", "wro"}))


def _lists(folder: Path, wro_entity: str) -> dict[str, Snapshot]:
    uflpa = folder / "uflpa.html"
    uflpa.write_bytes(uflpa_page(uflpa_table("i", [("Tarim Northwind Cotton Co., Ltd.", "June 9, 2023")])))
    wro = folder / "wro.csv"
    wro.write_bytes(wro_csv([wro_row(wro_entity)]))
    return {s.list_id: s for s in (read_list_file(uflpa, IMPORTED), read_list_file(wro, IMPORTED))}


def _build(source: BundleSource, output: Path) -> bytes:
    """The file ID of the bundle of ``source`` (placeholder sections)."""
    build(source, BundleOptions(output=output, document_date=DOCUMENT_DATE), catalog=catalog(),
          front_matter=quick_front)
    with pikepdf.open(output) as pdf:
        return bytes(pdf.trailer.ID[0])


def test_the_front_matter_is_given_the_screening_the_report_was_made_with(source: BundleSource,
                                                                         tmp_path: Path) -> None:
    seen: list[tuple[Report, CaseScreening]] = []

    def front(case: Case, report: Report, catalog: Catalog, plan: BundlePlan, options: BundleOptions,
              settings: Mapping[str, str], *, screening: CaseScreening) -> FrontMatter:
        seen.append((report, screening))
        return quick_front(case, report, catalog, plan, options, settings)

    build(source, BundleOptions(output=tmp_path / "out.pdf", document_date=DOCUMENT_DATE), catalog=catalog(),
          front_matter=front)
    [(report, screening)] = seen
    assert dict(screening.snapshots) == dict(source.lists) and screening.in_case == source.lists_in_case
    [hit] = screening.result.hits
    assert hit.entity_id == "mill" and hit.matched_name == "Delta Mill Joint Stock Company"
    assert [f.requirement for f in report.findings if f.kind == "screening" and f.severity == "missing"] == ["ORG-02"]


def test_the_file_id_names_the_list_versions_and_the_decisions(source: BundleSource, tmp_path: Path) -> None:
    first = _build(source, tmp_path / "a.pdf")
    assert _build(source, tmp_path / "b.pdf") == first
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()

    other = dict(source.lists)
    other["uflpa"] = dataclasses.replace(other["uflpa"], sha256="0" * 64)
    assert _build(dataclasses.replace(source, lists=other), tmp_path / "c.pdf") != first

    reimported = dict(source.lists)
    reimported["wro"] = dataclasses.replace(reimported["wro"], confirmed_at=IMPORTED + dt.timedelta(days=1))
    assert _build(dataclasses.replace(source, lists=reimported), tmp_path / "d.pdf") != first

    assert _build(dataclasses.replace(source, lists_in_case=frozenset({"uflpa"})), tmp_path / "e.pdf") != first
    assert _build(dataclasses.replace(source, lists={}), tmp_path / "f.pdf") != first

    [hit] = _screening_hits(source, tmp_path)
    decided = dataclasses.replace(source.case, screening_decisions=(
        ScreeningDecision(hit, "mill", "dismissed", "Another mill, in another province.", IMPORTED),))
    assert _build(dataclasses.replace(source, case=decided), tmp_path / "g.pdf") != first


def _screening_hits(source: BundleSource, tmp_path: Path) -> list[str]:
    keys: list[str] = []

    def front(case: Case, report: Report, catalog: Catalog, plan: BundlePlan, options: BundleOptions,
              settings: Mapping[str, str], *, screening: CaseScreening) -> FrontMatter:
        keys.extend(hit.key.as_text() for hit in screening.result.hits)
        return quick_front(case, report, catalog, plan, options, settings)

    build(source, BundleOptions(output=tmp_path / "hits.pdf", document_date=DOCUMENT_DATE), catalog=catalog(),
          front_matter=front)
    return keys
