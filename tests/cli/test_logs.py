"""The log file stays small: it starts anew at launch once it has grown too large."""

from __future__ import annotations

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
