"""The log file stays small: it starts anew, once it has grown too large, when a run first
writes to it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from appealdesk.cli.logs import rotate_log


def test_a_small_log_is_kept_as_it_is(tmp_path: Path) -> None:
    log = tmp_path / "appealdesk.log"
    log.write_text("one line\n")
    rotate_log(log, max_bytes=100)
    assert log.read_text() == "one line\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["appealdesk.log"]


def test_a_large_log_moves_aside_and_only_three_old_ones_are_kept(tmp_path: Path) -> None:
    log = tmp_path / "appealdesk.log"
    for launch in range(5):
        log.write_text(f"launch {launch}\n" * 20)
        rotate_log(log, max_bytes=100)
    assert not log.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "appealdesk.log.1",
        "appealdesk.log.2",
        "appealdesk.log.3",
    ]
    assert (tmp_path / "appealdesk.log.1").read_text().startswith("launch 4")
    assert (tmp_path / "appealdesk.log.3").read_text().startswith("launch 2")


def test_no_log_yet_is_no_problem(tmp_path: Path) -> None:
    rotate_log(tmp_path / "appealdesk.log")
    assert list(tmp_path.iterdir()) == []


def test_a_grown_log_moves_aside_and_the_first_warning_starts_a_new_one(tmp_path: Path) -> None:
    """A log that has grown too large is moved aside, and the run's first warning starts a
    new file."""
    folder = tmp_path / "state" / "AppealDesk" / "log"
    folder.mkdir(parents=True)
    (folder / "appealdesk.log").write_text("old line\n" * 200_000)
    script = """
import logging
from appealdesk.cli.logs import configure_logging, log_file
configure_logging()
logging.getLogger("appealdesk.test").warning("the first record")
print(log_file())
"""
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(folder / "appealdesk.log")
    assert "the first record" in (folder / "appealdesk.log").read_text()
    assert (folder / "appealdesk.log.1").read_text().startswith("old line")
