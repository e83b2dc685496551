"""What the command-line tests share."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from appealdesk.store.evidence_store import evidence_dir_for


@pytest.fixture
def demo(tmp_path: Path, demo_template: Path) -> Path:
    """A copy of the demo database with its evidence, for one test to change."""
    database = tmp_path / "demo.db"
    shutil.copyfile(demo_template, database)
    shutil.copytree(evidence_dir_for(demo_template), evidence_dir_for(database))
    return database
