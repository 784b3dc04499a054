"""The order the goods are held under, the deemed exclusion and the requests for more time in
a case description: located errors, and the round trip through a case file and back."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from importer_app.core.description import parse_description
from importer_app.core.description_writer import render_description
from importer_app.core.errors import CaseFileError, DescriptionError
from importer_app.core.model import Case, DetentionOrder, ExtensionRequest
from importer_app.store.casefile import CaseFile, write_new_case

FIXTURES = Path(__file__).resolve().parent / "fixtures"
D = dt.date
HEAD = """\
format = "importer-app-case/1"

[shipment]
regime = "wro"
entry_number = "ABC-1234567-8"
importer_of_record = "MedSupply Imports LLC"
merchandise = "Nitrile disposable examination gloves"
quantity = 400000
unit = "pcs"
country_of_origin = "MY"
date_of_importation = 2026-08-03
order_reference = "WRO-2026-0417"
date_deemed_excluded = 2026-09-04
"""
GOOD = HEAD + """
[order]
kind = "wro"
issued = 2026-03-02
finding_published = 2026-09-14
scope = "Disposable gloves made by Sungai Nitrile Glove Sdn. Bhd. and its subsidiaries"
indicators = ["debt-bondage", "excessive-overtime"]
producers = ["Sungai Nitrile Glove Sdn. Bhd.", "Sungai Glove Plant 2 (Klang)"]

[[extension_requests]]
task = "Request for information 1"
requested = 2026-10-01
due = 2026-10-05
granted_on = 2026-10-02
until = 2026-10-19
"""
ORDER = DetentionOrder(
    kind="wro", issued=D(2026, 3, 2), finding_published=D(2026, 9, 14),
    scope="Disposable gloves made by Sungai Nitrile Glove Sdn. Bhd. and its subsidiaries",
    indicators=("debt-bondage", "excessive-overtime"),
    producers=("Sungai Nitrile Glove Sdn. Bhd.", "Sungai Glove Plant 2 (Klang)"),
)
EXTENSION = ExtensionRequest("Request for information 1", D(2026, 10, 1), D(2026, 10, 5), D(2026, 10, 2), D(2026, 10, 19))


def _problems(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(DescriptionError) as refused:
        parse_description(text, "case.toml")
    return [(p.line, p.key, p.message) for p in refused.value.problems]


def test_the_order_and_the_extension_requests_parse_into_the_case() -> None:
    spec = parse_description(GOOD, "case.toml")
    assert spec.order == ORDER
    assert spec.extension_requests == (EXTENSION,)
    assert spec.shipment.date_deemed_excluded == D(2026, 9, 4)


def test_order_mistakes_are_located_all_at_once() -> None:
    text = HEAD + """
[order]
kind = "Finding"
status = "active"
status_changed = 2026-10-01
goods_outside = "yes"
indicators = ["debt bondage"]
producers = [""]
"""
    assert _problems(text) == [
        (19, "order.goods_outside", 'must be true or false, not the text \'yes\''),
        (16, "order.kind", "'Finding' is not allowed; did you mean 'finding'? allowed: wro, finding"),
        (20, "order.indicators", "'debt bondage' is not allowed; did you mean 'debt-bondage'? allowed: "
                                 "abuse-of-vulnerability, deception, restriction-of-movement, isolation, "
                                 "physical-sexual-violence, intimidation-threats, retention-of-identity-documents, "
                                 "withholding-of-wages, debt-bondage, abusive-conditions, excessive-overtime"),
        (18, "order.status_changed", "an active order has no change of status; give its status"),
        (21, "order.producers", "holds an empty name"),
    ]


def test_an_order_that_cannot_be_is_refused() -> None:
    text = HEAD + """
[order]
kind = "finding"
finding_published = 2026-09-14
goods_outside = true
"""
    assert _problems(text) == [
        (18, "order.goods_outside", 'only a modified order can leave the goods out: set status = "modified"'),
        (17, "order.finding_published", 'is for a WRO that became a Finding: set kind = "wro"'),
    ]


def test_extension_request_mistakes_are_located() -> None:
    text = HEAD + """
