"""The details of the selected piece of evidence: what it is, and the file behind it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.enums import EvidenceKind, EvidenceSource
from appealdesk.domain.evidence_rules import Protection, protection_of
from appealdesk.domain.labels import label
from appealdesk.domain.models import EvidenceItem
from appealdesk.domain.proof_models import EvidenceTimestamp
from appealdesk.domain.provenance import NO_ZONE, offset_text, shown_capture, zone
from appealdesk.i18n import _, format_datetime, format_file_size, format_number, ngettext
from appealdesk.services.changes import EvidenceField
from appealdesk.services.tsa_addresses import host_of
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.widgets.date_fields import DateTimeField
from appealdesk.ui.widgets.fields import ChoiceCombo, CommitLineEdit, CommitTextEdit, enum_combo
from appealdesk.ui.widgets.forms import set_form_labels
from appealdesk.ui.widgets.plain_text import plain_label


def _info_label() -> QLabel:
    info = plain_label()
    info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    info.setWordWrap(True)
    return info


class EvidenceDetails(Retranslatable, QWidget):
    """Emits ``field_committed(name, value)`` when the user changed a detail (``name`` is
    an :data:`~appealdesk.services.changes.EvidenceField`)."""

    field_committed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: EvidenceItem | None = None
        self.title = CommitLineEdit()
        self.title.setObjectName("evidence_title")
        self.kind = enum_combo(EvidenceKind, label)
        self.kind.setObjectName("evidence_kind")
        self.captured_at = DateTimeField()
        self.captured_at.setObjectName("evidence_captured_at")
        # Offsets in quarter hours, as time zones have them (UTC−12:00 … UTC+14:00).
        offsets = list(range(-12 * 60, 14 * 60 + 1, 15))
        self.zone = ChoiceCombo(offsets, offset_text, none_text=lambda: _(NO_ZONE))
        self.zone.setObjectName("evidence_zone")
        self.zone.may_shrink(10)
        self.capture_origin = _info_label()
        self.capture_origin.setObjectName("evidence_capture_origin")
        self.source = enum_combo(EvidenceSource, label, none_text=lambda: _("Not given"))
        self.source.setObjectName("evidence_source")
        self.source_url = CommitLineEdit()
        self.source_url.setObjectName("evidence_source_url")
        self.device = CommitLineEdit()
        self.device.setObjectName("evidence_device")
        self.note = CommitTextEdit()
        self.note.setMaximumHeight(90)
        self.sensitive = QCheckBox()
        self.sensitive.setObjectName("evidence_sensitive")
        self.include = QCheckBox()
        self.include.setObjectName("evidence_include")
        self.file_name, self.file_size, self.dimensions = (_info_label() for _ in range(3))
        self.black_out = _info_label()
        self.black_out.setObjectName("evidence_black_out")
        self.sha256 = DigestView()
        self.time_stamps = _info_label()
        self.time_stamps.setObjectName("evidence_time_stamps")
        self._stamps: Sequence[EvidenceTimestamp] = ()

        self.title.committed.connect(lambda v: self._commit("title", v))
        self.kind.committed.connect(lambda v: self._commit("kind", v))
        self.captured_at.committed.connect(lambda v: self._commit_capture(v, self.zone.value()))
        self.zone.committed.connect(lambda v: self._commit_capture(self.captured_at.value(), v))
        self.source.committed.connect(lambda v: self._commit("source", v))
        self.source_url.committed.connect(lambda v: self._commit("source_url", v))
        self.device.committed.connect(lambda v: self._commit("device", v))
        self.note.committed.connect(lambda v: self._commit("note", v))
        self.sensitive.clicked.connect(lambda v: self._commit("sensitive", bool(v)))
        self.include.clicked.connect(lambda v: self._commit("include_in_dossier", bool(v)))

        self.form = QFormLayout()
        self.form.setContentsMargins(0, 0, 0, 0)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.form)
        outer.addStretch(1)
        # What the user can change; disabled while no item is shown.
        self._editable = (
            self.title,
            self.kind,
            self.source,
            self.source_url,
            self.device,
            self.captured_at,
            self.zone,
            self.note,
            self.sensitive,
            self.include,
        )
        for widget in (
            self.title,
            self.kind,
            self.source,
            self.source_url,
            self.device,
            self.captured_at,
            self.zone,
            self.capture_origin,
            self.note,
            self.sensitive,
            self.black_out,
            self.include,
            self.file_name,
            self.file_size,
            self.dimensions,
            self.sha256,
            self.time_stamps,
        ):
            self.form.addRow(plain_label(), widget)
        self.show_item(None)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        set_form_labels(
            self.form,
            {
                0: _("&Title:"),
                1: _("&Kind:"),
                2: _("S&ource:"),
                3: _("&Web address:"),
                4: _("&Device or app:"),
                5: _("&Captured at:"),
                6: _("Time &zone:"),
                7: _("Time from:"),
                8: _("&Note:"),
                9: "",
                10: _("Black-out:"),
                11: "",
                12: _("Original file:"),
                13: _("Size:"),
                14: _("Dimensions:"),
                15: _("SHA-256:"),
                16: _("Time stamps:"),
            },
        )
        self.source_url.setPlaceholderText(_("https://… (for a web page)"))
        self.device.setPlaceholderText(_("Such as: iPhone 15, TikTok app"))
        self.zone.setToolTip(_("The time zone of the place and moment it was captured"))
        self.sensitive.setText(_("&Sensitive (identity document)"))
        self.sensitive.setToolTip(_("Sensitive: only protected copies leave AppealDesk"))
        self.include.setText(_("&Include in the dossier"))
        self.kind.retranslate()
        self.source.retranslate()
        self.zone.retranslate()
        self.captured_at.retranslate()
        self.show_item(self.item)
        self.show_time_stamps(self._stamps)

    def show_time_stamps(self, stamps: Sequence[EvidenceTimestamp]) -> None:
        """The trusted time stamps of the item shown, granted or still to come."""
        self._stamps = stamps
        self.form.setRowVisible(self.time_stamps, bool(stamps))
        self.time_stamps.setText("\n".join(map(stamp_text, stamps)))

    def show_item(self, item: EvidenceItem | None) -> None:
        same_item = item is not None and self.item is not None and item.id == self.item.id
        if not same_item:
            self.show_time_stamps(())
        self.item = item
        for widget in self._editable:
            widget.setEnabled(item is not None)
        self.form.setRowVisible(self.black_out, item is not None and item.sensitive)
        self.black_out.setText(black_out_state(item) if item is not None else "")
        if item is None:
            for info in (self.file_name, self.file_size, self.dimensions):
                info.setText("")
            self.sha256.setPlainText("")
            self.title.set_value("")
            self.note.set_value("")
            self.captured_at.show_nothing()
            self.kind.setCurrentIndex(-1)
            self.source.setCurrentIndex(-1)
            self.zone.setCurrentIndex(-1)
            self.source_url.set_value("")
            self.device.set_value("")
            self.capture_origin.setText("")
            return
        self.title.set_value(item.title)
        self.kind.set_value(item.kind)
        self.source.set_value(item.source)
        self.source_url.set_value(item.source_url)
        self.device.set_value(item.device)
        shown = shown_capture(item.captured_at, item.captured_offset)
        wall_clock = shown.replace(tzinfo=None) if shown else item.created_at
        self.captured_at.set_value(wall_clock, keep_typed=same_item)
        self.zone.set_value(item.captured_offset)
        self.capture_origin.setText(
            label(item.capture_source) if item.captured_at else _("No capture time recorded")
        )
        self.note.set_value(item.note)
        self.sensitive.setChecked(item.sensitive)
        self.include.setChecked(item.include_in_dossier)
        self.file_name.setText(f"{item.original_name} ({item.media_type})")
        self.file_size.setText(format_file_size(item.size_bytes))
        if item.width and item.height:
            self.dimensions.setText(
                _("{width} × {height} pixels").format(
                    width=format_number(item.width), height=format_number(item.height)
                )
            )
        else:
            self.dimensions.setText("—")
        self.sha256.setPlainText(item.sha256)

    def commit_pending(self) -> None:
        for widget in (self.title, self.note, self.captured_at, self.source_url, self.device):
            if widget.hasFocus():
                widget.commit()

    def _commit(self, name: EvidenceField, value: Any) -> None:
        if self.item is not None and getattr(self.item, name) != value:
            self.field_committed.emit(name, value)

    def _commit_capture(self, wall_clock: dt.datetime, offset: int | None) -> None:
        """The capture time as typed, in the chosen zone (naive when none is chosen)."""
        if self.item is None:
            return
        moment = wall_clock.replace(tzinfo=zone(offset)) if offset is not None else wall_clock
        if (moment, offset) != (
            shown_capture(self.item.captured_at, self.item.captured_offset),
            self.item.captured_offset,
        ):
            self.field_committed.emit("captured_at", moment)


def stamp_text(stamp: EvidenceTimestamp) -> str:
    authority = host_of(stamp.authority_url)
    if stamp.response is not None and stamp.stamped_at_utc is not None:
        return _("{authority}, {time} UTC").format(
            authority=authority, time=format_datetime(stamp.stamped_at_utc, "medium")
        )
    return _("{authority}: not yet ({reason})").format(
        authority=authority, reason=stamp.error or _("not asked yet")
    )


def black_out_state(item: EvidenceItem) -> str:
    """What a sensitive item's protected copy gets, or what it still needs to be exported."""
    state = protection_of(item)
    if state is Protection.AREAS:
        count = len(item.redactions)
        return ngettext("{count} area blacked out", "{count} areas blacked out", count).format(
            count=format_number(count)
        )
    if state is Protection.CONFIRMED:
        return _("Nothing to black out, confirmed on {date}").format(
            date=format_datetime(item.no_blackout_confirmed_at, "medium")
        )
    if state is Protection.PDF:
        return _(
            "A PDF cannot be protected, so it is never exported: add a photo or scan of the "
            "document instead."
        )
    if state is Protection.NEEDED:
        return _(
            "Black-out areas still needed before export: choose Black out… to draw them, or "
            "to confirm there is nothing to black out."
        )
    return ""


class DigestView(QPlainTextEdit):
    """The whole SHA-256, broken over lines anywhere (it has no spaces) and copied whole:
    a cut-off digest would look like the real one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidence_sha256")
        self.setReadOnly(True)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabChangesFocus(True)
        font = self.font()
        font.setFamily("monospace")
        font.setStyleHint(font.StyleHint.Monospace)
        self.setFont(font)
        self.setStyleSheet("background: transparent;")
        self.document().setDocumentMargin(0)
        # Room for the digest on up to four lines of a narrow panel.
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 4)

    def text(self) -> str:
        return self.toPlainText()
