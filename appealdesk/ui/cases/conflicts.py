"""Asking the user what to do when their edit meets a change someone else made meanwhile."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from appealdesk.domain.errors import EditConflictError
from appealdesk.i18n import _
from appealdesk.ui.widgets.confirm import message_box


def ask_to_overwrite(conflict: EditConflictError, change: str) -> bool:
    """True when the user chooses to save their change over the other one (``change`` is
    the undo text naming the edit, "Edit notice text")."""
    if conflict.by:
        text = _("{member} changed this after you opened the case ({change}).").format(
            member=conflict.by, change=change
        )
    else:
        text = _("This was changed by someone else after you opened the case ({change}).").format(
            change=change
        )
    box = message_box(
        QApplication.activeWindow(),
        QMessageBox.Icon.Warning,
        _("Changed meanwhile"),
        text,
        _("Save yours in its place, or keep the other change? The case now shows that one."),
        QMessageBox.StandardButton.NoButton,
    )
    mine = box.addButton(_("Save mine"), QMessageBox.ButtonRole.AcceptRole)
    theirs = box.addButton(_("Keep the other change"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(theirs)
    box.setObjectName("edit_conflict")
    box.exec()
    return box.clickedButton() is mine
