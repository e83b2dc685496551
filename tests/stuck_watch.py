"""A test stuck where Python itself cannot run still ends, and says where it was.

pytest-timeout's timer is a Python thread: a deadlock that keeps the interpreter lock (a Qt
call waiting for a lock whose holder waits for the interpreter) never lets it wake. The
faulthandler's watchdog is a C thread that needs no interpreter lock: it writes every thread's
stack to a file of the worker's and ends the worker, pytest-xdist reports the test as crashed
and starts another worker, and the run's summary prints the stacks. ``make test`` gives such
a test one more run (pytest-rerunfailures, for crashed workers only) and shows the stacks
again at its very end.
"""

from __future__ import annotations

import faulthandler
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

STUCK_S = 660  # a little after pytest-timeout's 600 s, which reports the hangs it can see
_FOLDER = "APPEALDESK_TEST_STACKS"  # inherited by pytest-xdist's workers
_owned = pytest.StashKey[Path]()
_file = pytest.StashKey[IO[str]]()


def pytest_configure(config: pytest.Config) -> None:
    if _FOLDER not in os.environ:  # the controller, or a run without workers
        folder = Path(tempfile.mkdtemp(prefix="appealdesk-stacks-"))
        os.environ[_FOLDER] = str(folder)
        config.stash[_owned] = folder
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    path = Path(os.environ[_FOLDER]) / f"{worker}-{os.getpid()}.txt"
    config.stash[_file] = path.open("w", encoding="utf-8")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    if "PYTEST_XDIST_WORKER" not in os.environ:  # a run without workers
        yield from _watched_alone(item)
        return
    file = item.config.stash[_file]
    file.seek(0)
    file.truncate()
    file.write(
        f"{item.nodeid} was running when its worker ended: a crash (its stack is in the "
        f"output above), or stuck for {STUCK_S} s (every thread's stack follows).\n"
    )
    file.flush()
    faulthandler.dump_traceback_later(STUCK_S, exit=True, file=file)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
        file.seek(0)
        file.truncate()
        file.flush()


def _watched_alone(item: pytest.Item) -> Iterator[None]:
    """Without workers nobody is left to print a file: the stacks go to the terminal, through
    the copy of stderr that pytest keeps for its own faulthandler (the test's frame names it)."""
    from _pytest.faulthandler import fault_handler_stderr_fd_key

    stderr = item.config.stash.get(fault_handler_stderr_fd_key, None)
    if stderr is None:
        yield
        return
    faulthandler.dump_traceback_later(STUCK_S, exit=True, file=stderr)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    folder = terminalreporter.config.stash.get(_owned, None)
    if folder is None:
        return
    report = os.environ.get("APPEALDESK_STUCK_REPORT")  # where `make test` shows them again
    for path in sorted(folder.glob("*.txt")):
        if text := path.read_text(encoding="utf-8", errors="replace").strip():
            terminalreporter.section(f"stuck test ({path.stem})", sep="!", red=True)
            terminalreporter.line(text)
            if report:
                with Path(report).open("a", encoding="utf-8") as kept:
                    kept.write(text + "\n\n")


def pytest_unconfigure(config: pytest.Config) -> None:
    config.stash[_file].close()
    if (folder := config.stash.get(_owned, None)) is not None:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(_FOLDER, None)
