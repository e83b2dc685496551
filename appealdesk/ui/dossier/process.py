"""A dossier export running as a process of its own (see ``appealdesk.export.worker``).

It has the signals of a :class:`~appealdesk.ui.base.background.BackgroundTask`, so the export
dialog treats it the same way; the window never waits for a page being painted.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal

from appealdesk.export.content import ExportOptions
from appealdesk.export.result import ExportResult
from appealdesk.export.worker import key_line, request
from appealdesk.i18n import _, current_language
from appealdesk.store.database import Database


class ExportProcess(QObject):
    progressed = Signal(int, int, str)  # done, total, what is being done
    succeeded = Signal(ExportResult)
    failed = Signal(str)
    ended = Signal()

    def __init__(
        self,
        db: Database,
        case_id: int,
        options: ExportOptions,
        target: Path,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._key = db.key
        self._options = options
        self._answered = False
        self._result: ExportResult | None = None
        self._error_message = ""
        self._pending = b""
        self.process = QProcess(self)
        self.process.setProgram(sys.executable)
        self.process.setArguments(
            [
                "-m",
                "appealdesk.export.worker",
                request(
                    db.path, case_id, options, target, current_language(), keyed=db.key is not None
                ),
            ]
        )
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)

    def start(self) -> None:
        self.process.start()
        if self._key is not None:  # through the pipe: never on a command line or in the environment
            self.process.write(key_line(self._key))

    @property
    def running(self) -> bool:
        return self.process.state() != QProcess.ProcessState.NotRunning

    def cancel(self) -> None:
        if self.running:
            self.process.write(b"cancel\n")

    def wait(self, timeout: float | None = None) -> bool:
        """Blocks until the export is done (for shutdown and tests)."""
        milliseconds = -1 if timeout is None else int(timeout * 1000)
        done = self.process.waitForFinished(milliseconds)
        self._read()
        return done or self.process.state() == QProcess.ProcessState.NotRunning

    def _read(self) -> None:
        self._pending += bytes(self.process.readAllStandardOutput().data())
        *lines, self._pending = self._pending.split(b"\n")
        messages = [json.loads(line) for line in lines if line.strip()]
        # Of the steps that arrived together only the last is shown: the progress bar paints
        # itself at once for each, and thirty pictures done in a burst held the window 50 ms.
        steps = [i for i, message in enumerate(messages) if "progress" in message]
        for i, message in enumerate(messages):
            if "progress" not in message or i == steps[-1]:
                self._handle(message)

    def _handle(self, message: dict[str, object]) -> None:
        if "progress" in message:
            step: list[object] = message["progress"]  # type: ignore[assignment]
            self.progressed.emit(int(str(step[0])), int(str(step[1])), str(step[2]))
        elif "result" in message:
            found: dict[str, object] = message["result"]  # type: ignore[assignment]
            self._result = ExportResult(
                Path(str(found["path"])),
                self._options.format,
                self._options.language,
                int(str(found["pages"])),
                int(str(found["files"])),
                _characters(found.get("replaced")),
                str(found.get("sha256", "")),
                _ids(found.get("evidence_ids")),
            )
        elif "error" in message:
            self._error_message = str(message["error"])

    def _finished(self) -> None:
        """The outcome is told once the process is gone, so nothing can cut it short."""
        self._read()
        if self._answered:
            return
        self._answered = True
        if self._result is not None:
            self.succeeded.emit(self._result)
        else:
            self.failed.emit(
                self._error_message or _("The export stopped unexpectedly; nothing was saved.")
            )
        self.ended.emit()

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and not self._answered:
            self._answered = True
            self.failed.emit(_("The export could not be started."))
            self.ended.emit()


def _characters(listed: object) -> tuple[str, ...]:
    return tuple(str(c) for c in listed) if isinstance(listed, list) else ()


def _ids(listed: object) -> tuple[int, ...]:
    return tuple(int(str(i)) for i in listed) if isinstance(listed, list) else ()
