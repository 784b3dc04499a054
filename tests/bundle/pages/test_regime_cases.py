"""The 2026 regimes end to end: a realistic CAATSA exception request and a request to modify a
WRO are checked (the exact findings), bound into a bundle that reads right to CBP (the cover
letter addressed as a portal submission, the request, the claims that hold), rendered with
pdftoppm, scanned for text meant for the app's user, and given their portal sheet."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from regime_cases import TODAY, caatsa_case, modification_case, write_case
from test_cbp_voice import _without_addresses

from importer_app.core.byte_sizes import size_text
from importer_app.core.catalog import load_catalog
from importer_app.core.wording import wording_rules

from importer_app.cli.main import main

pytestmark = pytest.mark.slow


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(list(args))
    return code, out.getvalue()


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (apt-get install poppler-utils)")
    return found


def _findings(case: Path) -> list[tuple[str, str, str | None, str]]:
    code, out = _run("check", str(case), "--json", "--today", TODAY.isoformat())
    assert code == 1
    return [(f["kind"], f["severity"], f["requirement"], f["scope"]) for f in json.loads(out)["findings"]]


def test_the_caatsa_case_misses_the_plants_recruitment_records_and_the_signed_statement(tmp_path: Path) -> None:
    case = write_case(tmp_path / "caatsa.tcase", caatsa_case())
    assert _findings(case) == [
        ("requirement", "missing", "CAA-01", "case"),
        ("requirement", "missing", "LAB-04", "entity:plant"),
        ("deadline", "info", "PKG-02", "case"),  # export stays open while no seizure is recorded
        ("deadline", "info", "DL-01", "case"),
        ("deadline", "info", "DL-02", "case"),
        ("deadline", "info", "DL-03", "case"),
    ]


def test_the_modification_request_misses_the_facility_map_and_a_translation(tmp_path: Path) -> None:
    """No detention clock binds a request to modify an order: no deadline at all."""
    case = write_case(tmp_path / "modification.tcase", modification_case())
    assert _findings(case) == [
        ("requirement", "missing", "MOD-02", "case"),
        ("translation", "missing", "PKG-05", "document:perak/gaji-ms.pdf"),
    ]


def _build(case: Path, out: Path, *extra: str) -> None:
    code, printed = _run("bundle", str(case), "-o", str(out), "--date", TODAY.isoformat(),
                         "--allow-unexplained-gaps", "--signer-name", "Jane Roe", "--signer-title",
                         "Compliance Manager", *extra)
    assert code == 0, printed


def _bundle(case: Path, out: Path, *extra: str) -> str:
    """Build the bundle as one file and return its text."""
    _build(case, out, *extra)
    text = subprocess.run([_tool("pdftotext"), str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub(r"\s+", " ", text)


# The whole front matter includes the index of exhibits, whose Date column gives each document's
# date in ISO form (a table, not prose): the date rules apply to the prose sections only
# (test_cbp_voice.py), the other rules to everything.
FORBIDDEN = [rule.pattern for rule in wording_rules() if rule.kind != "date"]


def _scan(text: str, case_ids: tuple[str, ...]) -> list[str]:
    hits = [m.group(0) for pattern in FORBIDDEN for m in re.finditer(pattern, text)]
    return hits + [i for i in case_ids if re.search(rf"(?<![\w/-]){re.escape(i)}(?![\w-])", text)]


def _front(text: str) -> str:
    """The generated pages before the first exhibit's stamp, without the page of sources' web addresses."""
    assert "Exhibit 1.1 - page 1 of 1" in text
    return _without_addresses(text.split("Exhibit 1.1 - page 1 of 1")[0], load_catalog())


@pytest.mark.parametrize(("build", "request_type", "opening", "claims"), [
    (caatsa_case, "Request CAATSA Exception Review",
     "we request a finding under 22 U.S.C. 9241a(b) that the merchandise described below, detained under the"
     " rebuttable presumption applicable to goods made with the labor of North Korean nationals or citizens, was"
     " not produced with convict labor, forced labor, or indentured labor under penal sanctions",
     ["The importer has answered the request for information from CBP, the last on October 15, 2026"]),
    (modification_case, "Request Modification",
     "we request that U.S. Customs and Border Protection modify or revoke the order WRO 2025-0117, Perak Glove Sdn."
     " Bhd. under which the merchandise described below was detained",
     []),
])
def test_the_bundle_of_each_new_regime_reads_right_to_cbp(
        tmp_path: Path, build: Callable[[], object], request_type: str, opening: str, claims: list[str]) -> None:
    built = build()
    case = write_case(tmp_path / "case.tcase", built)  # type: ignore[arg-type]
    text = _bundle(case, tmp_path / "bundle.pdf")
    front = _front(text)
    assert f'filed through CBP\'s Forced Labor Portal as a request of the type "{request_type}".' in front
    assert "U.S. Customs and Border Protection Submitted through the Forced Labor Portal" in front \
        or "U.S. Customs and Border Protection Forced Labor Division Submitted through the Forced Labor Portal" in front
    assert opening in front
    for claim in claims:
        assert claim in front
    assert "names 2 items not yet resolved" in front
    ids = tuple(e.id for e in built[0].entities) + tuple(link.id for link in built[0].links)  # type: ignore[index]
    assert _scan(front, tuple(i for i in ids if re.search(r"[-_\d]", i))) == []
    assert not re.search(r"\b(CAA|MOD)-\d\d\b", text)
    pages = subprocess.run([_tool("pdftoppm"), "-png", "-r", "40", "-f", "1", "-l", "2", str(tmp_path / "bundle.pdf"),
                            str(tmp_path / "page")], capture_output=True, check=True)
    assert pages.returncode == 0 and sorted(p.name for p in tmp_path.glob("page-*.png")) == ["page-01.png", "page-02.png"]


def test_the_letter_route_addresses_the_office(tmp_path: Path) -> None:
    """A CAATSA detention's letter goes to the port director; a modification request to the Forced
    Labor Division; and the route is kept with the case for the next bundle."""
    caatsa = write_case(tmp_path / "caatsa.tcase", caatsa_case())
    text = _front(_bundle(caatsa, tmp_path / "c.pdf", "--route", "letter"))
    assert "The Port Director U.S. Customs and Border Protection Port of Tacoma (3002)" in text
    assert "Forced Labor Portal" not in text
    again = _front(_bundle(caatsa, tmp_path / "c2.pdf"))
    assert "The Port Director" in again and "Forced Labor Portal" not in again
    modification = write_case(tmp_path / "mod.tcase", modification_case())
    text = _front(_bundle(modification, tmp_path / "m.pdf", "--route", "letter"))
    assert "Forced Labor Division Office of Trade U.S. Customs and Border Protection" in text


def test_the_portal_sheet_of_the_caatsa_case(tmp_path: Path) -> None:
    case = write_case(tmp_path / "caatsa.tcase", caatsa_case())
    _bundle(case, tmp_path / "bundle.pdf", "--importer-number", "91-2345678")
    code, out = _run("portal", str(case), "--bundle", str(tmp_path / "bundle.pdf"), "--json")
    assert code == 0
    sheet = json.loads(out)
    assert sheet["request_type"] == "Request CAATSA Exception Review" and sheet["route"] == "portal"
    assert [(f["label"], f["value"], f["length"], f["max_length"]) for f in sheet["fields"]] == [
        ("Entry number", "NSF44102735", 11, None),
        ("Detention number", "20263002000417", 14, None),
        ("Port code", "3002", 4, None),
        ("Importer of record", "Northbay Seafood Inc", 20, None),
        ("Importer number", "912345678", 9, None),
        ("Merchandise", "Frozen Alaska pollock fillets skinless boneless", 47, None),
        ("HTS number", "0304751000", 10, None),
        ("Country of origin", "CN", 2, None),
    ]
    size = (tmp_path / "bundle.pdf").stat().st_size
    assert sheet["uploads"] == [{"position": 1, "file": str(tmp_path / "bundle.pdf"), "size": size, "problems": []}]
    code, text = _run("portal", str(case), "--bundle", str(tmp_path / "bundle.pdf"))
    assert code == 0
    assert "Request type: Request CAATSA Exception Review" in text
    assert "Entry number        NSF44102735   [11 characters, limit not known]   (case: NSF-4410273-5)" in text
    assert f"  1. {tmp_path / 'bundle.pdf'}  ({size_text(size)})" in text
    assert "Note: The portal's upload limits were not found (looked 2026-12-06)" in text
    assert "at most 2 times, and not once the task is past due" in text


def test_the_portal_sheet_of_a_modification_request_names_the_order_not_the_entry(tmp_path: Path) -> None:
    case = write_case(tmp_path / "mod.tcase", modification_case())
    code, out = _run("portal", str(case), "--json")
    assert code == 0
    fields = {f["label"]: f["value"] for f in json.loads(out)["fields"]}
    assert fields == {"Importer of record": "Clearwater Medical Supply Inc",
                      "Withhold Release Order or Finding": "WRO 20250117 Perak Glove Sdn Bhd",
                      "Merchandise": "Nitrile examination gloves", "Country of origin": "MY"}
    code, text = _run("portal", str(case))
    assert "Request type: Request Modification" in text
    assert "the bundle's volumes (give --bundle OUT.pdf to list them with their sizes)" in text


def test_the_portal_sheet_lists_the_volumes_in_order(tmp_path: Path) -> None:
    """With a size limit the bundle is split; the sheet lists every volume, first to last."""
    case = write_case(tmp_path / "caatsa.tcase", caatsa_case())
    _build(case, tmp_path / "b.pdf", "--max-volume-mb", "0.15", "--no-originals")
    volumes = sorted(tmp_path.glob("b-vol*.pdf"), key=lambda p: int(p.stem.rsplit("vol", 1)[1]))
    assert len(volumes) >= 2 and not (tmp_path / "b.pdf").exists()
    code, out = _run("portal", str(case), "--bundle", str(tmp_path / "b.pdf"), "--json")
    assert code == 0
    assert [(u["position"], u["file"]) for u in json.loads(out)["uploads"]] == [
        (n, str(path)) for n, path in enumerate(volumes, start=1)]


def test_a_bundle_that_is_not_there_is_refused(tmp_path: Path) -> None:
    case = write_case(tmp_path / "caatsa.tcase", caatsa_case())
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code, _ = _run("portal", str(case), "--bundle", str(tmp_path / "missing.pdf"))
    assert code == 2
    assert "missing.pdf: neither it nor its first volume exists" in err.getvalue()


def test_on_the_portal_route_the_volumes_follow_the_portals_file_limit_once_known(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit is not known today (the bundle stays one file); a value in portal.toml splits it."""
    from importer_app.core import portal_rules

    case = write_case(tmp_path / "caatsa.tcase", caatsa_case())
    _build(case, tmp_path / "today.pdf", "--no-originals")
    assert (tmp_path / "today.pdf").exists() and not list(tmp_path.glob("today-vol*.pdf"))
    load = portal_rules.load_portal_rules

    def known(catalog: object, path: Path | None = None) -> portal_rules.PortalRules:
        rules = load(catalog, path)  # type: ignore[arg-type]
        return dataclasses.replace(rules, uploads=dataclasses.replace(rules.uploads, max_file_mb=0.15))

    monkeypatch.setattr(portal_rules, "load_portal_rules", known)
    _build(case, tmp_path / "portal.pdf", "--no-originals")
    volumes = list(tmp_path.glob("portal-vol*.pdf"))
    assert len(volumes) >= 2
    _build(case, tmp_path / "letter.pdf", "--no-originals", "--route", "letter")
    assert (tmp_path / "letter.pdf").exists() and not list(tmp_path.glob("letter-vol*.pdf"))
