"""Files written for the user: all or nothing, with the permissions any new file gets."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from importer_app.fileio import write_file_atomically


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_letter_gets_the_permissions_of_a_new_file_and_a_replaced_file_keeps_its_own(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        letter = tmp_path / "letters" / "request.pdf"
        write_file_atomically(letter, b"%PDF-1.7 letter")
        bundle = tmp_path / "bundle.pdf"
        with bundle.open("xb") as stream:  # how the bundle's build creates its file
            stream.write(b"%PDF-1.7 bundle")
        assert stat.S_IMODE(letter.stat().st_mode) == stat.S_IMODE(bundle.stat().st_mode) == 0o644
        letter.chmod(0o600)
        write_file_atomically(letter, b"%PDF-1.7 second")
        assert stat.S_IMODE(letter.stat().st_mode) == 0o600 and letter.read_bytes() == b"%PDF-1.7 second"
    finally:
        os.umask(old)
    assert [p.name for p in letter.parent.iterdir()] == ["request.pdf"]
