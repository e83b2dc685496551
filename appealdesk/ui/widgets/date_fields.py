"""Date fields: a line to type the date in as people write it, and a calendar to pick it from.

What is typed is read in the window's language (:func:`appealdesk.i18n.date_input.parse_date`):
``30 nov 2026 10:00``, ``30-11-2026``, ``2026-11-30``. A date that is shown is written as the
rest of the application writes it (``format_date``, medium).

Like the fields of :mod:`appealdesk.ui.widgets.fields` they report through ``committed``
(a date, a datetime, or None for no date) once the user finished an edit that changed the
value, and ``set_value()`` never reports. Text that is not a date stays as typed: the field
turns red and says under it what is wrong and what it expects, and nothing is reported until
the text is a date. ``refuse(message)`` shows a refusal of the value (by the services) the
same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk.i18n import _, format_date, format_datetime
from appealdesk.i18n.date_input import DateTextError, date_example, parse_date, parse_datetime
from appealdesk.ui.base.palette import overdue_colour
from appealdesk.ui.widgets.calendar_popup import CalendarPopup, calendar_icon
from appealdesk.ui.widgets.plain_text import plain_label


class DateEntry(QWidget):
    """The common part of :class:`DateTimeField` and :class:`DateField`."""

    committed = Signal(object)  # a datetime or date (not a Qt type), or None for no date

    def __init__(self, *, with_time: bool, optional: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_time = with_time
        self.optional = optional
        self.line = QLineEdit()
        self.line.setClearButtonEnabled(optional)
        self.calendar_button = QToolButton()
        self.calendar_button.setObjectName("date_calendar_button")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down opens it
        self.message = plain_label(word_wrap=True)
        self.message.setObjectName("date_problem")
        self.message.hide()
        self.popup: CalendarPopup | None = None
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line, 1)
        row.addWidget(self.calendar_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.message)
        self.setFocusProxy(self.line)
        # As tall as the line (and the message, when there is one): a form's spare room
        # belongs to its text boxes.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._value: Any = None
        self._shown = ""  # the text the value was last written as
        self._problem: str | None = None
        self._refused = False  # the problem is the services' answer, not the text's
        self.line.editingFinished.connect(self.commit)
        self.line.textEdited.connect(self._edited)
        self.line.installEventFilter(self)
        self.calendar_button.clicked.connect(self.open_calendar)
        self.retranslate()

    # What the value is -------------------------------------------------------------------

    def _parse(self, text: str) -> Any:
        if self.with_time:
            return parse_datetime(text)
        return parse_date(text)

    def _format(self, value: Any) -> str:
        if value is None:
            return ""
        return format_datetime(value, "medium") if self.with_time else format_date(value, "medium")

    def value(self) -> Any:
        """What the text says now: a date, a datetime or None (empty, for an optional field).
        Raises :class:`~appealdesk.i18n.date_input.DateTextError` for a text that is no date."""
        value = self._parse(self.line.text())
        if value is None and not self.optional:
            example = date_example(self.with_time)
            raise DateTextError(
                _("A date is needed here. Type one such as {example}.").format(example=example)
            )
        return value

    def text(self) -> str:
        return self.line.text()

    def problem(self) -> str | None:
        """What is wrong with the field, as it says under it; None when nothing is."""
        return self._problem

    # Showing a value -----------------------------------------------------------------------

    def set_value(self, value: Any, *, keep_typed: bool = True) -> None:
        """Shows ``value``, except over text the user is typing or that is not yet a date
        (with ``keep_typed=False``, for another case or item, only over what is typed now)."""
        if isinstance(value, dt.datetime):
            value = value.replace(second=0, microsecond=0)
        typing = self.line.hasFocus() and self.line.text() != self._shown
        self._value = value
        if typing or (keep_typed and self._problem is not None):
            return
        self._show(value)

    def show_nothing(self) -> None:
        """An empty field where there is nothing to show."""
        self._value = None
        self._show(None)

    def _show(self, value: Any) -> None:
        self._clear_problem()
        self._shown = self._format(value)
        if self.line.text() != self._shown:
            self.line.setText(self._shown)

    def retranslate(self) -> None:
        example = date_example(self.with_time)
        self.line.setPlaceholderText(_("such as {example}").format(example=example))
        tip = _("Choose from a calendar (Alt+Down)")
        self.calendar_button.setToolTip(tip)
        self.calendar_button.setAccessibleName(tip)
        self.calendar_button.setIcon(calendar_icon(self.palette()))
        typing = self.line.hasFocus() and self.line.text() != self._shown
        if self._problem is not None and not self._refused:
            try:
                self.value()
            except DateTextError as error:  # the same complaint, in the new language
                self._show_problem(error.message)
            else:  # a date in the new language ("30 mrt"): saved, once the switch is done
                QTimer.singleShot(0, self.commit)
        elif not typing and self._problem is None:
            self._show(self._value)

    # Reading what was typed -------------------------------------------------------------------

    def check(self) -> bool:
        """True when the text is a date (or empty where that is allowed); else the field
        says why, and keeps the text."""
        try:
            self.value()
        except DateTextError as error:
            self._show_problem(error.message)
            return False
        self._clear_problem()
        return True

    def commit(self) -> None:
        if self.line.text() == self._shown and not self._refused:
            self._clear_problem()
            return
        if not self.check():
            return
        value = self.value()
        if value == self._value:
            self._show(value)
            return
        before, self._value = self._value, value
        self.committed.emit(value)
        if self._refused:
            self._value = before  # not stored: leaving the field again tries again
        else:
            self._show(value)

    def refuse(self, message: str) -> None:
        """The value just committed was not taken: ``message`` says why; the text stays."""
        self._show_problem(message)
        self._refused = True

    def _edited(self, text: str) -> None:
        if self.optional and not text and not self.line.hasFocus():  # its clear button
            self.commit()

    def _show_problem(self, message: str) -> None:
        self._problem = message
        self._refused = False
        self.message.setText(message)
        palette = self.message.palette()
        palette.setColor(QPalette.ColorRole.WindowText, overdue_colour(self.palette()))
        self.message.setPalette(palette)
        self.message.show()
        self.line.setProperty("invalid", True)
        red = overdue_colour(self.palette()).name()
        self.line.setStyleSheet(
            f"QLineEdit {{ border: 2px solid {red}; border-radius: 3px; padding: 1px 2px; }}"
        )

    def _clear_problem(self) -> None:
        if self._problem is None:
            return
        self._problem = None
        self._refused = False
        self.message.clear()
        self.message.hide()
        self.line.setProperty("invalid", False)
        self.line.setStyleSheet("")

    # The calendar ------------------------------------------------------------------------------

    def open_calendar(self) -> None:
        if self.popup is None:
            self.popup = CalendarPopup(self.optional, self)
            self.popup.chosen.connect(self._picked)
        try:
            shown = self.value()
        except DateTextError:
            shown = self._value
        day = shown.date() if isinstance(shown, dt.datetime) else shown
        self.popup.open_below(self.line, day)

    def _picked(self, day: dt.date | None) -> None:
        value: Any = day
        if day is not None and self.with_time:
            try:
                typed = self.value()
            except DateTextError:
                typed = self._value
            time = typed.time() if isinstance(typed, dt.datetime) else dt.time()
            value = dt.datetime.combine(day, time)
        self.line.setText(self._format(value))
        self.line.setFocus()
        self.commit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and (
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)


class DateTimeField(DateEntry):
    """A date and time that must be there (the block, an event): ``30 nov 2026 10:00``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(with_time=True, optional=False, parent=parent)

    def value(self) -> dt.datetime:
        value = super().value()
        assert isinstance(value, dt.datetime)
        return value


class DateField(DateEntry):
    """A date without a time; ``optional`` when it may be absent (an empty field)."""

    def __init__(self, *, optional: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(with_time=False, optional=optional, parent=parent)

    def value(self) -> dt.date | None:
        value = super().value()
        assert value is None or isinstance(value, dt.date)
        return value


def date_field_of(widget: QWidget | None) -> DateEntry | None:
    """The date field whose line ``widget`` is (the focused widget of a window)."""
    parent = widget.parentWidget() if widget is not None else None
    return parent if isinstance(parent, DateEntry) and parent.line is widget else None
