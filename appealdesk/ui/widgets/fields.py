"""Input widgets that report a value once the user is done with it (no Save button).

Each has ``set_value()``, which never reports, and a ``committed`` signal, emitted only when
the user finished an edit that changed the value: on Enter or leaving a line, on leaving a
text box, on choosing an item. (Dates have their fields in :mod:`.date_fields`.)

A text the user is still typing in (it has the focus and differs from the value shown last)
is not replaced by ``set_value()`` (the case shown again after a change made elsewhere): it
keeps what was typed, which is saved as usual when the user leaves it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)


class CommitLineEdit(QLineEdit):
    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = ""
        self.editingFinished.connect(self.commit)

    def set_value(self, value: str) -> None:
        typing = self.hasFocus() and self.text() != self._value
        self._value = value
        if not typing and self.text() != value:
            self.setText(value)

    def commit(self) -> None:
        if self.text() != self._value:
            self._value = self.text()
            self.committed.emit(self._value)


class CommitTextEdit(QPlainTextEdit):
    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = ""
        self.setTabChangesFocus(True)

    def set_value(self, value: str) -> None:
        typing = self.hasFocus() and self.toPlainText() != self._value
        self._value = value
        if not typing and self.toPlainText() != value:
            self.setPlainText(value)

    def commit(self) -> None:
        text = self.toPlainText()
        if text != self._value:
            self._value = text
            self.committed.emit(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self.commit()
        super().focusOutEvent(event)


class ChoiceCombo(QComboBox):
    """A choice among values shown by their translated names; None can be a choice too."""

    committed = Signal(object)  # the chosen value (of any type the combo holds), or None

    def __init__(
        self,
        values: Sequence[Any],
        describe: Callable[[Any], str],
        *,
        none_text: Callable[[], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._describe = describe
        self._none_text = none_text
        self._values: list[Any] = ([None] if none_text else []) + list(values)
        for value in self._values:
            self.addItem(self._text(value), value)
        self.activated.connect(self._chosen)

    def may_shrink(self, characters: int = 16) -> None:
        """Narrower than its longest choice (which its list still shows whole), so a long
        name does not widen the form it sits in."""
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(characters)

    def _text(self, value: Any) -> str:
        if value is None and self._none_text is not None:
            return self._none_text()
        return self._describe(value)

    def set_values(self, values: Sequence[Any]) -> None:
        """Replaces the choices, keeping the current one when it is still there."""
        current = self.value()
        self.blockSignals(True)
        self.clear()
        self._values = ([None] if self._none_text else []) + list(values)
        for value in self._values:
            self.addItem(self._text(value), value)
        self.set_value(current)
        self.blockSignals(False)

    def index_of(self, value: Any) -> int:
        return self._values.index(value) if value in self._values else -1

    def value(self) -> Any:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def set_value(self, value: Any) -> None:
        index = self.index_of(value)
        if index < 0 and self._values:
            index = 0
        if index != self.currentIndex():
            self.setCurrentIndex(index)

    def retranslate(self) -> None:
        for index, value in enumerate(self._values):
            self.setItemText(index, self._text(value))
        # Qt measures the texts once, when the box is first shown; another language has
        # other lengths ("Niet nodig" / "Not needed"). Setting a policy measures again.
        policy = self.sizeAdjustPolicy()
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setSizeAdjustPolicy(policy)

    def _chosen(self, index: int) -> None:
        self.committed.emit(self._values[index])


def enum_combo(
    enum_cls: type[StrEnum],
    describe: Callable[[Any], str],
    *,
    none_text: Callable[[], str] | None = None,
) -> ChoiceCombo:
    return ChoiceCombo(list(enum_cls), describe, none_text=none_text)


def search_anywhere(combo: QComboBox) -> None:
    """Lets the user type any part of an item (a handle, a client) to find it in a long list."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    if completer is not None:
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
