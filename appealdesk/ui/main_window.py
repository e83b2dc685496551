"""The main window: the case list of the open database."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from appealdesk import __version__
from appealdesk.domain.enums import CaseStatus
from appealdesk.domain.labels import label
from appealdesk.i18n import LANGUAGE_NAMES, SUPPORTED_LANGUAGES, _, current_language, format_number
from appealdesk.services import case_list
from appealdesk.store.database import Database
from appealdesk.ui.case_table_model import CaseTableModel
from appealdesk.ui.retranslate import Retranslatable, switch_language
from appealdesk.ui.settings import AppSettings

SEARCH_DELAY_MS = 150


class MainWindow(Retranslatable, QMainWindow):
    def __init__(self, db: Database, settings: AppSettings) -> None:
        super().__init__()
        self.db = db
        self.settings = settings
        self.setObjectName("main_window")

        self.search = QLineEdit(clearButtonEnabled=True)
        self.search.setObjectName("search")
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self._search_timer.start)

        self.model = CaseTableModel(db, self)
        self.table = QTableView()
        self.table.setObjectName("case_table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.model.total_changed.connect(self._update_counts)

        self.counts = QLabel()
        self.counts.setObjectName("status_counts")
        self.counts.setWordWrap(True)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.search)
        layout.addWidget(self.counts)
        layout.addWidget(self.table)
        self.setCentralWidget(central)

        self._build_menus()
        self.retranslate_ui()
        self.model.refresh()
        self.table.resizeColumnsToContents()
        geometry = settings.geometry("main_window")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 720)

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.quit_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)

        self.find_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.triggered.connect(
            lambda: self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        )
        self.addAction(self.find_action)

        self.language_menu = self.menuBar().addMenu("")
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for language in SUPPORTED_LANGUAGES:
            action = QAction(LANGUAGE_NAMES[language], self, checkable=True)
            action.setData(language)
            action.triggered.connect(partial(self.set_language, language))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[language] = action

        self.help_menu = self.menuBar().addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._about)
        self.help_menu.addAction(self.about_action)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("AppealDesk — {file}").format(file=self.db.path.name))
        self.search.setPlaceholderText(_("Search cases, handles, clients, reference numbers…"))
        self.file_menu.setTitle(_("&File"))
        self.quit_action.setText(_("&Quit"))
        self.find_action.setText(_("Find"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About AppealDesk"))
        self.language_actions[current_language()].setChecked(True)
        self.model.retranslate()
        self._update_counts()

    def set_language(self, language: str) -> None:
        self.settings.language = language
        switch_language(language)

    def _apply_search(self) -> None:
        self.model.set_query(replace(self.model.query, search=self.search.text()))

    def _update_counts(self, *_args: object) -> None:
        counts = case_list.status_counts(self.db, replace(self.model.query, statuses=frozenset()))
        parts = [f"{label(status)}: {format_number(counts[status])}" for status in CaseStatus]
        shown = _("{shown} of {total} cases").format(
            shown=format_number(self.model.total), total=format_number(sum(counts.values()))
        )
        self.counts.setText(shown + "  ·  " + "  ·  ".join(parts))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            _("About AppealDesk"),
            _("AppealDesk {version}").format(version=__version__)
            + "\n"
            + _("Cases of blocked social-media accounts, from block to restored account."),
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.settings.set_geometry("main_window", self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
