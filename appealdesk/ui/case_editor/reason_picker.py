"""Choosing the reason of a block: guideline area, then sub-policy, with what they forbid."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from appealdesk.domain.taxonomy import GuidelineArea, GuidelinePolicy, taxonomy
from appealdesk.i18n import _
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.widgets.fields import ChoiceCombo
from appealdesk.ui.widgets.plain_text import plain_label


def _area_name(area: GuidelineArea) -> str:
    return area.name.text()


def _policy_name(policy: GuidelinePolicy) -> str:
    return policy.name.text()


class ReasonPicker(Retranslatable, QWidget):
    """Emits ``reason_committed(area_key, policy_key)`` when the user picks either."""

    reason_committed = Signal(object, object)  # the area key and policy key, each or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = ChoiceCombo(taxonomy().areas, _area_name, none_text=lambda: _("— not known —"))
        self.area.setObjectName("reason_area")
        self.policy = ChoiceCombo([], _policy_name, none_text=lambda: _("— whole area —"))
        self.policy.setObjectName("reason_policy")
        self.description = plain_label()
        self.description.setObjectName("reason_description")
        self.description.setWordWrap(True)
        self.description.setMinimumHeight(self.fontMetrics().lineSpacing() * 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.area)
        layout.addWidget(self.policy)
        layout.addWidget(self.description)
        self.area.committed.connect(self._area_chosen)
        self.policy.committed.connect(self._policy_chosen)
        self.setFocusProxy(self.area)

    def set_reason(self, area_key: str | None, policy_key: str | None) -> None:
        area = taxonomy().area(area_key)
        self.area.set_value(area)
        self.policy.set_values(area.policies if area else [])
        self.policy.set_value(area.policy(policy_key) if area and policy_key else None)
        self.policy.setEnabled(area is not None)
        self._describe()

    def _area_chosen(self, area: GuidelineArea | None) -> None:
        self.policy.set_values(area.policies if area else [])
        self.policy.set_value(None)
        self.policy.setEnabled(area is not None)
        self._describe()
        self.reason_committed.emit(area.key if area else None, None)

    def _policy_chosen(self, policy: GuidelinePolicy | None) -> None:
        self._describe()
        area = self.area.value()
        self.reason_committed.emit(area.key if area else None, policy.key if policy else None)

    def _describe(self) -> None:
        area: GuidelineArea | None = self.area.value()
        policy: GuidelinePolicy | None = self.policy.value()
        if policy is not None:
            self.description.setText(policy.description.text())
        elif area is not None:
            self.description.setText(area.description.text())
        else:
            self.description.setText(_("Choose the guideline the platform says was broken."))

    def retranslate_ui(self) -> None:
        self.area.retranslate()
        self.policy.retranslate()
        self._describe()
