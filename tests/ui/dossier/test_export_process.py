"""The window's side of an export process: what it says on its standard output."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from appealdesk.export.content import ExportOptions
from appealdesk.export.result import ExportResult
from appealdesk.store.database import Database
from appealdesk.ui.dossier.process import ExportProcess


@pytest.mark.subprocess
def test_steps_that_arrive_together_move_the_bar_once(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    """Thirty pictures done in a burst: the bar, which paints itself for every step, is set
    to the last of them once, and the result that follows still arrives."""
    target = tmp_path / "dossier.pdf"
    said: list[dict[str, object]] = [
        {"progress": [done, 30, f"picture {done}"]} for done in range(1, 31)
    ]
    said.append({"result": {"path": str(target), "pages": 36, "files": 30, "sha256": "ab" * 32}})
    script = f"import sys; sys.stdout.write({''.join(json.dumps(m) + chr(10) for m in said)!r})"
    task = ExportProcess(db, 1, ExportOptions("nl"), target)
    task.process.setProgram(sys.executable)
    task.process.setArguments(["-c", script])  # one write: the lines come in one read
    steps: list[tuple[int, int, str]] = []
    results: list[ExportResult] = []
    task.progressed.connect(lambda done, total, text: steps.append((done, total, text)))
    task.succeeded.connect(results.append)
    with qtbot.waitSignal(task.ended, timeout=20_000):
        task.start()
    assert steps and steps[-1] == (30, 30, "picture 30")
    assert len(steps) < 30
    assert [(r.path, r.pages, r.evidence_files) for r in results] == [(target, 36, 30)]
