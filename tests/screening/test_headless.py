"""Screening runs headless: it never loads Qt, and Chinese readings load only when needed."""

from __future__ import annotations

import subprocess
import sys


def test_screening_does_not_import_qt_or_pypinyin_until_a_chinese_name_is_screened() -> None:
    code = (
        "import sys\n"
        "from importer_app.core.model import Entity\n"
        "from importer_app.screening import screen\n"
        "screen([Entity('a', 'Hoshine Silicon', 'supplier', 'CN')], {})\n"
        "print(any(m.startswith('PySide6') for m in sys.modules), 'pypinyin' in sys.modules)\n"
        "screen([Entity('a', 'HS', 'supplier', 'CN', name_local='新疆合盛硅业有限公司')], {})\n"
        "print('pypinyin' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "True"]
