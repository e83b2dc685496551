"""Without a display, or without Qt's system libraries, the window says so in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from appealdesk.ui.base.display import display_problem, missing_libraries

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland")


def start_window(tmp_path: Path, **environ: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    return subprocess.run(
        [sys.executable, "-m", "appealdesk", "--db", str(tmp_path / "cases.db"), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**env, **environ},
    )


def assert_one_line(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    assert result.returncode == 1, result.stderr
    assert "Aborted" not in result.stderr and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("appealdesk: ")
    assert any(fragment in line for fragment in fragments), line
    return line


@pytest.mark.subprocess
def test_no_display_is_said_instead_of_a_core_dump(tmp_path: Path) -> None:
    line = assert_one_line(start_window(tmp_path), "no display")
    assert "DISPLAY" in line
    assert not (tmp_path / "cases.db").exists()  # nothing was made for a window that never came


@pytest.mark.subprocess
def test_a_display_nobody_answers_or_missing_libraries_are_named(tmp_path: Path) -> None:
    result = start_window(tmp_path, DISPLAY=":77")
    line = assert_one_line(result, "does not answer", "system libraries")
    if "system libraries" in line:
        assert "apt-get install" in line


def test_a_missing_library_is_found_and_offscreen_needs_no_display() -> None:
    assert missing_libraries(["libappealdesk-nothing.so.9", "libc.so.6"]) == [
        "libappealdesk-nothing.so.9"
    ]
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert display_problem({}) is not None
