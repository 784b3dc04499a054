"""A new case starts with its importer of record as the chain's last company."""

from __future__ import annotations

from pathlib import Path

import pytest
from window_support import start_new_case


def test_a_new_case_holds_the_importer_of_record_as_a_company(window, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    start_new_case(window, tmp_path / "new.tcase", monkeypatch)
    case = window.session.case
    assert [(e.name, e.role, e.country) for e in case.entities] == [("Harborline Solar Inc.", "importer", "US")]
    # The chain is not missing its importer; what is missing is everything upstream of it.
    structure = [f.message for f in window.session.report.findings if f.kind == "structure"]
    assert not any("has the role importer" in message for message in structure)
    assert any(message.startswith("The supply chain stops at Harborline Solar Inc.") for message in structure)
