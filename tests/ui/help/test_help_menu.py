"""The Help menu: its own Alt keys in every language, and help that leaves the database alone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from appealdesk.services import cases
from appealdesk.store.database import Database
from appealdesk.store.sqlite_database import SqliteDatabase
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.main_window.test_window import _mnemonic, open_case


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_help_entry_has_its_own_alt_key(window: MainWindow, language: str) -> None:
    window.menus.languages[language].trigger()
    texts = [a.text() for a in window.menus.help_menu.actions() if not a.isSeparator()]
    assert len(texts) == 3
    keys = [_mnemonic(text) for text in texts]
    assert None not in keys, texts
    assert len(set(keys)) == len(keys), texts


@contextmanager
def statements_run(db: Database) -> Iterator[list[str]]:
    """Every SQL statement run on ``db`` meanwhile, through the ORM or the plain reader."""
    run: list[str] = []

    def executed(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        run.append(statement)

    event.listen(db.engine, "before_cursor_execute", executed)
    assert isinstance(db, SqliteDatabase)
    reader = db._open_reader()
    reader.set_trace_callback(run.append)
    try:
        yield run
    finally:
        reader.set_trace_callback(None)
        event.remove(db.engine, "before_cursor_execute", executed)


def test_the_help_leaves_the_database_alone(qtbot: QtBot, window: MainWindow) -> None:
    case_id = open_case(window, "TT-2026-0001")
    window.outside_changes.stop()  # it asks the database every 1.5 s whether anything changed
    qtbot.wait(50)
    with statements_run(window.db) as run:  # what a read looks like
        cases.get_case(window.db, case_id)
        window.db.data_version()
    assert "PRAGMA data_version" in run
    assert any(statement.lstrip().startswith("SELECT") for statement in run)
    help_menu = window.menus.help
    with statements_run(window.db) as run:
        help_menu.manual.trigger()
        help_menu.show_manual().show_section("backups")
        help_menu.shortcuts.trigger()
        help_menu.about.trigger()
        qtbot.wait(50)
    assert run == []
    for dialog in (help_menu.manual_dialog, help_menu.shortcuts_dialog, help_menu.about_dialog):
        assert dialog is not None and dialog.isVisible()
