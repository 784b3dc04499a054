"""What a CBP request contends about the goods' origin, in a case description and a case file:
located errors for a word the catalog does not know, the round trip through a case file and
back, and the audit entry."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from importer_app.case.description import import_description
from importer_app.core.catalog import load_catalog
from importer_app.core.description import parse_description
from importer_app.core.description_writer import render_description
from importer_app.core.errors import CaseFileError, DescriptionError
from importer_app.core.model import Case, Inquiry
from importer_app.store.casefile import CaseFile, write_new_case

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HEAD = """\
format = "importer-app-case/1"

[shipment]
regime = "wro"
entry_number = "ABC-1234567-8"
importer_of_record = "Harbor Foods Inc."
merchandise = "Canned skipjack tuna"
quantity = 20000
unit = "kg"
country_of_origin = "TH"
date_of_importation = 2026-10-02
"""
GOOD = HEAD + """
[[inquiries]]
id = "cf28-1"
date = 2026-10-16
asked = "CBP Form 28: the fish in this entry were not caught by the vessel named"
contends = ["commingled", "other-origin"]

[[inquiries]]
id = "cf28-2"
date = 2026-10-19
asked = "Crew list of the vessel"
"""
CONTENDING = Inquiry("cf28-1", dt.date(2026, 10, 16),
                     "CBP Form 28: the fish in this entry were not caught by the vessel named",
                     contends=("commingled", "other-origin"))
PLAIN = Inquiry("cf28-2", dt.date(2026, 10, 19), "Crew list of the vessel")


def _parse(text: str) -> tuple[Inquiry, ...]:
    return parse_description(text, "case.toml", known_contentions=load_catalog().contentions.keys()).inquiries


def test_what_a_request_contends_parses_and_defaults_to_nothing() -> None:
    assert _parse(GOOD) == (CONTENDING, PLAIN)


def test_an_unknown_or_repeated_contention_is_located() -> None:
    text = GOOD.replace('contends = ["commingled", "other-origin"]', 'contends = ["comingled", "other-origin", "other-origin"]')
    with pytest.raises(DescriptionError) as refused:
        _parse(text)
    assert [(p.line, p.key, p.message) for p in refused.value.problems] == [
        (17, "inquiries[1].contends", "'comingled' is not allowed; did you mean 'commingled'? allowed: commingled, other-origin"),
        (17, "inquiries[1].contends", "names 'other-origin' twice"),
    ]


def test_import_checks_the_words_against_the_catalog(tmp_path: Path) -> None:
    spec = tmp_path / "case.toml"
    spec.write_text(GOOD.replace('"other-origin"]', '"named-producer"]'), encoding="utf-8")
    with pytest.raises(DescriptionError) as refused:
        import_description(spec, tmp_path / "case.tcase", load_catalog())
    assert [str(problem) for problem in refused.value.problems] == [
        "case.toml, line 17, inquiries[1].contends: 'named-producer' is not allowed; allowed: commingled, other-origin"]
    assert not (tmp_path / "case.tcase").exists()


def test_describe_and_import_keep_what_each_request_contends(tmp_path: Path) -> None:
    spec = parse_description(GOOD, "case.toml")
    write_new_case(tmp_path / "case.tcase", Case(spec.shipment, inquiries=spec.inquiries), {}, source="test")
    with CaseFile.open(tmp_path / "case.tcase") as casefile:
        loaded = casefile.load()
    assert loaded.inquiries == (CONTENDING, PLAIN)
    text = render_description(loaded)
    assert 'asked = "CBP Form 28: the fish in this entry were not caught by the vessel named"\n' \
           'contends = ["commingled", "other-origin"]\n' in text
    assert text.count("contends") == 1  # nothing contended is left out
    assert _parse(text) == (CONTENDING, PLAIN)


def test_a_request_and_what_it_contends_are_kept_and_audited(tmp_path: Path) -> None:
    path = tmp_path / "case.tcase"
    CaseFile.create(path, parse_description(HEAD, "case.toml").shipment).close()
    with CaseFile.open(path) as casefile:
        casefile.put_inquiry(dataclasses.replace(CONTENDING, contends=()))
        casefile.put_inquiry(CONTENDING)
        assert casefile.load().inquiries == (CONTENDING,)
        entry = casefile.audit_log()[-1]
    assert entry.action == "record CBP request"
    assert entry.details["contends"] == ["commingled", "other-origin"]


def test_an_old_file_migrates_with_requests_that_contend_nothing(tmp_path: Path) -> None:
    path = tmp_path / "old.tcase"
    shutil.copy(FIXTURES / "case-v1.tcase", path)
    with CaseFile.open(path) as casefile:
        casefile.put_inquiry(PLAIN)
        assert casefile.load().inquiries == (PLAIN,)


@pytest.mark.parametrize("stored", ['"commingled"', '["Commingled"]', "[1]"])
def test_a_damaged_contention_is_refused_with_the_reason(tmp_path: Path, stored: str) -> None:
    spec = parse_description(GOOD, "case.toml")
    path = tmp_path / "case.tcase"
    write_new_case(path, Case(spec.shipment, inquiries=spec.inquiries), {}, source="test")
    with CaseFile.open(path) as casefile:
        casefile._conn.execute("UPDATE inquiries SET contends = ?", (stored,))  # another tool wrote it
        with pytest.raises(CaseFileError, match="what a CBP request contends"):
            casefile.load()
