"""The log file. Logs say what happened, never what evidence or ID documents contain."""

from __future__ import annotations

import logging
from pathlib import Path

_LOGGER = logging.getLogger("appealdesk")
_file: Path | None = None

# The file is started anew at launch once it has grown past this; three old ones are kept.
MAX_BYTES = 1_000_000
OLD_FILES_KEPT = 3


def configure_logging() -> None:
    """Warnings and errors go to a small file in the user's log folder.

    The file is rotated when the app starts rather than while it writes, which keeps
    ``logging.handlers`` (and the sockets and pickling it brings) out of the start-up.
    """
    global _file
    if _LOGGER.handlers:
        return
    _LOGGER.propagate = False
    _LOGGER.setLevel(logging.INFO)
    try:
        from platformdirs import user_log_path

        folder = user_log_path("AppealDesk", appauthor=False)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _file = folder / "appealdesk.log"
        rotate_log(_file)
        handler: logging.Handler = logging.FileHandler(_file, encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    except OSError:
        _file = None
        handler = logging.NullHandler()
    _LOGGER.addHandler(handler)


def rotate_log(file: Path, max_bytes: int = MAX_BYTES, keep: int = OLD_FILES_KEPT) -> None:
    """Moves a file that has grown past ``max_bytes`` to ``name.1``, ``name.1`` to ``name.2``…"""
    try:
        if file.stat().st_size < max_bytes:
            return
    except FileNotFoundError:
        return
    for number in range(keep, 0, -1):
        newer = file.with_name(f"{file.name}.{number - 1}") if number > 1 else file
        if newer.exists():
            newer.replace(file.with_name(f"{file.name}.{number}"))


def log_file() -> Path | None:
    return _file
