"""Whatever the user typed or named is shown as text, in every window, box and tooltip.

Qt reads the text of a label, a message box or a tooltip as HTML when it looks like HTML: a
file named ``<img src=/dev/zero>`` would load that "image" and abort the window. The walk
below opens the screens, tabs, dialogs and questions of a case whose every field holds
markup, and looks at every label, box and tooltip there is, so new ones are covered too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLabel,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import Channel, EventKind
from appealdesk.services import cases, clients, events, evidence, statements
from appealdesk.services.evidence_import import import_bytes
from appealdesk.store.database import Database
from appealdesk.ui.main_window.window import MainWindow
from tests.images import encoded, picture
from tests.ui.conftest import WindowFactory

PAYLOADS = ("<img src=/dev/zero>", "<b>bold</b>", '<a href="file:///etc/passwd">x</a>', "&lt;")
NUMBER = "TT-2026-0004"


def _hostile(n: int) -> str:
    return f"{PAYLOADS[n % len(PAYLOADS)]} {' '.join(PAYLOADS)} [{n}]"


def hostile_case(db: Database) -> dict[str, str]:
    """Markup in every field of one case, its client, account, events and evidence, set
    through the services; the values as stored, by a part of them no other value has."""
    detail = cases.find_case(db, NUMBER)
    case_id, client_id, account_id = detail.case.id, detail.client.id, detail.account.id
    assert case_id is not None and client_id is not None and account_id is not None
    values = iter(range(100))
    clients.update_client(
        db, client_id, name=_hostile(next(values)), contact_person=_hostile(next(values))
    )
    clients.update_client(db, client_id, notes=_hostile(next(values)))
    clients.update_account(
        db,
        account_id,
        handle="<b>bold</b>&lt;",
        display_name=_hostile(next(values)),
        notes=_hostile(next(values)),
    )
    cases.update_case(
        db,
        case_id,
        notice_text=_hostile(next(values)),
        user_statement=_hostile(next(values)),
    )
    statements.update_statement(db, case_id, decision_facts=_hostile(next(values)))
    events.add_event(
        db,
        case_id,
        kind=EventKind.APPEAL_FILED,
        channel=Channel.EMAIL,
        occurred_at=detail.case.blocked_at + dt.timedelta(days=1),
        reference="<b>REF</b>&lt;1",
        summary=_hostile(next(values)),
        body=_hostile(next(values)),
        outcome=_hostile(next(values)),
    )
    # A file name cannot hold "/": the entity makes one, if the name is read as HTML.
    name = "<img src=&#47;dev&#47;zero>x.png"
    import_bytes(db, case_id, encoded(picture(120, 90, text="x")), name)
    for item in evidence.list_evidence(db, case_id):
        assert item.id is not None
        evidence.update_evidence(
            db, item.id, title=_hostile(next(values)), note=_hostile(next(values))
        )
    detail = cases.find_case(db, NUMBER)
    stored = [
        detail.client.name,
        detail.client.contact_person,
        detail.client.notes,
        detail.account.handle,
        detail.account.display_name,
        detail.account.notes,
        detail.case.notice_text,
        detail.case.user_statement,
    ]
    stored += [t for e in detail.events for t in (e.reference, e.summary, e.body, e.outcome)]
    stored += [t for i in detail.evidence for t in (i.title, i.note, i.original_name)]
    assert name in stored
    marked = {value.rsplit(" ", 1)[-1]: value for value in stored if value.endswith("]")}
    return {**marked, "zero>x.png": name, "bold</b>&lt;": detail.account.handle}


def _rendered(tip: str) -> str:
    """What a tooltip shows: Qt reads it as HTML when it looks like HTML."""
    if not GuiQt.mightBeRichText(tip):
        return tip
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


class Walker:
    """Looks at every label, message box and tooltip of every top-level window."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values
        self.problems: list[str] = []
        self.labels_seen: set[str] = set()
        self.boxes_seen: set[str] = set()

    def check(self) -> None:
        for top in QApplication.topLevelWidgets():
            widgets = [top, *top.findChildren(QWidget)]
            for widget in widgets:
                if isinstance(widget, QLabel):
                    self._label(widget)
                if isinstance(widget, QMessageBox):
                    self._box(widget)
                self._tooltip(widget.toolTip(), f"tooltip of {widget.objectName()}")
                if isinstance(widget, QAbstractItemView) and widget.model() is not None:
                    self._model(widget.model())

    def _label(self, label: QLabel) -> None:
        text = label.text()
        if not text:
            return
        self.labels_seen.add(text)
        rich = label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
        )
        if rich:
            self.problems.append(f"label {label.objectName()!r} read as markup: {text!r}")

    def _box(self, box: QMessageBox) -> None:
        if box.isVisible():
            self.boxes_seen.add(box.text())
        if box.textFormat() != Qt.TextFormat.PlainText:
            self.problems.append(f"message box not plain text: {box.text()!r}")

    def _model(self, model: QAbstractItemModel, parent: QModelIndex | None = None) -> None:
        parent = parent or QModelIndex()
        try:
            columns = model.columnCount(parent)
        except TypeError:  # a list model keeps it private: it has one column
            columns = 1
        for row in range(model.rowCount(parent)):
            for column in range(columns):
                index = model.index(row, column, parent)
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    self._tooltip(tip, f"tooltip of {type(model).__name__} ({row}, {column})")

    def _tooltip(self, tip: str, where: str) -> None:
        if not tip:
            return
        shown = _rendered(tip)
        for marker, value in self.values.items():
            if marker in shown and value not in shown:
                self.problems.append(f"{where} does not show {value!r} literally: {shown!r}")


