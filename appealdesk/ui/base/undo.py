"""Undo and redo of changes that the services have already made.

Every change to a case the window makes goes through a feature's ``actions`` module, which
makes it here with :meth:`ChangeStack.perform`. (Changes that cannot be undone, those of
clients and accounts, go straight from their actions to the services.)

A change is carried out first and only put on the stack when it succeeded, so a refused
change (a validation error) never leaves a command behind. Later undos and redos that fail
(the case was deleted meanwhile) are reported and make the command obsolete.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from appealdesk.domain.errors import AppealDeskError

Action = Callable[[], object]
Report = Callable[[str], None]


class UndoableChange(QUndoCommand):
    def __init__(
        self, text: str, forward: Action, backward: Action, notify: Action, report: Report
    ) -> None:
        super().__init__(text)
        self._forward = forward
        self._backward = backward
        self._notify = notify
        self._report = report
        self._done = True  # pushed after the change was made

    def redo(self) -> None:
        if self._done:
            return
        self._run(self._forward)
        self._done = True

    def undo(self) -> None:
        self._run(self._backward)
        self._done = False

    def _run(self, action: Action) -> None:
        try:
            action()
        except AppealDeskError as exc:
            self.setObsolete(True)
            self._report(exc.message)
        finally:
            self._notify()


class ChangeStack(QUndoStack):
    """A QUndoStack whose changes are made (and checked) before they are pushed."""

    def __init__(self, report: Report, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.report = report

    def perform(
        self,
        text: str,
        forward: Action,
        backward: Action,
        notify: Action,
        report: Report | None = None,
    ) -> bool:
        """Makes the change; True when it succeeded and can now be undone.

        A refusal goes to ``report`` (a dialog that stays open with the user's input) or
        else to the stack's own report.
        """
        try:
            forward()
        except AppealDeskError as exc:
            (report or self.report)(exc.message)
            return False
        self.push(UndoableChange(text, forward, backward, notify, self.report))
        notify()
        return True
