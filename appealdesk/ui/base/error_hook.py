"""What happens to an error nobody caught: it goes to the log, and the user is told.

Qt calls ``sys.excepthook`` for an exception that escapes a slot or an event handler, on
whatever thread it happened; ``threading.excepthook`` gets those of Python's own threads.
The log gets the error's type and where it happened (see the log's formatter), and the
window shows one message saying what the user can do. An error while that message is open
is only logged, so a fault that repeats (in painting, say) never piles up messages.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from appealdesk.i18n import _
from appealdesk.ui.widgets.confirm import Icon, message_box

log = logging.getLogger(__name__)


def log_location() -> Path | None:
    """The file AppealDesk's log is written to, if there is one."""
    logger: logging.Logger | None = logging.getLogger("appealdesk")
    while logger is not None:
        for handler in logger.handlers:
            if isinstance(handler, logging.FileHandler):
                return Path(handler.baseFilename)
            path = getattr(handler, "log_path", None)  # the log file opened on first use
            if isinstance(path, Path):
                return path
        logger = logger.parent if logger.propagate else None
    return None


def error_message() -> tuple[str, str]:
    """The message's main line and what the user can do."""
    steps = [_("Your work is saved up to the last field you left.")]
    location = log_location()
    if location is not None:
        steps.append(_("What went wrong is written in this log file:") + f"\n{location}")
    steps.append(_("If the window behaves oddly from now on, close AppealDesk and start it again."))
    return _("Something went wrong in AppealDesk."), "\n\n".join(steps)


def _log_quietly(
    message: str, error: tuple[type[BaseException], BaseException, TracebackType | None] | None
) -> None:
    # A log file that cannot be written (its folder removed meanwhile) makes the file
    # handler raise; the hook itself must never fail.
    with contextlib.suppress(Exception):
        log.error(message, exc_info=error)


class ErrorHook(QObject):
    """Install with :meth:`install`; :meth:`uninstall` puts back the hooks it replaced."""

    _tell_user = Signal()  # emitted on any thread, delivered in the UI thread
    box_shown = Signal(QMessageBox)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.box: QMessageBox | None = None
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        # Queued even on the UI thread: the message is never opened inside the handler
        # that failed, which may be halfway through painting or a layout.
        self._tell_user.connect(self._show_box, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self.thread_raised

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self.thread_raised:
            threading.excepthook = self._previous_thread_hook

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, error, trace)
            return
        _log_quietly("unexpected error", (kind, error, trace))
        self._tell_user.emit()

    def thread_raised(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        error = args.exc_value
        if error is None:
            _log_quietly(f"unexpected error in a thread: {args.exc_type.__qualname__}", None)
        else:
            _log_quietly("unexpected error in a thread", (args.exc_type, error, args.exc_traceback))
        self._tell_user.emit()

    def _show_box(self) -> None:
        if self.box is not None:
            return  # the user has not answered the last one yet
        try:
            title = _("Unexpected error")
            text, informative = error_message()
            parent = QApplication.activeWindow()
            box = message_box(parent, Icon.Critical, title, text, informative)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.setWindowModality(Qt.WindowModality.ApplicationModal)
            box.finished.connect(self._box_closed)
            self.box = box
            box.open()
            self.box_shown.emit(box)
        except Exception:
            self.box = None
            log.exception("the message about an unexpected error could not be shown")

    def _box_closed(self) -> None:
        self.box = None


def install_error_hook(app: QApplication) -> ErrorHook:
    hook = ErrorHook(app)
    hook.install()
    return hook
