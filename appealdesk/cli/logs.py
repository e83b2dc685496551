"""The log file. Logs say what happened, never what evidence or ID documents contain."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

_LOGGER = logging.getLogger("appealdesk")
_file: Path | None = None


def configure_logging() -> None:
    """Warnings and errors go to a small rotating file in the user's log folder."""
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
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            _file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    except OSError:
        _file = None
        handler = logging.NullHandler()
    _LOGGER.addHandler(handler)


def log_file() -> Path | None:
    return _file
