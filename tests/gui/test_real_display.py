"""The real ``importer-app`` entry point on a real X display (Xvfb, Qt's xcb platform, not
offscreen), and what it says where no window can start."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from importer_app.core.errors import CaseFileLockedError
from importer_app.gui import display
from importer_app.store.casefile import CaseFile

ENTRY_POINT = Path(sys.executable).with_name("importer-app")


def _env(**changes: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "PYTHONWARNINGS")}
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


@pytest.fixture
def x_display() -> Iterator[str]:
    """A fresh Xvfb server at 1280x800, as xvfb-run starts it."""
    if shutil.which("Xvfb") is None or shutil.which("xwininfo") is None:
        pytest.skip("Xvfb is not installed (Debian: apt-get install xvfb x11-utils)")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as number:
        name = f":{number.readline().strip()}"
    try:
        yield name
    finally:
        server.terminate()
        server.wait(timeout=10)


def _window_titles(name: str) -> str:
    tree = subprocess.run(["xwininfo", "-display", name, "-root", "-tree"], capture_output=True, text=True, timeout=30)
    return tree.stdout


def test_the_entry_point_shows_a_case_on_a_real_display_and_closes_cleanly(
        x_display: str, demo_case: Path, tmp_path: Path) -> None:
    app = subprocess.Popen([str(ENTRY_POINT), str(demo_case)], env=_env(DISPLAY=x_display, QT_QPA_PLATFORM="xcb"),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while "- importer_app" not in (titles := _window_titles(x_display)):
            assert app.poll() is None, app.communicate()
            assert time.monotonic() < deadline, titles
            time.sleep(0.2)
        assert "Harborline" in titles or "demo" in titles.lower()
        # While the window holds the case a second writer is told so, and the commands that
        # only read it work.
        with pytest.raises(CaseFileLockedError, match="already open"):
            CaseFile.open(demo_case).close()
        check = subprocess.run([str(ENTRY_POINT), "check", str(demo_case)], env=_env(), capture_output=True,
                               text=True, timeout=120)
        assert (check.returncode, check.stderr) == (1, "") and "MISSING" in check.stdout.upper()
        bundle = subprocess.run([str(ENTRY_POINT), "bundle", str(demo_case), "-o", str(tmp_path / "b.pdf")],
                                env=_env(), capture_output=True, text=True, timeout=300)
        assert (bundle.returncode, bundle.stderr) == (0, ""), bundle.stdout
        assert "not in the case's audit log" in bundle.stdout and (tmp_path / "b.pdf").is_file()
        app.send_signal(signal.SIGTERM)
        out, err = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 0, err
    assert err == ""
    CaseFile.open(demo_case).close()  # the lock was released


def test_with_no_display_the_window_says_so_in_one_sentence(tmp_path: Path) -> None:
    result = subprocess.run([str(ENTRY_POINT)], env=_env(DISPLAY=None, WAYLAND_DISPLAY=None), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr == f"importer-app: {display.NO_DISPLAY}\n"


@pytest.fixture
def unused_display() -> Iterator[int]:
    """A display number no X server uses (one may run on :97 for screenshots), reserved with the
    lock file an X server itself takes, so that no server started meanwhile (by a test on another
    worker, or anyone) can take it before the test is done with it."""
    for number in range(97, 200):
        lock = Path(f"/tmp/.X{number}-lock")
        if Path(f"/tmp/.X11-unix/X{number}").exists():
            continue
        try:
            descriptor = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
        except FileExistsError:
            continue
        with os.fdopen(descriptor, "w") as held:
            held.write(f"{os.getpid():>10}\n")  # the X servers' own format: they leave a live pid's lock alone
        try:
            yield number
        finally:
            lock.unlink(missing_ok=True)
        return
    pytest.skip("no free X display number between :97 and :199")


def test_a_display_that_does_not_answer_is_named(unused_display: int) -> None:
    number = unused_display
    result = subprocess.run([str(ENTRY_POINT)], env=_env(DISPLAY=f":{number}", QT_QPA_PLATFORM="xcb"),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.startswith(f"importer-app: no graphical display answers at DISPLAY=:{number}")


def test_a_missing_system_library_is_named_with_its_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(display, "_missing_library", lambda plugin: "libxcb-icccm.so.4")
    problem = display.display_problem()
    assert problem is not None and "libxcb-icccm.so.4" in problem and "apt-get install libxcb-icccm4" in problem


def test_the_readme_and_ci_install_every_package_the_xcb_platform_needs() -> None:
    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    start = readme.index("sudo apt-get install")
    readme_line = readme[start:readme.index("```", start)].split()
    ci = (root / ".ci" / "run").read_text(encoding="utf-8").split()
    assert sorted(p for p in display.XCB_PACKAGES.values() if p not in readme_line) == []
    assert sorted(p for p in display.XCB_PACKAGES.values() if p not in ci) == []