@pytest.fixture
def walked(
    qtbot: QtBot, make_window: WindowFactory, demo_db: Database
) -> Iterator[tuple[MainWindow, Walker]]:
    walker = Walker(hostile_case(demo_db))
    window = make_window(demo_db)
    yield window, walker
    assert not walker.problems, "\n".join(walker.problems)


def answering_modals(qtbot: QtBot, walker: Walker, action: Callable[[], object]) -> int:
    """Runs ``action``; every modal dialog or box it opens is checked, then refused."""
    answered = [0]

    def look() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible():
            return
        qtbot.wait(20)  # laid out and painted, as the user would see it
        walker.check()
        answered[0] += 1
        if isinstance(modal, QMessageBox):
            no = modal.button(QMessageBox.StandardButton.No)
            (no or modal.buttons()[-1]).click()
        elif isinstance(modal, QDialog):
            modal.reject()

    timer = QTimer()
    timer.setInterval(30)
    timer.timeout.connect(look)
    timer.start()
    try:
        action()
        qtbot.wait(50)
    finally:
        timer.stop()
    return answered[0]


@pytest.mark.slow
def test_every_screen_shows_markup_as_text(
    qtbot: QtBot, walked: tuple[MainWindow, Walker], tmp_path: Path
) -> None:
    window, walker = walked
    case_id = cases.find_case(window.db, NUMBER).case.id
    assert case_id is not None and window.case_list.select_case(case_id)
    editor = window.editor
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        qtbot.wait(10)
        walker.check()
    editor.tabs.setCurrentWidget(editor.evidence)
    tab = editor.evidence
    rows = range(tab.model.rowCount())
    row = next(r for r in rows if "x.png" in getattr(tab.model.item_at(r), "original_name", ""))
    tab.grid.setCurrentIndex(tab.model.index(row))
    qtbot.wait(10)
    walker.check()
    assert any("<img src=&#47;dev&#47;zero>x.png" in text for text in walker.labels_seen)

    viewer = tab.commands.view()
    assert viewer is not None
    qtbot.waitExposed(viewer)
    walker.check()
    viewer.close()

    assert answering_modals(qtbot, walker, tab.commands.delete) == 1
    assert answering_modals(qtbot, walker, window.menus.delete_case.trigger) == 1
    editor.tabs.setCurrentWidget(editor.timeline)
    editor.timeline.table.selectRow(editor.timeline.model.rowCount() - 1)
    assert answering_modals(qtbot, walker, editor.timeline.delete_button.click) == 1
    detail = cases.get_case(window.db, case_id)
    account_id, client_id = detail.account.id, detail.client.id
    assert account_id is not None and client_id is not None
    edit_account = lambda: window._edit_account(account_id)  # noqa: E731
    assert answering_modals(qtbot, walker, edit_account) == 1

    export = window.export_dossier()
    assert export is not None
    qtbot.waitUntil(lambda: export.preview.page_count > 0, timeout=20_000)
    walker.check()
    export.reject()

    clients_dialog = window.manage_clients()
    qtbot.waitExposed(clients_dialog)
    clients_dialog.select_client(client_id)
    walker.check()
    assert answering_modals(qtbot, walker, clients_dialog.edit_client) == 1
    clients_dialog.select_account(account_id)
    assert answering_modals(qtbot, walker, clients_dialog.edit_account) == 1
    assert answering_modals(qtbot, walker, clients_dialog.delete_client) >= 1
    clients_dialog.close()

    # Evidence, case and event were asked about; the evidence is named as it was typed.
    assert len(walker.boxes_seen) == 3, walker.boxes_seen
    assert any("<b>bold</b>" in text for text in walker.boxes_seen)
