"""Whether Qt can open a window here, said in one line instead of Qt's abort.

Qt ends the process (SIGABRT, a core dump) when its platform plugin cannot load: with no
display to connect to, or, for X11 on Linux, when a system library of the xcb plugin is
missing. Both are checked before the application object is made.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterable, Mapping

from appealdesk.i18n import _

# What Qt's xcb plugin loads, by the Debian/Ubuntu package that has it.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def missing_libraries(names: Iterable[str]) -> list[str]:
    missing = []
    for name in names:
        try:
            ctypes.CDLL(name)
        except OSError:
            missing.append(name)
    return missing


def display_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why no window can open here (one sentence for the user), or None."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform and platform not in ("xcb", "wayland"):
        return None  # offscreen, vnc, eglfs…: the user chose, Qt says what it needs
    x11, wayland = env.get("DISPLAY"), env.get("WAYLAND_DISPLAY")
    if not x11 and not wayland:
        return _(
            "There is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY "
            "is set). Start AppealDesk in a desktop session; its commands (appealdesk "
            "--help) work without one."
        )
    if platform == "wayland" or (wayland and not platform):
        return None
    missing = missing_libraries(XCB_LIBRARIES)
    if missing:
        packages = " ".join(XCB_LIBRARIES[name] for name in missing)
        return _(
            "Qt cannot open a window: the system libraries {libraries} are missing. On Debian "
            "or Ubuntu: sudo apt-get install {packages}"
        ).format(libraries=", ".join(missing), packages=packages)
    if x11 and not x_display_answers(x11):
        return _(
            "The display {display} does not answer; is the desktop session still running?"
        ).format(display=x11)
    return None


def x_display_answers(display: str) -> bool:
    """Whether an X server answers at ``display`` (as Qt's xcb plugin will ask)."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True  # then Qt's own message has to do
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return int(xcb.xcb_connection_has_error(connection)) == 0
    finally:
        xcb.xcb_disconnect(connection)
