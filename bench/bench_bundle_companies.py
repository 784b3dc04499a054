"""Figures for the bundle of a case with many companies: does the build grow linearly?

Run: .venv/bin/python bench/bench_bundle_companies.py [--companies 500,2000,10000] [--json] [--quick]

The case has no documents, so the time is the generated pages: the executive summary, the
completeness report (a row per company and information type), the map and the screening
record. Companies form a tree: 20 direct suppliers of the importer, every other company
supplying one of them. The goals: 2,000 companies in under 10 s, 10,000 in under 60 s. Each
size is built once (the largest takes a minute or more); the time per company at each size
shows whether the build grows faster than the number of companies. The CPU seconds are printed
beside the time: on a machine shared with other work they still compare one build with another.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from figures import Figure, add_options, emit, human_output

GOALS_S = {2000: 10.0, 10000: 60.0}
"""Seconds a build may take, by number of companies."""


def make_case(path: Path, companies: int) -> None:
    from importer_app.core.model import Case, Entity, Link, Shipment
    from importer_app.store.casefile import write_new_case

    entities = [Entity("importer", "Acme Apparel Inc.", "importer", "US", tier=0)]
    links = []
    for number in range(companies - 1):
        entities.append(Entity(f"c{number}", f"Company {number} Textile Co., Ltd.",
                               "processor" if number % 3 == 0 else "manufacturer", "VN",
                               address=f"Lot {number}, Road 7, Binh Duong"))
        buyer = "importer" if number < 20 else f"c{number % 20}"
        links.append(Link(f"l{number}", f"c{number}", buyer, "cotton yarn", 1000.0, "kg",
                          shipped=dt.date(2026, 6, 1)))
    shipment = Shipment("uflpa-applicability", "ABC-1234567-8", "Acme Apparel Inc.", "shirts", 1000, "pcs", "VN",
                        dt.date(2026, 10, 2))
    write_new_case(path, Case(shipment, tuple(entities), tuple(links), (), ()), {}, source="bench", overwrite=True)


def measure(work: Path, companies: int) -> tuple[float, float, int]:
    """Seconds and CPU seconds to build the bundle of a case of ``companies`` companies, and its pages."""
    from importer_app.bundle.build import build
    from importer_app.bundle.plan import BundleOptions
    from importer_app.bundle.source import BundleSource
    from importer_app.store.casefile import CaseFile

    case_path = work / f"companies-{companies}.tcase"
    make_case(case_path, companies)
    options = BundleOptions(output=work / f"bundle-{companies}.pdf", document_date=dt.date(2026, 11, 28))
    with CaseFile.open(case_path) as casefile:
        start, cpu = time.perf_counter(), time.process_time()
        result = build(BundleSource.from_casefile(casefile), options)
        return time.perf_counter() - start, time.process_time() - cpu, result.page_count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", default="500,2000,10000", help="sizes to build, comma-separated")
    add_options(parser, "100 and 200 companies")
    arguments = parser.parse_args()
    sizes = [100, 200] if arguments.quick else [int(size) for size in arguments.companies.split(",")]
    with human_output(arguments.json):
        timings, cpus = {}, {}
        with tempfile.TemporaryDirectory() as folder:
            for size in sizes:
                seconds, cpu, pages = measure(Path(folder), size)
                timings[size], cpus[size] = seconds, cpu
                print(f"{size:>6,} companies: {seconds:6.1f} s ({cpu:.1f} s CPU), {pages:,} pages,"
                      f" {1000 * seconds / size:.1f} ms per company ({1000 * cpu / size:.1f} CPU)",
                      file=sys.stderr if arguments.json else sys.stdout)
        goals = {size: goal for size, goal in GOALS_S.items() if size in timings}
        shown = " / ".join(f"{timings[size]:.1f} s" for size in sizes)
        per_company = " / ".join(f"{1000 * timings[size] / size:.1f}" for size in sizes)
        per_company_cpu = " / ".join(f"{1000 * cpus[size] / size:.1f}" for size in sizes)
        figure = Figure(f"bundle of a case of {' / '.join(f'{size:,}' for size in sizes)} companies, no documents",
                        f"{shown}; {per_company} ms per company (CPU {per_company_cpu})",
                        "; ".join(f"{size:,}: < {goal:.0f} s" for size, goal in goals.items()),
                        all(timings[size] < goal for size, goal in goals.items()) if goals else None)
    emit([figure], arguments.json)


if __name__ == "__main__":
    main()
