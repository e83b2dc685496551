"""The main window's arrangement: the list beside the case, and the sizes the user left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from appealdesk.ui.base.settings import AppSettings
from appealdesk.ui.cases.columns import CaseColumns

DEFAULT_SIZE = (1440, 860)
DEFAULT_SPLIT = (780, 660)  # the list's main columns, and a case's tabs in Dutch


def side_by_side(case_list: QWidget, case: QWidget) -> QSplitter:
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setObjectName("main_splitter")
    splitter.addWidget(case_list)
    splitter.addWidget(case)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    splitter.setChildrenCollapsible(False)
    return splitter


def restore(
    settings: AppSettings, window: QMainWindow, splitter: QSplitter, columns: CaseColumns
) -> None:
    geometry = settings.saved_state("main_window")
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(*DEFAULT_SIZE)
        splitter.setSizes(list(DEFAULT_SPLIT))
    split = settings.saved_state("main_splitter")
    if split is not None:
        splitter.restoreState(split)
    columns.restore(settings.saved_state("case_columns"))


def save(
    settings: AppSettings, window: QMainWindow, splitter: QSplitter, columns: CaseColumns
) -> None:
    settings.save_state("main_window", window.saveGeometry())
    settings.save_state("main_splitter", splitter.saveState())
    settings.save_state("case_columns", columns.save())
    settings.sync()
