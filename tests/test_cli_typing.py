"""The command line as people type it: misspellings, names that exist, protected files, and the
two ways to start it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from builders import encrypt, make_pdf

from importer_app.cli.main import main


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        status = main(list(args))
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize(("args", "usage", "hint"), [
    (("chek", "x.tcase"), "usage: importer-app [", "did you mean 'check'?"),
    (("check", "x.tcase", "--jsn"), "usage: importer-app check ", "did you mean --json instead of --jsn?"),
    (("demo", "x.tcase", "--regime", "wr"), "usage: importer-app demo ", "did you mean 'wro'?"),
    (("bundle", "x.tcase", "-o", "b.pdf", "--papr", "a4"), "usage: importer-app bundle ",
     "did you mean --paper instead of --papr?"),
    (("lists", "import", "f.csv", "--kase", "x"), "usage: importer-app lists import ",
     "did you mean --case instead of --kase?"),
])
def test_a_misspelling_gets_did_you_mean_in_the_commands_own_usage(
        capsys: pytest.CaptureFixture[str], args: tuple[str, ...], usage: str, hint: str) -> None:
    status, _, err = _main(capsys, *args)
    assert status == 2
    assert err.startswith(usage) and hint in err


def test_a_word_far_from_every_option_gets_no_guess(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _main(capsys, "check", "x.tcase", "--zzzzzz")
    assert status == 2 and "unrecognized arguments: --zzzzzz" in err and "did you mean" not in err


@pytest.mark.parametrize("command", ["demo", "import"])
def test_an_existing_case_is_not_replaced_and_the_message_names_force(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str) -> None:
    target = tmp_path / "case.tcase"
    target.write_bytes(b"precious")
    args = ["demo", str(target)] if command == "demo" else ["import", str(tmp_path / "spec.toml"), str(target)]
    status, _, err = _main(capsys, *args)
    assert status == 2 and "already exists" in err and "--force" in err
    assert target.read_bytes() == b"precious"


def test_a_protected_pdf_refused_by_add_names_the_password_option(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    case = tmp_path / "case.tcase"
    assert _main(capsys, "demo", str(case))[0] == 0
    protected = tmp_path / "bank statement.pdf"
    protected.write_bytes(encrypt(make_pdf(), user="secret"))
    status, out, _ = _main(capsys, "add", str(case), str(protected))
    assert status == 1
    assert "--password 'bank statement.pdf=PASSWORD'" in out
    status, out, _ = _main(capsys, "add", str(case), str(protected), "--password", "bank statement.pdf=secret")
    assert status == 0, out


def test_lists_show_all_with_nothing_imported_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _main(capsys, "lists", "show", "--all")
    assert status == 0 and "No version of either list has been imported on this computer yet." in out


def test_python_dash_m_importer_app_is_the_command_line() -> None:
    result = subprocess.run([sys.executable, "-m", "importer_app", "--version"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("importer-app ")
