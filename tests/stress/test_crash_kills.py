"""SIGKILL during intake and bundle export leaves a case and a target a user can trust.

The short version of ``bench/crash_harness.py`` (50 kills of each job, run by hand), which
holds the jobs, the kills and every check; it is loaded here by its path, so the tests need
neither ``bench/`` on ``sys.path`` nor the harness inside the package. 5 kills of
``importer-app add`` (a folder of 40 PDFs and 6 images) and 5 of ``importer-app bundle``
(signed and unsigned, alternately), at moments drawn from a seed: it is printed, and
``IMPORTER_APP_CRASH_SEED=N`` replays the same moments (the job's own timing still varies).
Two more kills wait for a moment instead: while documents are being committed, and as soon as
a signed export's bundle appears at its target (it must already be signed: the volumes are
signed in their temporary files, before the rename).
"""

from __future__ import annotations

import importlib.util
import os
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the harness reads /proc and sends SIGKILL"),
]

HARNESS = Path(__file__).resolve().parents[2] / "bench" / "crash_harness.py"
KILLS = 5
SEED = int(os.environ.get("IMPORTER_APP_CRASH_SEED") or random.SystemRandom().randrange(2**32))

def _load_harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crash_harness", HARNESS)
    assert spec is not None and spec.loader is not None, HARNESS
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


crash = _load_harness()


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    print(f"\ncrash kills: seed {SEED} (replay with IMPORTER_APP_CRASH_SEED={SEED})")
    yield crash.prepare(tmp_path_factory.mktemp("crash"), pdfs=40, images=6)


def _verdict(result: Any) -> None:
    print(result.line())
    assert not result.failures, f"{result.line()}\n(seed {SEED}: rerun with IMPORTER_APP_CRASH_SEED={SEED})"


@pytest.mark.parametrize("number", range(1, KILLS + 1))
def test_intake_killed(harness: Any, number: int) -> None:
    delay = crash.delay_for(SEED, "intake", number, harness.intake_s, strata=KILLS)
    # The last kill also adds the folder again: the case must end as if never interrupted.
    _verdict(crash.kill_intake(harness, number, delay, resume=number == KILLS))


def test_intake_killed_while_storing(harness: Any) -> None:
    """Not random: the kill lands once documents are being committed (the -wal passed 512 KB)."""
    result = crash.kill_intake(harness, 90, None, wal_bytes=512 * 1024)
    assert result.phase == "part-way", f"the kill did not land while files were being stored: {result.line()}"
    _verdict(result)


@pytest.mark.parametrize("number", range(1, KILLS + 1))
def test_bundle_export_killed(harness: Any, number: int) -> None:
    signed = number % 2 == 1
    budget = harness.bundle_s["signed" if signed else "unsigned"]
    delay = crash.delay_for(SEED, "bundle", number, budget, strata=KILLS)
    _verdict(crash.kill_bundle(harness, number, delay, signed=signed))


def test_signed_export_killed_once_the_target_exists(harness: Any) -> None:
    """Not random: the kill lands the moment the target appears (the job may be verifying)."""
    _verdict(crash.kill_bundle(harness, 90, None, signed=True, until="target"))
