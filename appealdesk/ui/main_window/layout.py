"""The main window's size, splitter and column widths, as the user left them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from appealdesk.ui.main_window.window import MainWindow

DEFAULT_SIZE = (1440, 860)
DEFAULT_SPLIT = (640, 800)


def restore(window: MainWindow) -> None:
    settings = window.settings
    geometry = settings.saved_state("main_window")
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(*DEFAULT_SIZE)
        window.splitter.setSizes(list(DEFAULT_SPLIT))
    splitter = settings.saved_state("main_splitter")
    if splitter is not None:
        window.splitter.restoreState(splitter)
    columns = settings.saved_state("case_columns")
    if columns is not None:
        window.case_list.table.horizontalHeader().restoreState(columns)


def save(window: MainWindow) -> None:
    settings = window.settings
    settings.save_state("main_window", window.saveGeometry())
    settings.save_state("main_splitter", window.splitter.saveState())
    settings.save_state("case_columns", window.case_list.table.horizontalHeader().saveState())
    settings.sync()
