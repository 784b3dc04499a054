"""The command line: the demo, import and describe, with the exit codes scripts rely on."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from importer_app.cli.main import main
from importer_app.store.casefile import CaseFile


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "importer_app", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def demo_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.tcase"
    result = _run("demo", str(path))
    assert result.returncode == 0, result.stderr
    assert "Wrote the demo case" in result.stdout
    return path


def test_the_demo_is_a_realistic_case(demo_case: Path) -> None:
    with CaseFile.open(demo_case, readonly=True) as casefile:
        case = casefile.load()
        tiers = {e.tier for e in case.entities if e.tier is not None}
        assert len(case.entities) >= 6 and len(case.links) >= 5 and len(case.documents) >= 25
        assert len(tiers) >= 5
        assert any(d.language == "vi" for d in case.documents)
        assert any(d.translation_of for d in case.documents)
        for document in case.documents:
            reader = pypdf.PdfReader(io.BytesIO(casefile.read_blob(document.sha256)))
            assert len(reader.pages) == document.page_count >= 1


def test_the_wro_demo_names_the_order_and_class_of_labor(tmp_path: Path) -> None:
    assert main(["demo", str(tmp_path / "wro.tcase"), "--regime", "wro"]) == 0
    with CaseFile.open(tmp_path / "wro.tcase", readonly=True) as casefile:
        shipment = casefile.load().shipment
    assert shipment.regime == "wro" and shipment.order_reference and shipment.class_of_labor == "forced"


def test_describe_then_import_gives_the_same_case(demo_case: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "exported"
    assert main(["describe", str(demo_case), "-o", str(folder / "case.toml"), "--export-documents", str(folder)]) == 0
    assert "the 2 list versions kept in demo.tcase and its 1 decision" in capsys.readouterr().err
    copy = tmp_path / "copy.tcase"
    assert main(["import", str(folder / "case.toml"), str(copy)]) == 0
    with CaseFile.open(demo_case, readonly=True) as original, CaseFile.open(copy, readonly=True) as again:
        # The description carries no list screening: the copy keeps no list and no decision.
        assert again.load() == dataclasses.replace(original.load(), screening_decisions=())
        assert original.screening_lists() and not again.screening_lists()


def test_describe_prints_to_the_terminal(demo_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["describe", str(demo_case)]) == 0
    out = capsys.readouterr().out
    assert out.startswith('format = "importer-app-case/1"\n\n[shipment]\n')


def test_bad_input_exits_2_with_one_sentence_and_no_partial_file(tmp_path: Path) -> None:
    spec = tmp_path / "case.toml"
    spec.write_text('format = "importer-app-case/1"\n[shipment]\nregime = "wro"\n', encoding="utf-8")
    result = _run("import", str(spec), str(tmp_path / "out.tcase"))
    assert result.returncode == 2
    assert "case.toml, line 2, shipment: the required key 'entry_number' is missing" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.toml"]


def test_a_file_that_is_not_a_case_exits_2(tmp_path: Path) -> None:
    bogus = tmp_path / "x.tcase"
    bogus.write_text("nope")
    result = _run("describe", str(bogus))
    assert result.returncode == 2 and "is not an importer_app case file" in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = _run("--debug", "describe", str(tmp_path / "missing.tcase"))
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_every_command_has_help() -> None:
    for command in ("demo", "import", "describe"):
        result = _run(command, "--help")
        assert result.returncode == 0 and "usage: importer-app" in result.stdout
    assert _run("--version").stdout.startswith("importer-app ")


def test_check_reports_the_demo_gaps_and_exits_1(demo_case: Path) -> None:
    result = _run("check", str(demo_case), "--json", "--today", "2026-11-28")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["format"] == "importer-app-check/1" and report["complete"] is False
    blocking = sorted((f["requirement"], f["scope"]) for f in report["findings"] if f["severity"] == "missing")
    assert blocking == [("SCT-06", "link:gin-spinner"), ("SCT-09", "link:spinner-knitter"), ("SCT-16", "entity:knitter")]
    assert report["counts"]["missing"] == 3
    assert all(f["citation"] for f in report["findings"])


def test_check_in_words_names_what_is_missing(demo_case: Path) -> None:
    result = _run("check", str(demo_case))
    assert result.returncode == 1
    assert "Proof of payment" in result.stdout and "DEADLINES" in result.stdout


def test_check_exits_0_once_every_gap_is_filled_or_explained(demo_case: Path, tmp_path: Path) -> None:
    folder = tmp_path / "fixed"
    assert main(["describe", str(demo_case), "-o", str(folder / "case.toml"), "--export-documents", str(folder)]) == 0
    text = (folder / "case.toml").read_text(encoding="utf-8")
    # The knitting mill received enough yarn for the fabric it shipped; the two missing records are explained.
    text = text.replace("quantity = 3015\n", "quantity = 3320\n")
    text += (
        '\n[[not_applicable]]\nrequirement = "SCT-06"\nscope = "link:gin-spinner"\n'
        'reason = "Paid by letter of credit; the bank confirmation follows"\n'
        '\n[[not_applicable]]\nrequirement = "SCT-09"\nscope = "link:spinner-knitter"\n'
        'reason = "Collected by the buyer\'s own truck; gate log attached to the receipt"\n'
    )
    (folder / "case.toml").write_text(text, encoding="utf-8")
    fixed = tmp_path / "fixed.tcase"
    assert main(["import", str(folder / "case.toml"), str(fixed)]) == 0
    result = _run("check", str(fixed), "--json", "--today", "2026-11-28")
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["complete"] is True


def test_check_of_a_bad_file_exits_2(tmp_path: Path) -> None:
    bogus = tmp_path / "x.tcase"
    bogus.write_bytes(b"")
    result = _run("check", str(bogus))
    assert result.returncode == 2 and "not an importer_app case file" in result.stderr


def test_request_letters_ask_each_supplier_for_what_is_missing(demo_case: Path, tmp_path: Path) -> None:
    result = _run("request-letters", str(demo_case), "-o", str(tmp_path / "letters"), "--today", "2026-11-28")
    assert result.returncode == 0, result.stderr
    letters = sorted(p.name for p in (tmp_path / "letters").iterdir())
    assert letters == ["request-gin.pdf", "request-knitter.pdf", "request-spinner.pdf"]
    pages = pypdf.PdfReader(tmp_path / "letters" / "request-gin.pdf").pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Mesquite Draw Cooperative Gin" in text and "Proof of payment" in text
    assert "Why CBP asks" in text
    assert "December" in text
    only = _run("request-letters", str(demo_case), "-o", str(tmp_path / "one"), "--entity", "garment")
    assert only.returncode == 0 and "no letter written" in only.stdout


def test_the_signer_given_to_bundle_is_printed_on_the_cover_letter_and_kept(demo_case: Path, tmp_path: Path) -> None:
    case = tmp_path / "case.tcase"
    case.write_bytes(demo_case.read_bytes())
    out = tmp_path / "bundle.pdf"
    result = _run("bundle", str(case), "-o", str(out), "--signer-name", "Dana Whitfield",
                  "--signer-title", "Compliance Manager")
    assert result.returncode == 0, result.stderr
    assert "contact block has no --signer-phone, --signer-email, --importer-number:" in result.stdout
    first_page = pypdf.PdfReader(out).pages[1].extract_text() + pypdf.PdfReader(out).pages[0].extract_text()
    assert "Dana Whitfield" in first_page and "Compliance Manager" in first_page
    assert "Telephone" not in first_page
    with CaseFile.open(case, readonly=True) as casefile:
        assert casefile.setting("signer.name") == "Dana Whitfield"
        assert [e.object for e in casefile.audit_log() if e.action == "change setting"] == [
            "setting:signer.name", "setting:signer.title"]
    result = _run("bundle", str(case), "-o", str(out), "--signer-phone", "+1 562 555 0143",
                  "--signer-email", "dwhitfield@harborline.example", "--importer-number", "95-1234567")
    assert result.returncode == 0, result.stderr
    assert "contact block" not in result.stdout
    reader = pypdf.PdfReader(out)
    letter = " ".join(reader.pages[i].extract_text() for i in (0, 1)).replace("\n", " ")
    for given in ("Dana Whitfield", "+1 562 555 0143", "dwhitfield@harborline.example", "95-1234567"):
        assert given in letter


def test_explain_claims_prints_each_claim_with_its_evidence(demo_case: Path) -> None:
    result = _run("bundle", str(demo_case), "--explain-claims", "--date", "2026-12-10")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "traced_outside_xuar: true  (in cover_letter.origin)" in lines
    assert "quantities_reconcile: false  (in cover_letter.quantities, executive_summary.quantities," \
           " consignee_statement.quantities)" in lines
    assert "  all_inquiries_answered: false. No request for information from CBP is recorded." in lines
    missing = _run("bundle", str(demo_case))
    assert missing.returncode == 2 and "-o OUT.pdf" in missing.stderr


def test_check_names_the_list_versions_the_case_was_screened_against(demo_case: Path) -> None:
    result = _run("check", str(demo_case))
    assert result.returncode == 1  # the demo's deliberate gaps
    screening = result.stdout[result.stdout.index("SCREENING"):]
    assert "demo-uflpa-entity-list.html" in screening and "demo-wro-findings.csv" in screening
    assert f"importer-app screen {demo_case}" in screening.replace("\n  ", " ")


def test_check_tells_how_to_import_a_list_when_the_case_was_never_screened(
    demo_case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["describe", str(demo_case), "-o", str(tmp_path / "case.toml"), "--export-documents", str(tmp_path)]) == 0
    unscreened = tmp_path / "unscreened.tcase"
    assert main(["import", str(tmp_path / "case.toml"), str(unscreened)]) == 0
    capsys.readouterr()
    assert main(["check", str(unscreened)]) == 1
    screening = capsys.readouterr().out.split("SCREENING\n")[1].replace("\n  ", " ")
    assert "No screening list was imported" in screening
    assert f"importer-app lists import FILE --case {unscreened}" in screening


def test_output_cut_short_by_its_reader_is_not_called_a_bug(demo_case: Path) -> None:
    # As `importer-app check CASE | head -1` does once it has its line: the reader goes away
    # (here before the check, which takes far longer than closing, writes anything).
    process = subprocess.Popen([sys.executable, "-m", "importer_app", "check", str(demo_case)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    with process.stderr:
        assert process.wait(timeout=120) == 141
        assert process.stderr.read() == b""


def _with_set_aside_reason(demo_case: Path, tmp_path: Path, reason: str) -> Path:
    folder = tmp_path / "words"
    assert main(["describe", str(demo_case), "-o", str(folder / "case.toml"), "--export-documents", str(folder)]) == 0
    text = (folder / "case.toml").read_text(encoding="utf-8")
    text += f'\n[[not_applicable]]\nrequirement = "SCT-15"\nscope = "entity:knitter"\nreason = "{reason}"\n'
    (folder / "case.toml").write_text(text, encoding="utf-8")
    case = tmp_path / "words.tcase"
    assert main(["import", str(folder / "case.toml"), str(case)]) == 0
    return case


def test_check_flags_the_importers_words_that_would_read_wrong_to_cbp(demo_case: Path, tmp_path: Path) -> None:
    case = _with_set_aside_reason(demo_case, tmp_path, "Leased machines since 2026-10-05, see the Documents page")
    result = _run("check", str(case), "--today", "2026-11-28")
    said = " ".join(result.stdout.split())
    assert "BEFORE YOU EXPORT" in said
    assert "Your reason for setting an item aside (" in said
    assert "\u201c2026-10-05\u201d writes a date in the ISO style. Write it as the bundle does" in said
    assert "\u201cDocuments page\u201d names a page of this app." in said
    data = json.loads(_run("check", str(case), "--json", "--today", "2026-11-28").stdout)
    wording = data["before_export"]["wording"]
    assert {(w["text"], w["requirement"], w["scope"], w["found"]) for w in wording} == {
        ("Your reason for setting an item aside", "SCT-15", "entity:knitter", "2026-10-05"),
        ("Your reason for setting an item aside", "SCT-15", "entity:knitter", "Documents page"),
    }
    assert all(w["problem"] and w["advice"] for w in wording)


def test_check_names_the_sources_printed_without_their_address_and_where_texts_were_read(demo_case: Path) -> None:
    result = _run("check", str(demo_case), "--today", "2026-11-28")
    said = " ".join(result.stdout.split())
    assert "BEFORE YOU EXPORT" not in said  # the demo's own words are written for CBP
    assert ("19 CFR 12.43: the address https://www.ecfr.gov/current/title-19/section-12.43 could not be confirmed,"
            " so the page of sources prints \u201c19 C.F.R. \u00a7 12.43 (current edition)\u201d in its place.") in said
    assert "[S05] 19 CFR 151.16, detention of merchandise: text read in the 2015 annual edition" in said
    data = json.loads(_run("check", str(demo_case), "--json", "--today", "2026-11-28").stdout)
    assert {"cite": "19 CFR 12.43", "url": "https://www.ecfr.gov/current/title-19/section-12.43",
            "printed_instead": "19 C.F.R. \u00a7 12.43 (current edition)"} in data["before_export"]["unconfirmed_sources"]
    assert data["before_export"]["wording"] == []


def test_bundle_warns_of_the_importers_words_before_building(demo_case: Path, tmp_path: Path) -> None:
    case = _with_set_aside_reason(demo_case, tmp_path, "Leased machines, see SCT-15 [S02]")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["bundle", str(case), "-o", str(tmp_path / "b.pdf"), "--date", "2026-11-28"])
    said = " ".join(out.getvalue().split())
    assert "2 places in your own words would read wrong to CBP" in said
    assert "\u201cSCT-15\u201d contains one of the app's internal codes." in said
    assert "\u201c[S02\u201d contains a source tag of the app's catalog." in said
    # A warning, not a block: the bundle is built, with the words as typed.
    assert code == 0 and (tmp_path / "b.pdf").exists()
    assert said.index("would read wrong") < said.index("Wrote ")
