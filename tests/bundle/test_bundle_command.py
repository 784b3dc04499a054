"""`importer-app bundle` end to end: build the demo's bundle, sign it, and verify it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from importer_app.store.casefile import CaseFile


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "importer_app", *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.tcase"
    assert _run("demo", str(path)).returncode == 0
    return path


def test_a_signed_bundle_is_built_verified_and_logged(demo: Path, tmp_path: Path) -> None:
    case = tmp_path / "case.tcase"
    shutil.copy(demo, case)
    password = tmp_path / "pw.txt"
    password.write_text("a long passphrase\n", encoding="utf-8")
    keygen = _run("keygen", "-o", str(tmp_path / "id.p12"), "--name", "Dana R. Whitfield", "--org", "Harborline Apparel Inc.",
                  "--password-file", str(password))
    assert keygen.returncode == 0, keygen.stderr
    out = tmp_path / "out" / "bundle.pdf"
    out.parent.mkdir()
    result = _run("bundle", str(case), "-o", str(out), "--date", "2026-11-28", "--sign", str(tmp_path / "id.p12"),
                  "--password-file", str(password), "--location", "Long Beach, CA")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 missing items" in result.stdout and "Verified bundle.pdf: Intact" in result.stdout
    assert len(pypdf.PdfReader(out).pages) > 56
    assert _run("verify", str(out)).returncode == 0
    with CaseFile.open(case, readonly=True) as casefile:
        log = casefile.audit_log()
    assert [entry.action for entry in log][-2:] == ["export bundle", "sign bundle"]
    assert log[-1].details["fingerprint"] in keygen.stdout
    assert "a long passphrase" not in str(log)


def test_a_wrong_password_writes_nothing(demo: Path, tmp_path: Path) -> None:
    password = tmp_path / "pw.txt"
    password.write_text("right\n", encoding="utf-8")
    assert _run("keygen", "-o", str(tmp_path / "id.p12"), "--name", "A", "--org", "B", "--password-file", str(password)).returncode == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("wrong\n", encoding="utf-8")
    out = tmp_path / "bundle.pdf"
    result = _run("bundle", str(demo), "-o", str(out), "--sign", str(tmp_path / "id.p12"), "--password-file", str(wrong))
    assert result.returncode == 2 and "password" in result.stderr.lower()
    assert not out.exists()


def test_a_size_limit_splits_the_bundle_into_volumes(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle.pdf"
    result = _run("bundle", str(demo), "-o", str(out), "--max-volume-mb", "2", "--date", "2026-11-28")
    assert result.returncode == 0, result.stderr
    volumes = sorted(tmp_path.glob("bundle-vol*.pdf"))
    assert len(volumes) >= 2 and not out.exists()
