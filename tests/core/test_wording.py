"""The importer's own words that the bundle prints as typed are searched, before export, for
what would read wrong to CBP: the app's words, its internal codes, file paths, dates not written
the bundle's way. Each hit says which text, where, and what to change; the words are not changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from importer_app.core import wording
from importer_app.core.errors import AppError
from importer_app.core.model import Case, GapExplanation, GapRequest, NotApplicable, ScreeningDecision
from importer_app.core.wording import internal_ids, wording_notes, wording_rules

if TYPE_CHECKING:
    from case_kit import CaseKit

WHEN = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def _explained(kit: CaseKit, explanation: str, *, to: str = "The spinner", reply: str = "") -> Case:
    gap = GapExplanation("SCT-06", "link:farm-spinner", explanation, None,
                         (GapRequest(to, dt.date(2026, 10, 1), None, dt.date(2026, 10, 5), reply),))
    return dataclasses.replace(kit.complete("wro"), gap_explanations=(gap,))


@pytest.mark.parametrize(
    ("text", "found", "kind"),
    [
        ("The payment is shown under SCT-04 and IND-03.", "SCT-04", "code"),
        ("See the sector SEC-COT evidence.", "SEC-COT", "code"),
        ("As 19 CFR 12.43 [S02] requires.", "[S02", "code"),
        ("Entity gin: sold the lint.", "Entity gin:", "code"),
        ("The advice is at /home/ann/cases/advice.pdf now.", "/home/", "path"),
        ("Saved as C:\\Users\\ann\\advice.", "C:\\", "path"),
        ("The bank sent payment-advice.pdf by mail.", "payment-advice.pdf", "path"),
        ("It is attached on the Documents page.", "Documents page", "user"),
        ("We tied it to the link in the app.", "tied", "user"),
        ("The record is in the case file.", "the case file", "user"),
        ("Kept in the case since June.", "Kept in the case", "user"),
        ("Requested 3 days ago.", "days ago", "user"),
        ("Requested on 25 Nov 2026.", "25 Nov 2026", "date"),
        ("Requested on 2026-11-25.", "2026-11-25", "date"),
        ("Requested on 11/25/26.", "11/25/26", "date"),
        ("Requested on 25.11.2026.", "25.11.2026", "date"),
        ("Requested on Nov. 25, 2026.", "Nov. 25, 2026", "date"),
        ("Each invoice(s) is attached.", "(s)", "style"),
    ],
)  # fmt: skip
def test_a_gap_explanation_is_flagged_with_the_words_and_what_to_change(
        kit: CaseKit, text: str, found: str, kind: str) -> None:
    (note, *_) = notes = wording_notes(_explained(kit, text))
    assert (note.field, note.requirement, note.scope) == ("Your explanation of a missing item", "SCT-06",
                                                          "link:farm-spinner")
    assert found in [n.found for n in notes]
    rule = next(r for r in wording_rules() if r.problem == next(n.problem for n in notes if n.found == found))
    assert rule.kind == kind and rule.advice


def test_words_written_for_cbp_raise_no_note(kit: CaseKit) -> None:
    case = _explained(kit, "On November 25, 2026 the spinner's bank was asked for the advice under 19 CFR 12.43(a);"
                      " see https://www.cbp.gov/trade for the guidance.", reply="it will follow by December 1, 2026")
    assert wording_notes(case) == ()


def test_requests_replies_set_aside_reasons_and_list_decisions_are_searched_too(kit: CaseKit) -> None:
    case = _explained(kit, "Not kept by the spinner.", to="spinner, see farm-spinner", reply="sent 2026-10-05")
    case = dataclasses.replace(
        case,
        not_applicable=(NotApplicable("SCT-15", "entity:garment", "Leased, as the Review page shows."),),
        screening_decisions=(ScreeningDecision("k", "garment", "dismissed", "Other address, 01/02/2025.", WHEN),),
    )
    notes = {(n.field, n.scope, n.found) for n in wording_notes(case)}
    assert notes == {
        ("Whom you asked for a missing item", "link:farm-spinner", "farm-spinner"),
        ("The reply you recorded for a missing item", "link:farm-spinner", "2026-10-05"),
        ("Your reason for setting an item aside", "entity:garment", "Review page"),
        ("Your reason for a list match decision", "entity:garment", "01/02/2025"),
    }


def test_ids_that_read_as_words_are_not_internal(kit: CaseKit) -> None:
    case = dataclasses.replace(kit.complete("wro"), inquiries=(kit.inquiry(),))
    assert {"farm-spinner", "spinner-garment", "garment-acme", "cf28-1"} <= internal_ids(case)
    assert not {"farm", "spinner", "garment", "acme"} & internal_ids(case)


def test_a_damaged_list_of_words_is_a_sentence_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "wording").mkdir()
    monkeypatch.setattr(wording, "forms_dir", lambda: tmp_path)
    wording_rules.cache_clear()
    try:
        with pytest.raises(AppError, match="cannot be read .*reinstall importer_app"):
            wording_rules()
        (tmp_path / "wording" / "not_for_cbp.toml").write_text(
            "[[rule]]\npattern = 'x'\nkind = 'odd'\nproblem = 'p'\nadvice = 'a'\n", encoding="utf-8")
        with pytest.raises(AppError, match="unknown kind 'odd'"):
            wording_rules()
    finally:
        wording_rules.cache_clear()
