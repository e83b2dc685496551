"""What happened to the data, announced to every view that shows it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataSignals(QObject):
    case_changed = Signal(int)  # a case's fields, status, events or checklists changed
    case_created = Signal(int)
    case_deleted = Signal(int)
    clients_changed = Signal()  # clients or accounts were added, edited or removed
    letter_changed = Signal(int, str)  # a case's appeal letter in that language changed
    database_changed_elsewhere = Signal()  # another program committed to the database
