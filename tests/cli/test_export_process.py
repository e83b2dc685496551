"""An export whose pictures are prepared only typesets: its process draws nothing with Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.export.test_dossier import pdf_text


def _export(database: Path, target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            *(sys.executable, "-X", "importtime", "-m", "appealdesk", "export", "TT-2026-0004"),
            *("--db", str(database), "--out", str(target), "--lang", "nl"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "LANG": "C.UTF-8"},
    )


def _loads_qt(result: subprocess.CompletedProcess[str]) -> bool:
    return any(line.endswith("PySide6.QtGui") for line in result.stderr.splitlines())


@pytest.mark.subprocess
def test_the_second_export_of_a_case_loads_no_qt(demo: Path, tmp_path: Path) -> None:
    first = _export(demo, tmp_path / "first.pdf")
    assert first.returncode == 0, first.stderr[-2000:]
    assert _loads_qt(first)  # its pictures were drawn for print
    second = _export(demo, tmp_path / "second.pdf")
    assert second.returncode == 0, second.stderr[-2000:]
    assert not _loads_qt(second)
    text = pdf_text(tmp_path / "second.pdf")
    assert "first.pdf" in text  # the same dossier, whose custody log names the first export