[[extension_requests]]
task = ""
requested = 2026-10-05
granted_on = 2026-10-01
until = 2026-10-19

[[extension_requests]]
requested = 2026-10-05
until = 2026-10-19
"""
    assert _problems(text) == [
        (21, "extension_requests[2]", "the required key 'task' is missing (the task the extension is for, as CBP names it)"),
        (16, "extension_requests[1].task", "say which task the extension is for"),
        (18, "extension_requests[1].granted_on", "the grant (2026-10-01) cannot come before the request (2026-10-05)"),
        (23, "extension_requests[2].until", "give the day CBP granted the extension (granted_on)"),
    ]


def test_describe_and_import_keep_the_order_and_the_requests(tmp_path: Path) -> None:
    spec = parse_description(GOOD, "case.toml")
    case = Case(spec.shipment, order=spec.order, extension_requests=spec.extension_requests)
    write_new_case(tmp_path / "case.tcase", case, {}, source="test")
    with CaseFile.open(tmp_path / "case.tcase") as casefile:
        loaded = casefile.load()
    assert (loaded.order, loaded.extension_requests, loaded.shipment.date_deemed_excluded) == (
        ORDER, (EXTENSION,), D(2026, 9, 4))
    text = render_description(loaded)
    assert "\n[order]\nkind = \"wro\"\nissued = 2026-03-02\nstatus = \"active\"\n" in text
    assert "goods_outside" not in text  # false is the default and is left out
    again = parse_description(text, "case.toml")
    assert (again.order, again.extension_requests, again.shipment) == (ORDER, (EXTENSION,), spec.shipment)


def test_the_order_and_the_requests_are_kept_audited_and_removed(tmp_path: Path) -> None:
    spec = parse_description(HEAD, "case.toml")
    path = tmp_path / "case.tcase"
    CaseFile.create(path, spec.shipment).close()
    revoked = DetentionOrder("wro", D(2022, 11, 23), "revoked", D(2026, 10, 1))
    with CaseFile.open(path) as casefile:
        assert casefile.set_order(ORDER).action == "update"
        assert casefile.load().order == ORDER
        casefile.set_order(revoked)
        casefile.set_extension_requests([EXTENSION, ExtensionRequest("Affidavits", D(2026, 10, 9))])
        case = casefile.load()
        with pytest.raises(CaseFileError, match="needs the task"):
            casefile.set_extension_requests([ExtensionRequest(" ", D(2026, 10, 9))])
        casefile.set_order(None)
        casefile.set_extension_requests([])
        emptied = casefile.load()
        actions = [entry.action for entry in casefile.audit_log()][-5:]
    assert case.order == revoked and len(case.extension_requests) == 2
    assert (emptied.order, emptied.extension_requests) == (None, ())
    assert actions == ["record detention order", "record detention order", "record extension requests",
                       "remove detention order", "record extension requests"]


def test_an_old_file_migrates_with_no_order_and_no_requests(tmp_path: Path) -> None:
    path = tmp_path / "old.tcase"
    shutil.copy(FIXTURES / "case-v1.tcase", path)
    with CaseFile.open(path) as casefile:
        case = casefile.load()
    assert (case.order, case.extension_requests, case.shipment.date_deemed_excluded) == (None, (), None)


def test_a_damaged_order_row_is_refused_with_the_reason(tmp_path: Path) -> None:
    spec = parse_description(GOOD, "case.toml")
    path = tmp_path / "case.tcase"
    write_new_case(path, Case(spec.shipment, order=spec.order), {}, source="test")
    with CaseFile.open(path) as casefile:
        casefile._conn.execute("UPDATE detention_order SET indicators = '[\"cruelty\"]'")  # another tool wrote it
        with pytest.raises(CaseFileError, match="an indicator of the order is 'cruelty'"):
            casefile.load()
