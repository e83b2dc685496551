"""The calendar a date field opens below itself (Alt+Down): a month to pick a day from."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk.i18n import _


def calendar_icon(palette: QPalette) -> QIcon:
    """The desktop's calendar icon, or a small calendar drawn in the text colour."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    colour = palette.color(QPalette.ColorRole.ButtonText)
    painter.setPen(colour)
    painter.drawRect(QRect(1, 2, 13, 12))
    painter.fillRect(QRect(1, 2, 14, 3), colour)
    for row in range(2):
        for column in range(3):
            painter.fillRect(QRect(3 + 4 * column, 7 + 3 * row, 2, 2), colour)
    painter.end()
    return QIcon.fromTheme("x-office-calendar", QIcon(pixmap))


class CalendarPopup(QFrame):
    """The month to pick a day from; for a date that may be absent also "No date"."""

    chosen = Signal(object)  # a date, or None for no date

    def __init__(self, optional: bool, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("date_popup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.today = QPushButton()
        self.no_date = QPushButton()
        self.no_date.setVisible(optional)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.today.clicked.connect(lambda: self._choose(dt.date.today()))
        self.no_date.clicked.connect(lambda: self._choose(None))
        buttons = QHBoxLayout()
        buttons.addWidget(self.today)
        buttons.addStretch(1)
        buttons.addWidget(self.no_date)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.calendar)
        layout.addLayout(buttons)

    def open_below(self, anchor: QWidget, selected: dt.date | None) -> None:
        locale = QLocale()  # the window's language, set when it was chosen
        self.calendar.setLocale(locale)
        self.calendar.setFirstDayOfWeek(locale.firstDayOfWeek())
        self.today.setText(_("&Today"))
        self.no_date.setText(_("&No date"))
        day = selected or dt.date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.adjustSize()
        self.move(anchor.mapToGlobal(QPoint(0, anchor.height())))
        self.show()
        self.calendar.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def _picked(self, date: QDate) -> None:
        self._choose(dt.date(date.year(), date.month(), date.day()))

    def _choose(self, day: dt.date | None) -> None:
        self.close()
        self.chosen.emit(day)
