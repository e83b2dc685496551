"""Several values of one vocabulary, each a check box (the EU database allows more than one)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QWidget

from appealdesk.ui.widgets.flow_layout import FlowLayout


class ChoiceSet(QWidget):
    committed = Signal(list)  # the values ticked, in the order they are offered

    def __init__(
        self,
        values: Sequence[Any],
        describe: Callable[[Any], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._describe = describe
        self._boxes: dict[Any, QCheckBox] = {}
        layout = FlowLayout(self, spacing=10)
        for value in values:
            box = QCheckBox(describe(value))
            box.clicked.connect(self._changed)
            layout.addWidget(box)
            self._boxes[value] = box

    def value(self) -> list[Any]:
        return [value for value, box in self._boxes.items() if box.isChecked()]

    def set_value(self, values: Sequence[Any]) -> None:
        chosen = set(values)
        for value, box in self._boxes.items():
            box.setChecked(value in chosen)

    def box(self, value: Any) -> QCheckBox:
        return self._boxes[value]

    def retranslate(self) -> None:
        for value, box in self._boxes.items():
            box.setText(self._describe(value))

    def _changed(self) -> None:
        self.committed.emit(self.value())
