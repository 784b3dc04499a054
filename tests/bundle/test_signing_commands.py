"""`importer-app keygen` and `importer-app verify` as a consultant runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from signing_support import build_unsigned, sign

from importer_app.bundle.identity import load_identity


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "importer_app", *args], capture_output=True, text=True, timeout=120)


def test_keygen_writes_an_identity_that_opens_with_its_password(tmp_path: Path) -> None:
    password_file = tmp_path / "pw.txt"
    password_file.write_text("Harbor line 2026\n", encoding="utf-8")
    result = _run("keygen", "-o", str(tmp_path / "id.p12"), "--name", "Dana R. Whitfield", "--org", "Harborline Apparel Inc.",
                  "--cert-out", str(tmp_path / "id.pem"), "--password-file", str(password_file))
    assert result.returncode == 0, result.stderr
    identity = load_identity(tmp_path / "id.p12", b"Harbor line 2026")
    assert identity.name == "Dana R. Whitfield" and identity.organisation == "Harborline Apparel Inc."
    assert identity.fingerprint_sha256 in result.stdout
    assert (tmp_path / "id.pem").read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")
    assert "Harbor line 2026" not in result.stdout + result.stderr


def test_keygen_without_a_terminal_or_password_file_is_refused(tmp_path: Path) -> None:
    result = _run("keygen", "-o", str(tmp_path / "id.p12"), "--name", "A", "--org", "B")
    assert result.returncode == 2 and "--password-file" in result.stderr
    assert not (tmp_path / "id.p12").exists()


def test_verify_accepts_an_untouched_bundle_and_names_a_change(tmp_path: Path) -> None:
    unsigned = build_unsigned(tmp_path / "bundle.pdf")
    signed = sign(unsigned, tmp_path / "signed.pdf").path
    result = _run("verify", str(signed), "--json")
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["intact"] is True
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(Path(signed).read_bytes() + b"\n% appended\n")
    result = _run("verify", str(tampered))
    assert result.returncode == 1 and "appended after the end of the signed file" in result.stdout


def test_verify_of_a_file_that_is_not_a_pdf_exits_2(tmp_path: Path) -> None:
    bogus = tmp_path / "x.pdf"
    bogus.write_text("hello")
    result = _run("verify", str(bogus))
    assert result.returncode == 2 and "Traceback" not in result.stderr
