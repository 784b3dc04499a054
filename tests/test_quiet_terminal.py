"""What a user's terminal shows: our sentences only, never a library's warning.

Each command runs as a user runs it: a fresh process with Python's default warning filters (the
suite's own filters, which turn warnings into errors, do not reach it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from importer_app.third_party_warnings import QUIET, silence_third_party_warnings


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}
    return subprocess.run([sys.executable, "-m", "importer_app", *args], capture_output=True, text=True,
                          timeout=300, env=env)


@pytest.fixture(scope="module")
def signing_setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A small case, an identity and its password file."""
    sys.path.insert(0, str(Path(__file__).parent / "bundle"))
    from assembly_support import Doc, small_case, text_pdf

    folder = tmp_path_factory.mktemp("quiet")
    case = small_case(folder / "case.tcase", [Doc("invoice.pdf", text_pdf("Commercial invoice"), links=("mill-importer",))])
    password = folder / "pw.txt"
    password.write_text("a long passphrase\n", encoding="utf-8")
    return case, folder / "id.p12", password


def test_keygen_bundle_and_verify_print_nothing_on_stderr(signing_setup: tuple[Path, Path, Path], tmp_path: Path) -> None:
    case, identity, password = signing_setup
    keygen = _run("keygen", "-o", str(identity), "--name", "Dana Whitfield", "--org", "Acme Apparel Inc.",
                  "--password-file", str(password))
    assert (keygen.returncode, keygen.stderr) == (0, "")
    out = tmp_path / "bundle.pdf"
    bundle = _run("bundle", str(case), "-o", str(out), "--date", "2026-11-28", "--allow-unexplained-gaps",
                  "--sign", str(identity),
                  "--password-file", str(password))
    assert (bundle.returncode, bundle.stderr) == (0, "")
    assert "Verified bundle.pdf: Intact" in bundle.stdout
    verify = _run("verify", str(out))
    assert (verify.returncode, verify.stderr) == (0, "")


def test_a_refusal_is_our_one_sentence_and_nothing_before_it(signing_setup: tuple[Path, Path, Path],
                                                             tmp_path: Path) -> None:
    case, identity, password = signing_setup
    if not identity.exists():
        assert _run("keygen", "-o", str(identity), "--name", "A", "--org", "B",
                    "--password-file", str(password)).returncode == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    result = _run("bundle", str(case), "-o", str(tmp_path / "b.pdf"), "--sign", str(identity),
                  "--password-file", str(wrong))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("importer-app: ") and "password" in lines[0].lower()


def test_each_silenced_warning_is_still_raised_by_its_library_and_only_silenced_there() -> None:
    """Proof that the filters are precise: the library's warning is ignored, the same text from
    our own module is not."""
    import warnings

    for quiet in QUIET:
        module_name, _, name = quiet.category.rpartition(".")
        category = getattr(__import__(module_name, fromlist=[name]), name)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            silence_third_party_warnings()
            warnings.warn_explicit(quiet.message, category, "x.py", 1, module="pyhanko.sign.signers.pdf_cms")
            warnings.warn_explicit(quiet.message, category, "x.py", 1, module="importer_app.bundle.signing")
        assert [str(w.message) for w in caught] == [quiet.message]
