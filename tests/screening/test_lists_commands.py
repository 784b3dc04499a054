"""`importer-app lists import` and `lists show`: what the user sees about the official lists."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from screening_files import uflpa_page, uflpa_table, wro_csv, wro_row


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "IMPORTER_APP_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "importer_app.cli", *args], capture_output=True, text=True,
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
