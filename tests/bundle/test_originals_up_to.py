"""`bundle --attach-originals-up-to N`: larger originals stay out, listed with their hash as available on request."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from assembly_support import Doc, build_case, small_case, text_pdf
from pypdf import PdfReader
from test_volumes import _heavy_pdf

from importer_app.cli.main import main


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("originals-up-to")
    docs = [Doc("small.pdf", text_pdf("small"), links=("farm-mill",)),
            Doc("scan.pdf", _heavy_pdf(3), links=("farm-mill",))]
    return small_case(folder / "case.tcase", docs)


def test_an_original_over_the_size_is_not_attached_and_the_manifest_offers_it_on_request(
        case: Path, tmp_path: Path) -> None:
    result = build_case(case, tmp_path / "bundle.pdf", attach_originals_up_to_mb=0.05)
    scan = next(e for e in result.plan.exhibits if e.document.path.endswith("scan.pdf"))
    small = next(e for e in result.plan.exhibits if e.document.path.endswith("small.pdf"))
    assert scan.document.size > 50_000 > small.document.size
    attachments = dict(PdfReader(result.volumes[0].path).attachments)
    assert f"{small.id}-small.pdf" in attachments and not any("scan" in name for name in attachments)
    manifest = json.loads(attachments["manifest.json"][0])
    (withheld,) = manifest["withheld"]
    assert withheld["exhibit"] == scan.id and withheld["size"] == scan.document.size
    assert withheld["sha256"] == scan.document.sha256 == hashlib.sha256(_heavy_pdf(3)).hexdigest()
    assert withheld["reason"] == "not attached: larger than 50 kB; available on request"
    assert [item["exhibit"] for item in manifest["originals"]] == [small.id]
    text = subprocess.run(["pdftotext", str(result.volumes[0].path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "larger than 50 kB; available on request" in " ".join(text.split())
    assert any(f"original of exhibit {scan.id} is larger than 50 kB and not attached" in w for w in result.warnings)


def test_without_the_option_every_original_is_attached(case: Path, tmp_path: Path) -> None:
    result = build_case(case, tmp_path / "bundle.pdf")
    manifest = json.loads(dict(PdfReader(result.volumes[0].path).attachments)["manifest.json"][0])
    assert len(manifest["originals"]) == 2 and manifest["withheld"] == []


def test_the_size_counts_only_what_is_attached(case: Path, tmp_path: Path) -> None:
    whole = build_case(case, tmp_path / "whole.pdf").volumes[0].size
    lighter = build_case(case, tmp_path / "lighter.pdf", attach_originals_up_to_mb=0.05).volumes[0].size
    assert whole - lighter > 100_000


@pytest.mark.parametrize("options", [["--attach-originals-up-to", "0"], ["--attach-originals-up-to", "-1"],
                                     ["--attach-originals-up-to", "1", "--no-originals"]])
def test_a_size_that_cannot_be_used_is_bad_input(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 options: list[str]) -> None:
    out = tmp_path / "bundle.pdf"
    assert main(["bundle", str(case), "-o", str(out), "--allow-unexplained-gaps", *options]) == 2
    assert "--attach-originals-up-to must be more than 0 MB" in capsys.readouterr().err
    assert not out.exists()


def test_the_command_line_says_which_originals_stayed_out(case: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bundle", str(case), "-o", str(tmp_path / "bundle.pdf"), "--date", "2026-11-28",
                 "--allow-unexplained-gaps", "--attach-originals-up-to", "0.05"]) == 0
    assert "is larger than 50 kB and not attached" in capsys.readouterr().out
