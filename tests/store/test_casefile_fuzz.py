"""A case file damaged anywhere is refused with our message or read as it is, never a crash."""

from __future__ import annotations

import datetime as dt
import functools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importer_app.core.errors import AppError
from importer_app.core.model import Entity, NotApplicable, Shipment
from importer_app.store.casefile import CaseFile


@functools.cache
def _pristine() -> bytes:
    """A small case of a few pages: 30 companies, a reason, the audit log (not a fixture:
    hypothesis would print its bytes with every example)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.tcase"
        shipment = Shipment("wro", "ABC-1234567-8", "Acme Apparel Inc.", "shirts", 12000, "pcs", "VN",
                            dt.date(2026, 10, 2))
        with CaseFile.create(path, shipment) as casefile:
            for number in range(30):
                casefile.add_entity(Entity(f"e{number}", f"Company {number} Co., Ltd.", "processor", "VN",
                                           address="Lot 1, Road 2 " * 5, aliases=(f"Alias {number}",)))
            casefile.set_not_applicable(NotApplicable("REG-05", "case", "No request was received."))
        return path.read_bytes()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)),
                      min_size=1, max_size=8))
def test_damaged_bytes_are_refused_or_read_never_a_crash(tmp_path: Path, flips: list[tuple[int, int]]) -> None:
    data = bytearray(_pristine())
    for offset, value in flips:
        data[offset % len(data)] = value
    path = tmp_path / "damaged.tcase"
    path.write_bytes(bytes(data))
    for readonly in (True, False):
        try:
            with CaseFile.open(path, readonly=readonly) as casefile:
                casefile.load()
        except AppError:
            pass  # refused with a sentence for the user
