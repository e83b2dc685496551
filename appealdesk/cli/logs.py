"""The log file. Logs say what happened, never what evidence or ID documents contain.

An error is logged as its type and the code locations it passed through, never its message:
the messages of SQLite, SQLAlchemy and the operating system quote the values and file names
that failed, and those are case texts, evidence titles and names of ID documents.
"""

from __future__ import annotations

import errno
import logging
import traceback
from pathlib import Path
from types import TracebackType

_LOGGER = logging.getLogger("appealdesk")

# The file is started anew at launch once it has grown past this; three old ones are kept.
MAX_BYTES = 1_000_000
OLD_FILES_KEPT = 3


def configure_logging() -> None:
    """Warnings and errors go to a small file in the user's log folder.

    The folder is looked up, and the file rotated and opened, with the first record (or when
    someone asks where the log is): starting needs neither platformdirs nor the disk. The
    file is rotated when it is opened rather than while it writes, which keeps
    ``logging.handlers`` (and the sockets and pickling it brings) out of the start-up.
    """
    if _LOGGER.handlers:
        return
    _LOGGER.propagate = False
    _LOGGER.setLevel(logging.INFO)
    _LOGGER.addHandler(LogFile())


class LogFile(logging.Handler):
    """The log file in the user's log folder, opened on first use."""

    def __init__(self) -> None:
        super().__init__()
        self._target: logging.Handler | None = None

    def target(self) -> logging.Handler:
        """The handler that writes: the file's, or one that drops records when the log
        folder cannot be made."""
        with self.lock:  # type: ignore[union-attr]  # made by Handler.__init__
            if self._target is None:
                try:
                    from platformdirs import user_log_path

                    folder = user_log_path("AppealDesk", appauthor=False)
                    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                    file = folder / "appealdesk.log"
                    rotate_log(file)
                    self._target = file_handler(file)
                except OSError:
                    self._target = logging.NullHandler()
            return self._target

    @property
    def log_path(self) -> Path | None:
        target = self.target()
        return Path(target.baseFilename) if isinstance(target, logging.FileHandler) else None

    def emit(self, record: logging.LogRecord) -> None:
        self.target().handle(record)

    def close(self) -> None:
        if self._target is not None:
            self._target.close()
        super().close()


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
    """The file AppealDesk logs to, if it writes one."""
    for handler in _LOGGER.handlers:
        if isinstance(handler, LogFile):
            return handler.log_path
    return None


def file_handler(file: Path) -> logging.Handler:
    """The handler of the log file, which writes errors as :func:`error_traceback` does."""
    handler = logging.FileHandler(file, encoding="utf-8", delay=True)
    handler.setFormatter(_Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler


class _Formatter(logging.Formatter):
    def formatException(  # noqa: N802 (logging's name)
        self,
        ei: tuple[type[BaseException], BaseException, TracebackType | None]
        | tuple[None, None, None],
    ) -> str:
        return "" if ei[1] is None else error_traceback(ei[1])


def error_kind(error: BaseException) -> str:
    """The type of ``error`` with what its code says (SQLite's error name, errno's name),
    never its message: ``sqlite3.IntegrityError SQLITE_CONSTRAINT_CHECK``."""
    kind = type(error)
    parts = [
        kind.__qualname__
        if kind.__module__ == "builtins"
        else f"{kind.__module__}.{kind.__qualname__}"
    ]
    # SQLAlchemy's errors keep SQLite's own in ``orig``.
    sqlite_name = getattr(error, "sqlite_errorname", None) or getattr(
        getattr(error, "orig", None), "sqlite_errorname", None
    )
    if isinstance(sqlite_name, str):
        parts.append(sqlite_name)
    if isinstance(error, OSError) and error.errno is not None:
        parts.append(errno.errorcode.get(error.errno, str(error.errno)))
    return " ".join(parts)


def error_traceback(error: BaseException) -> str:
    """Where ``error`` and the errors that led to it happened: files, lines and functions
    (no source text, no local variables) and :func:`error_kind` of each."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    blocks = []
    for cause in reversed(chain):
        lines = ["Traceback (most recent call last):"]
        lines += [
            f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}'
            for frame in traceback.extract_tb(cause.__traceback__)
        ]
        lines.append(error_kind(cause))
        blocks.append("\n".join(lines))
    return "\n\nwhich led to:\n\n".join(blocks)
