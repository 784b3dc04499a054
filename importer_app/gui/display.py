"""Whether the window can start on this computer, asked before Qt is asked.

When Qt's platform plugin cannot start it aborts the whole process (exit 134) with a message
about plugins that names the wrong library. On Linux these checks find the usual causes first,
so the user reads one sentence saying what is missing and how to install it.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ctypes

NO_DISPLAY = ("no graphical display found; use the command line (importer-app --help), or set "
              "QT_QPA_PLATFORM=offscreen for tests")

# The Debian/Ubuntu packages that hold the libraries Qt's xcb platform loads (README, Start here).
XCB_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0", "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0", "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1", "libxcb.so.1": "libxcb1", "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3", "libglib-2.0.so.0": "libglib2.0-0",
}


def _xcb_plugin() -> Path | None:
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def _missing_library(plugin: Path) -> str | None:
    """The first shared library the xcb plugin needs and this system lacks, if any."""
    # ctypes only where X is asked: elsewhere (offscreen, Wayland, macOS, Windows) the window
    # starts without loading it.
    import ctypes

    try:
        ctypes.CDLL(str(plugin), mode=os.RTLD_LAZY)
    except OSError as error:
        found = re.search(r"(lib[\w.+-]+\.so[\w.]*): cannot open shared object file", str(error))
        return found.group(1) if found else str(error)
    return None


class _Probe:
    """A connection to the X server, kept until Qt has its own: an X server with no other
    client (Xvfb, a kiosk) resets when its last client leaves, and refuses connections while
    it does, so closing this one first would make Qt's connection fail."""

    def __init__(self) -> None:
        self._xcb: ctypes.CDLL | None = None
        self._connection: int | None = None

    def answers(self, display: str) -> bool:
        import ctypes

        # By its soname: ctypes.util.find_library would run ldconfig in a subprocess first.
        try:
            xcb = ctypes.CDLL("libxcb.so.1")
        except OSError:
            return True  # no libxcb to ask with; the plugin check has reported it already
        xcb.xcb_connect.restype = ctypes.c_void_p
        xcb.xcb_connect.argtypes = (ctypes.c_char_p, ctypes.c_void_p)
        xcb.xcb_connection_has_error.argtypes = (ctypes.c_void_p,)
        xcb.xcb_disconnect.argtypes = (ctypes.c_void_p,)
        connection = xcb.xcb_connect(display.encode(), None)
        if xcb.xcb_connection_has_error(connection) != 0:
            xcb.xcb_disconnect(connection)
            return False
        self._xcb, self._connection = xcb, connection
        return True

    def release(self) -> None:
        if self._xcb is not None and self._connection is not None:
            self._xcb.xcb_disconnect(self._connection)
        self._xcb = self._connection = None


_probe = _Probe()


def release_probe() -> None:
    """Close the check's own X connection; call it once Qt's application object exists."""
    _probe.release()


def display_problem() -> str | None:
    """A sentence saying why the window cannot start here, or None when it can (or when the
    platform is not one these checks know, e.g. offscreen, Wayland, macOS, Windows)."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None
    display = os.environ.get("DISPLAY", "")
    if not display:
        if not platform and os.environ.get("WAYLAND_DISPLAY"):
            return None
        return NO_DISPLAY
    plugin = _xcb_plugin()
    if plugin is not None:
        missing = _missing_library(plugin)
        if missing is not None:
            package = XCB_PACKAGES.get(missing)
            install = (f" (Debian/Ubuntu: sudo apt-get install {package})" if package else "")
            return (f"the window cannot start: the system library {missing} is missing{install}; README.md,"
                    " 'Start here', lists every library the window needs")
    if not _probe.answers(display):
        return (f"no graphical display answers at DISPLAY={display}; use the command line (importer-app --help),"
                " or start the window from a desktop session")
    return None
