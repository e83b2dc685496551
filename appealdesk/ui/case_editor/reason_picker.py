"""Choosing the reason of a block: guideline area, then sub-policy, with what they forbid."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from appealdesk.domain.enums import Platform
from appealdesk.domain.taxonomy import (
    GUIDELINES_PLATFORM,
    GuidelineArea,
    GuidelinePolicy,
    Taxonomy,
    edition_citation,
    find_reason,
    has_guidelines,
    not_carried,
    taxonomy_for,
)
from appealdesk.i18n import _, current_language, format_date
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.widgets.fields import ChoiceCombo
from appealdesk.ui.widgets.plain_text import plain_label


def _policy_name(policy: GuidelinePolicy) -> str:
    return policy.name.text()


class ReasonPicker(Retranslatable, QWidget):
    """Emits ``reason_committed(area_key, policy_key)`` when the user picks either.

    It offers the guideline edition in force on the block date; a reason stored from another
    edition stays shown (marked with its edition) until the user picks another one. For an
    account on a platform whose guidelines are not here, it says so and offers nothing."""

    reason_committed = Signal(object, object)  # the area key and policy key, each or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edition: Taxonomy = taxonomy_for(None)
        self._stored_from: Taxonomy | None = None  # the edition of a stored area not in force
        self._platform = GUIDELINES_PLATFORM
        self.area = ChoiceCombo(
            self._edition.areas, self._area_name, none_text=lambda: _("— not known —")
        )
        self.area.setObjectName("reason_area")
        self.policy = ChoiceCombo([], _policy_name, none_text=lambda: _("— whole area —"))
        self.policy.setObjectName("reason_policy")
        for combo in (self.area, self.policy):
            combo.may_shrink()
        self.description = plain_label()
        self.description.setObjectName("reason_description")
        self.description.setWordWrap(True)
        self.description.setMinimumHeight(self.fontMetrics().lineSpacing() * 2)
        self.edition = plain_label()
        self.edition.setObjectName("reason_edition")
        self.edition.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.area)
        layout.addWidget(self.policy)
        layout.addWidget(self.description)
        layout.addWidget(self.edition)
        self.area.committed.connect(self._area_chosen)
        self.policy.committed.connect(self._policy_chosen)
        self.setFocusProxy(self.area)

    def _area_name(self, area: GuidelineArea) -> str:
        if self._stored_from is not None and area not in self._edition.areas:
            return _("{area} (edition of {month})").format(
                area=area.name.text(), month=_month(self._stored_from)
            )
        return area.name.text()

    def set_reason(
        self, area_key: str | None, policy_key: str | None, day: dt.date, platform: Platform
    ) -> None:
        """Shows the stored reason with the choices of the edition in force on ``day``."""
        self._platform = platform
        carried = has_guidelines(platform)
        for widget in (self.area, self.policy, self.edition):
            widget.setVisible(carried)
        if not carried:
            self._describe()
            return
        reason = find_reason(day, area_key, policy_key)
        self._edition = reason.in_force
        area = reason.area
        areas = list(self._edition.areas)
        self._stored_from = None
        if area is not None and area not in areas:
            self._stored_from = reason.edition
            areas.append(area)
        self.area.set_values(areas)
        self.area.set_value(area)
        self.policy.set_values(area.policies if area else [])
        self.policy.set_value(reason.policy)
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
        if not has_guidelines(self._platform):
            self.description.setText(not_carried(self._platform))
            return
        area: GuidelineArea | None = self.area.value()
        policy: GuidelinePolicy | None = self.policy.value()
        if policy is not None:
            self.description.setText(policy.description.text())
        elif area is not None:
            self.description.setText(area.description.text())
        else:
            self.description.setText(_("Choose the guideline the platform says was broken."))
        self.edition.setText(
            _("Guidelines: {edition}.").format(
                edition=edition_citation(self._edition, current_language())
            )
        )

    def retranslate_ui(self) -> None:
        self.area.retranslate()
        self.policy.retranslate()
        self._describe()


def _month(edition: Taxonomy) -> str:
    return format_date(edition.edition_month, "MMMM y")
