"""The Qt binding the app runs on must not wear the interpreter down over a long session."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QFont


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_qt_calls_leave_the_references_to_none_alone(qapp: object) -> None:
    """PySide6 6.12 on Python 3.11 dropped a reference to None on every call returning
    nothing; after a few thousand calls the interpreter aborted."""
    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(2000):
        font.setPointSizeF(10)
    assert sys.getrefcount(None) >= before - 50
