"""Help → Keyboard shortcuts: every key of the main window, read from the window itself.

The list is made from the window's actions, its menu titles and its tabs each time it is
shown, so a new action with a shortcut is listed without anyone keeping a list. Only the keys
that are not actions (handled by a widget itself) are named here.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
)

from appealdesk.i18n import N_, _
from appealdesk.ui.base.retranslate import Retranslatable

NATIVE = QKeySequence.SequenceFormat.NativeText
Key = QKeySequence.StandardKey

# Keys a widget handles itself: (key, what it does, where it works), the texts translated
# when shown.
WIDGET_KEYS: tuple[tuple[QKeySequence | Key, str, str], ...] = (
    (QKeySequence("Escape"), N_("Clear the search"), N_("Search field")),
    (QKeySequence("Enter"), N_("Search at once"), N_("Search field")),
    (QKeySequence("Enter"), N_("Save what you typed"), N_("A one-line field")),
    (Key.Paste, N_("Paste a screenshot as evidence"), N_("Evidence tab")),
)


@dataclass(frozen=True)
class Shortcut:
    keys: str  # as the platform writes them (QKeySequence.NativeText)
    action: str
    where: str


def mnemonic(text: str) -> str | None:
    """The letter after the ``&`` of a menu or tab title (``&&`` is a plain ``&``)."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].upper() if 0 <= at < len(plain) - 1 else None


def plain_title(text: str) -> str:
    """A title as shown: without its ``&`` and its ellipsis."""
    return QAction(text).iconText()


def _alt(letter: str) -> str:
    return QKeySequence(f"Alt+{letter}").toString(NATIVE)


def action_keys(action: QAction) -> str:
    return QKeySequence.listToString(action.shortcuts(), NATIVE)


def window_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """The keys of ``window``: the menus' Alt keys, each menu's shortcuts, those of other
    actions of the window, the Alt keys of its tabs and the keys its widgets handle."""
    menus = [a for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    # macOS has no Alt keys for menus and tabs (Qt leaves mnemonics off there).
    mnemonics = sys.platform != "darwin"
    found = _menu_bar_keys(menus) if mnemonics else []
    listed: set[QAction] = set()
    for menu_action in menus:
        menu = menu_action.menu()
        assert isinstance(menu, QMenu)
        where = _("{menu} menu").format(menu=menu_action.iconText())
        found += _menu_shortcuts(menu, where, listed)
    for action in window.findChildren(QAction):
        if action not in listed and action.shortcuts():
            found.append(Shortcut(action_keys(action), action.iconText(), _("Window")))
    if mnemonics:
        found += _tab_keys(window.findChildren(QTabWidget))
    for key, action_text, where in WIDGET_KEYS:
        found.append(Shortcut(QKeySequence(key).toString(NATIVE), _(action_text), _(where)))
    return found


def _menu_bar_keys(menus: list[QAction]) -> list[Shortcut]:
    found = []
    for menu_action in menus:
        letter = mnemonic(menu_action.text())
        if letter:
            what = _("Open the {menu} menu").format(menu=menu_action.iconText())
            found.append(Shortcut(_alt(letter), what, _("Menu bar")))
    return found


def _tab_keys(tab_widgets: list[QTabWidget]) -> list[Shortcut]:
    found = []
    for tabs in tab_widgets:
        for index in range(tabs.count()):
            letter = mnemonic(tabs.tabText(index))
            if letter and tabs.isTabVisible(index):
                what = _("Go to the {tab} tab").format(tab=plain_title(tabs.tabText(index)))
                found.append(Shortcut(_alt(letter), what, _("Tabs")))
    return found


def _menu_shortcuts(menu: QMenu, where: str, listed: set[QAction]) -> list[Shortcut]:
    found = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found += _menu_shortcuts(submenu, f"{where} → {action.iconText()}", listed)
        elif action.shortcuts():
            found.append(Shortcut(action_keys(action), action.iconText(), where))
            listed.add(action)
    return found


class ShortcutsDialog(Retranslatable, QDialog):
    """The keys of the window in a plain table; stays open beside the window."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcuts_dialog")
        self.main_window = window
        self.shortcuts: list[Shortcut] = []
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("shortcuts_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(780, 600)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([_("Keys"), _("What it does"), _("Where")])
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        # After the window's menus have their new texts (the order of a switch is Qt's).
        QTimer.singleShot(0, self, self.refresh)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self.shortcuts = window_shortcuts(self.main_window)
        self.table.setRowCount(len(self.shortcuts))
        for row, shortcut in enumerate(self.shortcuts):
            for column, text in enumerate((shortcut.keys, shortcut.action, shortcut.where)):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def rows(self) -> list[list[str]]:
        """What the table shows, row by row."""
        return [
            [item.text() if (item := self.table.item(row, column)) else "" for column in range(3)]
            for row in range(self.table.rowCount())
        ]
