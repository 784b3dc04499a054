"""`importer-app lists import` and `lists show`: what the user sees about the official lists."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from screening_files import uflpa_page, uflpa_table, wro_csv, wro_row


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "IMPORTER_APP_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "importer_app", *args], capture_output=True, text=True,
                          timeout=120, env=env)


def test_import_then_show_then_a_broken_file_keeps_the_list_in_force(tmp_path: Path) -> None:
    home = tmp_path / "home"
    csv_file = tmp_path / "withhold-release-orders-findings.csv"
    csv_file.write_bytes(wro_csv([wro_row("Hoshine Silicon Industry Co., Ltd."), wro_row("Ningxia Carpet Co.")]))
    result = _run("lists", "import", str(csv_file), home=home)
    assert result.returncode == 0, result.stderr
    assert "Imported" in result.stdout and "2 listed entities" in result.stdout
    shown = _run("lists", "show", home=home)
    assert "never imported" in shown.stdout  # the UFLPA list
    assert "2 entities from withhold-release-orders-findings.csv" in shown.stdout
    broken = tmp_path / "uflpa.html"
    broken.write_bytes(uflpa_page(uflpa_table("2(d)(2)(B)(i)", [("Xinjiang Example Co., Ltd.", "not a date")])))
    refused = _run("lists", "import", str(broken), home=home)
    assert refused.returncode == 2 and "uflpa.html" in refused.stderr
    again = _run("lists", "show", home=home)
    assert "2 entities from withhold-release-orders-findings.csv" in again.stdout


def test_screen_shows_each_entity_and_a_hit_blocks_until_dismissed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    case = tmp_path / "demo.tcase"
    assert _run("demo", str(case), home=home).returncode == 0
    listed = tmp_path / "wro.csv"
    listed.write_bytes(wro_csv([wro_row("Kestrel Delta Spinning Joint Stock Company", country="Vietnam")]))
    imported = _run("lists", "import", str(listed), "--case", str(case), home=home)
    assert imported.returncode == 0, imported.stderr
    assert "demo.tcase now keeps this version." in imported.stdout

    shown = _run("screen", str(case), home=home)
    assert shown.returncode == 1  # an undecided hit
    assert "Kestrel Delta Spinning JSC: OPEN - decide." in shown.stdout
    assert "Pettibone Creek Farms LLC: no candidate on either list." in shown.stdout
    key = next(line.split("HIT ", 1)[1] for line in shown.stdout.splitlines()
               if "HIT wro|" in line and line.endswith("|spinner"))
    checked = _run("check", str(case), "--json", home=home)
    assert '"kind": "screening"' in checked.stdout and '"scope": "entity:spinner"' in checked.stdout

    no_reason = _run("screen", str(case), "--dismiss", key, home=home)
    assert no_reason.returncode == 2 and "--dismiss needs --reason" in no_reason.stderr
    unknown = _run("screen", str(case), "--confirm", "wro|nobody|spinner", home=home)
    assert unknown.returncode == 2 and "is not a candidate hit" in unknown.stderr
    dismissed = _run("screen", str(case), "--dismiss", key, "--reason", "Other tax code; other province.", home=home)
    assert dismissed.returncode == 0, dismissed.stdout + dismissed.stderr
    assert "Kestrel Delta Spinning JSC: dismissed." in dismissed.stdout
    assert "reason: Other tax code; other province." in dismissed.stdout


def test_import_into_a_case_that_does_not_exist_is_refused_before_anything_is_stored(tmp_path: Path) -> None:
    home = tmp_path / "home"
    listed = tmp_path / "wro.csv"
    listed.write_bytes(wro_csv([wro_row("Ningxia Carpet Co.")]))
    refused = _run("lists", "import", str(listed), "--case", str(tmp_path / "missing.tcase"), home=home)
    assert refused.returncode == 2 and "there is no case file there" in refused.stderr
    assert not (home / "data" / "lists").exists() or not any((home / "data" / "lists").iterdir())


def test_a_case_open_elsewhere_is_reported_before_the_list_is_imported(tmp_path: Path) -> None:
    import datetime as dt

    from importer_app.core.model import Shipment
    from importer_app.store.casefile import CaseFile

    home = tmp_path / "home"
    case = tmp_path / "case.tcase"
    listed = tmp_path / "wro.csv"
    listed.write_bytes(wro_csv([wro_row("Ningxia Carpet Co.")]))
    shipment = Shipment("wro", "ABC-1234567-8", "Acme", "shirts", 1, "pcs", "VN", dt.date(2026, 10, 2))
    with CaseFile.create(case, shipment):  # held open, as the window holds it
        refused = _run("lists", "import", str(listed), "--case", str(case), home=home)
    assert refused.returncode == 2 and "already open in another window" in refused.stderr
    assert "Imported" not in refused.stdout
    assert not (home / "data" / "lists").exists() or not any((home / "data" / "lists").iterdir())
